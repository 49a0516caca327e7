"""In/Out schemas of the registry API.

Money travels as TL strings with two decimals ("12500.00"), never as JSON floats; dates are ISO;
choice fields are the registry codes of `refah.registry.enums`. Health and disability fields
are dumped only for users who may see them (KVKK special category).

Split by subject; routers import from here, not from the modules.
"""

from refah.common.schemas import ErrorOut  # re-exported: some apps' routers take it from here
from refah.registry.schemas.audit_trail import AuditEventOut
from refah.registry.schemas.errors import ERRORS, WRITE_ERRORS
from refah.registry.schemas.finance import AssetOut, HouseholdAssetIn, IncomeIn, IncomeOut
from refah.registry.schemas.households import (
    HouseholdDetail,
    HouseholdIn,
    HouseholdPage,
    HouseholdPatch,
    HouseholdSummary,
)
from refah.registry.schemas.members import (
    HouseholdMemberIn,
    MemberOut,
    MembershipEndIn,
    MembershipIn,
    MembershipOut,
    MoveIn,
)
from refah.registry.schemas.merges import MergeIn, MergeUndoIn, PersonMergeOut, PersonMergePage
from refah.registry.schemas.persons import (
    HouseholdRef,
    PersonBrief,
    PersonDetail,
    PersonIn,
    PersonListItem,
    PersonOut,
    PersonPage,
    PersonPatch,
)
from refah.registry.schemas.restricted import SENSITIVE_FIELDS
from refah.registry.schemas.values import IsoDate, Money, PlaceOut

__all__ = [
    "ERRORS",
    "SENSITIVE_FIELDS",
    "WRITE_ERRORS",
    "AssetOut",
    "AuditEventOut",
    "ErrorOut",
    "HouseholdAssetIn",
    "HouseholdDetail",
    "HouseholdIn",
    "HouseholdMemberIn",
    "HouseholdPage",
    "HouseholdPatch",
    "HouseholdRef",
    "HouseholdSummary",
    "IncomeIn",
    "IncomeOut",
    "IsoDate",
    "MemberOut",
    "MergeIn",
    "MergeUndoIn",
    "MembershipEndIn",
    "MembershipIn",
    "MembershipOut",
    "Money",
    "MoveIn",
    "PersonBrief",
    "PersonDetail",
    "PersonIn",
    "PersonListItem",
    "PersonMergeOut",
    "PersonMergePage",
    "PersonOut",
    "PersonPage",
    "PersonPatch",
    "PlaceOut",
]
