"""access_record(): the one way a read of personal data is written to the access log (KVKK).

Called by the permission-checked selectors, once per read: one row for a household, a person, a document, a
report or an export; one row for a whole list, with the households and persons it showed in `subjects`. Reads
refused (no permission, outside the jurisdiction, a wrong id) record nothing: nothing personal was shown. There
is no service to change or delete an access row (docs/access-log.md).
"""

import functools
from collections.abc import Iterable

from django.db.models import Model
from django.utils import timezone

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.models_access import AccessEvent
from refah.common import sql
from refah.common.middleware import current_request_id

_ENUMS = tuple((enum, frozenset(enum.values)) for enum in (AccessPurpose, AccessChannel, AccessKind))


def access_event(
    *,
    actor,
    purpose: str,
    channel: str,
    kind: str,
    obj: Model | None = None,
    household_id=None,
    person_id=None,
    district_id=None,
    sensitive: bool = False,
    count: int = 1,
    at=None,
    sealed: bool = False,
) -> AccessEvent:
    """The unsaved AccessEvent of a read (checked: purpose, channel and kind are the enums' values). `actor` is
    the user, or a label for a reader who is not staff (the citizen on the portal). A `sealed` read (of a sealed
    record, refah.shelters) names no household, person or district and is kept from every ordinary reader."""
    for value, (enum, values) in zip((purpose, channel, kind), _ENUMS, strict=True):
        if value not in values:
            raise ValueError(f"{value!r} is not an {enum.__name__}")
    user = actor if getattr(actor, "is_authenticated", False) else None
    if sealed:
        household_id = person_id = district_id = None
    return sql.new(
        AccessEvent,
        at=at or timezone.now(),
        actor=user,
        actor_label=user.get_username() if user else str(actor or "system"),
        purpose=purpose,
        channel=channel,
        kind=kind,
        sensitive=sensitive,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        household_id=household_id,
        person_id=person_id,
        district_id=district_id,
        count=count,
        request_id=current_request_id() or "",
        sealed=sealed,
    )


def access_record(*, households: Iterable | None = None, persons: Iterable | None = None, **event) -> AccessEvent:
    """Write one AccessEvent (arguments as access_event()), at once and in one statement, inside the caller's
    transaction if there is one. For a list, `households` and `persons` are the ids it showed; unless `count`
    is given, the count is the number of persons (or of households when no person is listed)."""
    record = access_event(**event)
    if households is not None or persons is not None:
        listed = {"households": _ids(households), "persons": _ids(persons)}
        record.subjects = listed
        if "count" not in event:
            record.count = len(listed["persons"]) or len(listed["households"])
    sql.insert([record], returning=())
    return record


def _ids(values: Iterable | None) -> list[str]:
    """Distinct ids as text, in the order first shown (None — a person without a household — left out)."""
    return list(dict.fromkeys(str(v) for v in values or () if v is not None))


def access_insert_select(record: AccessEvent, from_row: dict[str, str]) -> tuple[str, list]:
    """`INSERT INTO <access log> (…) SELECT …` of the event, the columns named in `from_row` (attname → SQL
    expression) taken from the row the read selects, the others as parameters: the caller appends the FROM and
    WHERE of its read, so the read and its log row are one statement, and a read that finds nothing logs nothing."""
    head, fields = _insert_select(tuple(sorted(from_row.items())))
    conn = sql.db()
    return head, [f.get_db_prep_save(f.pre_save(record, True), conn) for f in fields]


@functools.cache
def _insert_select(from_row: tuple[tuple[str, str], ...]) -> tuple[str, tuple]:
    taken = dict(from_row)
    columns = [f for f in AccessEvent._meta.concrete_fields if not f.db_returning]
    values = [taken.get(f.attname, "%s") for f in columns]
    head = (
        f"INSERT INTO {sql.table(AccessEvent)} ({', '.join(sql.qn(f.column) for f in columns)}) "
        f"SELECT {', '.join(values)}"
    )
    return head, tuple(f for f in columns if f.attname not in taken)
