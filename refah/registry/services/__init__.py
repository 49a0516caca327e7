"""Writes to the registry. Each runs in one transaction, checks jurisdiction and leaves an AuditEvent.

Split by subject; other apps, views, the API and the file import call them from here, not from the modules."""

from refah.registry.services.finance import (
    asset_dispose,
    asset_record,
    attendance_record,
    income_end,
    income_record,
)
from refah.registry.services.households import (
    HOUSEHOLD_FIELDS,
    MemberInput,
    household_register,
    household_update,
    new_household_code,
)
from refah.registry.services.members import member_add, member_move, member_remove
from refah.registry.services.merges import GAP_FIELDS, TAKE_FIELDS, person_merge, person_merge_undo
from refah.registry.services.merges import PERMISSION as MERGE_PERMISSION
from refah.registry.services.persons import EARLIEST_BIRTH_DATE, PERSON_FIELDS, new_internal_id, person_update
from refah.registry.services.registered_bulk import RegisteredRows, registered_write_bulk

__all__ = [
    "EARLIEST_BIRTH_DATE",
    "GAP_FIELDS",
    "HOUSEHOLD_FIELDS",
    "MERGE_PERMISSION",
    "PERSON_FIELDS",
    "TAKE_FIELDS",
    "MemberInput",
    "RegisteredRows",
    "asset_dispose",
    "asset_record",
    "attendance_record",
    "household_register",
    "household_update",
    "income_end",
    "income_record",
    "member_add",
    "member_move",
    "member_remove",
    "new_household_code",
    "new_internal_id",
    "person_merge",
    "person_merge_undo",
    "person_update",
    "registered_write_bulk",
]
