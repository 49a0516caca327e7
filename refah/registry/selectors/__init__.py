"""Reads of the registry, always scoped by the user's jurisdiction and permissions: outside the jurisdiction an
object is "not found", exactly like a wrong id. Reads that show personal data write the access log.

Split by subject; other apps, views and the API import from here, not from the modules."""

from refah.registry.selectors.audit_trail import household_audit, household_audit_trail
from refah.registry.selectors.districts import district_by_pcode, districts_for_user
from refah.registry.selectors.exchange_sql import Holdings, holdings, members_with_national_id, persons_truth
from refah.registry.selectors.finance import (
    household_assets,
    household_attendance,
    household_incomes,
    household_monthly_income_kurus,
)
from refah.registry.selectors.household_json import household_document
from refah.registry.selectors.households import (
    Page,
    access_household_by_code,
    access_household_by_id,
    household_detail,
    household_history,
    household_list,
    household_list_logged,
    household_page,
    household_read,
    households_recent,
)
from refah.registry.selectors.import_reports import import_report_exported
from refah.registry.selectors.members import (
    access_membership_by_id,
    current_household_ids,
    current_members,
    current_memberships,
    household_member_person,
    is_current_member,
    members_on,
    membership_history,
    reference_person,
)
from refah.registry.selectors.merges import (
    VIEW_MERGES,
    PersonPage,
    access_merge_by_id,
    merge_by_link,
    merge_counts,
    merge_details,
    merge_list,
    merges_shown,
    person_for_merge,
    person_page,
)
from refah.registry.selectors.permissions import can_view_sensitive, require_view, uuid_or_404
from refah.registry.selectors.persons import (
    access_person_by_id,
    access_person_in_reach_by_id,
    identity_number_taken,
    person_current_household,
    person_detail,
    person_in_jurisdiction,
    person_in_reach,
)
from refah.registry.selectors.search import NAME_SIMILARITY_MIN, person_search

__all__ = [
    "NAME_SIMILARITY_MIN",
    "Holdings",
    "VIEW_MERGES",
    "Page",
    "PersonPage",
    "access_household_by_code",
    "access_household_by_id",
    "access_membership_by_id",
    "access_merge_by_id",
    "access_person_by_id",
    "access_person_in_reach_by_id",
    "can_view_sensitive",
    "current_household_ids",
    "current_members",
    "current_memberships",
    "district_by_pcode",
    "districts_for_user",
    "household_assets",
    "household_attendance",
    "household_audit",
    "household_audit_trail",
    "household_detail",
    "household_document",
    "household_history",
    "household_incomes",
    "household_list",
    "household_list_logged",
    "household_member_person",
    "household_monthly_income_kurus",
    "household_page",
    "household_read",
    "holdings",
    "households_recent",
    "identity_number_taken",
    "import_report_exported",
    "is_current_member",
    "members_on",
    "members_with_national_id",
    "merge_by_link",
    "merge_counts",
    "merge_details",
    "merge_list",
    "merges_shown",
    "membership_history",
    "person_current_household",
    "person_detail",
    "person_for_merge",
    "person_in_jurisdiction",
    "person_in_reach",
    "person_page",
    "person_search",
    "persons_truth",
    "reference_person",
    "require_view",
    "uuid_or_404",
]
