"""The registry's persons as columns for record linkage (refah.linkage): one query, Arrow out."""

from uuid import UUID

import pyarrow as pa
from django.db.models import CharField, Value
from django.db.models.functions import Cast, NullIf

from refah.accounts.selectors import jurisdiction_q
from refah.registry.linkage_columns import LINKAGE_SCHEMA
from refah.registry.models import Membership, Person

CHUNK = 50_000
_TEXT = ("national_id", "first_name", "last_name", "father_name", "mother_name", "phone")


def linkage_persons(*, user, person_ids=None) -> pa.Table:
    """Every person with a current household in the user's jurisdiction (or those of `person_ids` among them),
    in the linkage engine's columns; `record_id` is the person's id. Read in chunks of one query's cursor and
    turned into Arrow a column at a time."""
    rows = Membership.objects.current().filter(jurisdiction_q(user, prefix="household__"))
    if person_ids is not None:
        rows = rows.filter(person_id__in=list(person_ids))
    # Text columns come out of the database as they go into Arrow (empty as NULL, the id as text), so the rows
    # are only transposed here, never visited one by one in Python.
    rows = rows.order_by().annotate(
        l_id=Cast("person_id", CharField()),
        **{f"l_{name}": NullIf(f"person__{name}", Value("")) for name in _TEXT},
    )
    values = rows.values_list(
        "l_id",
        "l_national_id",
        "l_first_name",
        "l_last_name",
        "person__birth_date",
        "l_father_name",
        "l_mother_name",
        "household__district__pcode",
        "household__neighbourhood__name",
        "l_phone",
    ).iterator(chunk_size=CHUNK)
    batches = []
    chunk: list[tuple] = []
    for row in values:
        chunk.append(row)
        if len(chunk) == CHUNK:
            batches.append(_batch(chunk))
            chunk = []
    batches.append(_batch(chunk))
    return pa.Table.from_batches(batches, schema=LINKAGE_SCHEMA)


def _batch(chunk: list[tuple]) -> pa.RecordBatch:
    columns = list(zip(*chunk, strict=True)) if chunk else [[] for _ in LINKAGE_SCHEMA]
    arrays = [pa.array(column, type=field.type) for field, column in zip(LINKAGE_SCHEMA, columns, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=LINKAGE_SCHEMA)


def visible_persons_by_national_id(*, user, national_ids) -> dict[str, UUID]:
    """Identity number → id of the person holding it, among persons with a current household in the user's
    jurisdiction (one query)."""
    numbers = [n for n in national_ids if n]
    if not numbers:
        return {}
    visible = Membership.objects.current().filter(jurisdiction_q(user, prefix="household__")).values("person_id")
    rows = Person.objects.filter(national_id__in=numbers, pk__in=visible).values_list("national_id", "pk")
    return dict(rows)
