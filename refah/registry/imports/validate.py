"""Validation of a read file: every row, every household and the database checked; nothing written."""

import hashlib
from dataclasses import dataclass, field

from refah.accounts.selectors import district_in_jurisdiction
from refah.geo.models import District, Province
from refah.geo.services import district_by_name, province_by_name
from refah.registry import enums as E
from refah.registry import identity, selectors
from refah.registry.imports.columns import COLUMN_BY_KEY, COLUMN_BY_NAME, COLUMNS, IGNORED_COLUMNS, norm
from refah.registry.imports.messages import (
    ERR_DUPLICATE_COLUMN,
    ERR_ID_CHECKSUM,
    ERR_ID_ELSEWHERE,
    ERR_ID_FOREIGN,
    ERR_ID_FORMAT,
    ERR_ID_NOT_ALLOWED,
    ERR_ID_REGISTERED,
    ERR_ID_TC_99,
    ERR_ID_TWICE,
    ERR_ID_ZERO,
    ERR_INCOME_KIND,
    ERR_INCONSISTENT,
    ERR_MISSING_COLUMN,
    ERR_NO_REFERENCE,
    ERR_NO_ROWS,
    ERR_NOT_IN_EXISTING,
    ERR_OUTSIDE_JURISDICTION,
    ERR_RENT_NOT_TENANT,
    ERR_REQUIRED,
    ERR_TWO_REFERENCES,
    ERR_UNKNOWN_COLUMN,
    ERR_UNKNOWN_DISTRICT,
    ERR_UNKNOWN_PROVINCE,
    SKIP_HOUSEHOLD,
    SKIP_PERSON,
    FieldProblem,
    Item,
    Reason,
)
from refah.registry.models import Household, Membership, Person


@dataclass
class Row:
    number: int
    ref: str
    values: dict = field(default_factory=dict)  # column name -> parsed value, only cells with a value
    raw: dict = field(default_factory=dict)
    existing_person: Person | None = None

    def of(self, level: str) -> dict:
        return {c.name: self.values[c.name] for c in COLUMNS if c.level == level and c.name in self.values}


@dataclass
class HouseholdPlan:
    ref: str
    rows: list[Row]
    data: dict = field(default_factory=dict)
    district: District | None = None
    external_ref: str = ""
    existing: Household | None = None


@dataclass
class Plan:
    households: list[HouseholdPlan]
    items: list[Item]

    @property
    def errors(self) -> list[Item]:
        return [i for i in self.items if i.level == "error"]

    def counts(self) -> dict:
        rows = [(h, r) for h in self.households for r in h.rows]
        new_persons = [r for h, r in rows if not h.existing and not r.existing_person]
        households_new = sum(1 for h in self.households if not h.existing)
        return {
            "rows": len(rows),
            "households_new": households_new,
            "households_existing": len(self.households) - households_new,
            "persons_new": len(new_persons),
            "persons_existing": len(rows) - len(new_persons),
            "incomes_new": sum(1 for r in new_persons if r.values.get("monthly_income")),
        }


def household_file_validate(*, actor, office, rows: list[tuple[int, list]]) -> Plan:
    """Check every row and household against the rules and the database; writes nothing."""
    (_, header), body = rows[0], rows[1:]
    columns, items = _map_header(header)
    if items:
        return Plan([], items)
    if not body:
        return Plan([], [Item(1, "", ERR_NO_ROWS)])
    labels = {name: header[i] for i, name in columns.items()}
    parsed = [_row_parse(number, values, columns, labels, items) for number, values in body]
    households = _group(parsed, labels, items)
    resolver = _Places(actor, labels)
    for hh in households:
        hh.district = resolver.district(hh, items)
        hh.external_ref = external_ref_for(office=office, household_ref=hh.ref)
    _check_identities(parsed, labels, items)
    _match_existing(actor, households, labels, items)
    return Plan(households, sorted(items, key=lambda i: (i.row or 0, i.level != "error")))


def external_ref_for(*, office, household_ref: str) -> str:
    """Stable key of a file's household: the same reference from the same office is the same household."""
    return "imp:" + hashlib.sha256(f"{office.pk}:{household_ref.strip()}".encode()).hexdigest()[:40]


def _map_header(header: list) -> tuple[dict[int, str], list[Item]]:
    columns: dict[int, str] = {}
    items = []
    for i, title in enumerate(header):
        key = norm(title)
        if not key or key in IGNORED_COLUMNS:
            continue
        column = COLUMN_BY_KEY.get(key)
        if column is None:
            items.append(Item(1, str(title), ERR_UNKNOWN_COLUMN))
        elif column.name in columns.values():
            items.append(Item(1, str(title), ERR_DUPLICATE_COLUMN))
        else:
            columns[i] = column.name
    for column in COLUMNS:
        if column.required and column.name not in columns.values():
            items.append(Item(1, column.turkish, ERR_MISSING_COLUMN))
    return columns, items


def _row_parse(number: int, values: list, columns: dict, labels: dict, items: list) -> Row:
    row = Row(number=number, ref="")
    for i, name in columns.items():
        raw = values[i] if i < len(values) else ""
        column = COLUMN_BY_NAME[name]
        if raw == "":
            if column.required and column.level != "household":  # may be given on another row
                items.append(Item(number, labels[name], ERR_REQUIRED))
            continue
        row.raw[name] = str(raw)
        try:
            row.values[name] = column.parse(raw)
        except FieldProblem as problem:
            items.append(Item(number, labels[name], problem.reason, problem.params))
    row.ref = row.values.get("household_ref", "")
    _row_rules(row, labels, items)
    return row


def _row_rules(row: Row, labels: dict, items: list) -> None:
    v = row.values
    if "id_kind" not in v and "national_id" in v:
        v["id_kind"] = E.IdKind.FOREIGN if v["national_id"].startswith("99") else E.IdKind.TC
    v.setdefault("id_kind", E.IdKind.INTERNAL)
    reason = _identity_problem(v["id_kind"], v.get("national_id"))
    if reason:
        items.append(Item(row.number, labels.get("national_id", "tc_kimlik_no"), reason))
    if v["id_kind"] == E.IdKind.FOREIGN and "protection_status" not in v:
        items.append(Item(row.number, labels.get("protection_status", "yasal_statu"), ERR_REQUIRED))
    if v.get("monthly_income") and "income_kind" not in v:
        items.append(Item(row.number, labels.get("income_kind", "gelir_turu"), ERR_INCOME_KIND))


_ID_REASONS = [
    (identity.ERR_NOT_11_DIGITS, ERR_ID_FORMAT),
    (identity.ERR_LEADING_ZERO, ERR_ID_ZERO),
    (identity.ERR_CHECK_10, ERR_ID_CHECKSUM),
    (identity.ERR_CHECK_11, ERR_ID_CHECKSUM),
]


def _identity_problem(kind: str, number: str | None) -> Reason | None:
    if kind == E.IdKind.INTERNAL:
        return ERR_ID_NOT_ALLOWED if number else None
    if not number:
        return ERR_REQUIRED
    for error in identity.identity_number_errors(number):
        return next(reason for message, reason in _ID_REASONS if message is error)
    if kind == E.IdKind.TC and number.startswith("99"):
        return ERR_ID_TC_99
    if kind == E.IdKind.FOREIGN and not number.startswith("99"):
        return ERR_ID_FOREIGN
    return None


def _group(rows: list[Row], labels: dict, items: list) -> list[HouseholdPlan]:
    """Rows by household reference, in file order; household fields must agree across rows."""
    plans: dict[str, HouseholdPlan] = {}
    for row in rows:
        if row.ref:
            plans.setdefault(row.ref, HouseholdPlan(ref=row.ref, rows=[])).rows.append(row)
    for hh in plans.values():
        seen: dict[str, Row] = {}
        for row in hh.rows:
            for name, value in row.of("household").items():
                first = seen.setdefault(name, row)
                if norm(first.values[name]) != norm(value):
                    params = {"other": first.number, "value": row.raw[name], "first": first.raw[name]}
                    items.append(Item(row.number, labels[name], ERR_INCONSISTENT, params))
        hh.data = {name: first.values[name] for name, first in seen.items()}
        missing = [c.name for c in COLUMNS if c.level == "household" and c.required and c.name not in hh.data]
        items.extend(Item(hh.rows[0].number, labels[name], ERR_REQUIRED) for name in missing if name in labels)
        if hh.data.get("monthly_rent") and hh.data.get("tenure", E.Tenure.TENANT) != E.Tenure.TENANT:
            items.append(Item(seen["monthly_rent"].number, labels["monthly_rent"], ERR_RENT_NOT_TENANT))
        references = [r for r in hh.rows if r.values.get("role") == E.Role.REFERENCE]
        if len(references) != 1:
            reason, rows_at = (ERR_NO_REFERENCE, hh.rows[:1]) if not references else (ERR_TWO_REFERENCES, references)
            items.extend(Item(r.number, labels["role"], reason, {"ref": hh.ref}) for r in rows_at)
    return list(plans.values())


class _Places:
    """Province and district names resolved once per file, and checked against the jurisdiction."""

    def __init__(self, actor, labels: dict):
        self.actor, self.labels = actor, labels
        self.provinces: dict[str, Province | None] = {}
        self.districts: dict[tuple, District | None] = {}

    def district(self, hh: HouseholdPlan, items: list) -> District | None:
        row = hh.rows[0]
        name, district_name = hh.data.get("province"), hh.data.get("district")
        if not name or not district_name:
            return None
        province = self.provinces.setdefault(norm(name), province_by_name(name))
        if province is None:
            items.append(Item(row.number, self.labels["province"], ERR_UNKNOWN_PROVINCE, {"value": name}))
            return None
        key = (province.pk, norm(district_name))
        if key not in self.districts:
            self.districts[key] = district_by_name(province, district_name)
        district = self.districts[key]
        label = self.labels["district"]
        if district is None:
            items.append(
                Item(row.number, label, ERR_UNKNOWN_DISTRICT, {"value": district_name, "province": str(province)})
            )
        elif not district_in_jurisdiction(self.actor, district):
            items.append(Item(row.number, label, ERR_OUTSIDE_JURISDICTION, {"district": str(district)}))
        return district


def _check_identities(rows: list[Row], labels: dict, items: list) -> None:
    first_at: dict[str, int] = {}
    label = labels.get("national_id", "tc_kimlik_no")
    for row in rows:
        number = row.values.get("national_id")
        if number and number in first_at:
            items.append(Item(row.number, label, ERR_ID_TWICE, {"other": first_at[number]}))
        elif number:
            first_at[number] = row.number


def _match_existing(actor, households: list[HouseholdPlan], labels: dict, items: list) -> None:
    """Households by external_ref and persons by identity number that the registry already has.

    A registered person is reused only when the registry services would let this user add them
    (`selectors.person_in_reach`). Anyone else gets the answer the services give a new person with a number
    already taken: no household code, no district. Inside the jurisdiction the other household's code is shown.
    """
    existing = Household.objects.in_bulk([h.external_ref for h in households], field_name="external_ref")
    numbers = [r.values["national_id"] for h in households for r in h.rows if r.values.get("national_id")]
    persons = Person.objects.in_bulk(numbers, field_name="national_id")
    current = {
        m.person_id: m.household
        for m in Membership.objects.current().filter(person__national_id__in=numbers).select_related("household")
    }
    label = labels.get("national_id", "tc_kimlik_no")
    for hh in households:
        hh.existing = existing.get(hh.external_ref)
        if hh.existing:
            items.append(
                Item(
                    hh.rows[0].number,
                    labels["household_ref"],
                    SKIP_HOUSEHOLD,
                    {"code": hh.existing.reference_code},
                    level="skipped",
                )
            )
        for row in hh.rows:
            number = row.values.get("national_id")
            person = persons.get(number) if number else None
            if person is not None and not selectors.person_in_reach(user=actor, person=person):
                items.append(Item(row.number, label, ERR_ID_REGISTERED))
                continue
            home = current.get(person.pk) if person else None
            row.existing_person = person
            if home is not None and home != hh.existing:
                items.append(Item(row.number, label, ERR_ID_ELSEWHERE, {"code": home.reference_code}))
            elif hh.existing and number and home is None:
                items.append(Item(row.number, label, ERR_NOT_IN_EXISTING))
            elif hh.existing:
                items.append(Item(row.number, label, SKIP_PERSON, level="skipped"))
