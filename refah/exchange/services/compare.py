"""What the household declared, read for many persons at once, and the registered facts that disagree with it.

Used alike by the household refresh and the bulk refresh. "Declared" is every registry row an institution did not
give (declared at the counter, seen at the visit, imported, synthetic); amounts are monthly kuruş."""

import dataclasses
from collections import defaultdict

from django.db.models import Q

from refah.common.text import fold
from refah.exchange.client import Fact
from refah.exchange.services import pg
from refah.exchange.simulators.truth import DECLARED_SOURCES
from refah.registry.enums import Role
from refah.registry.models import Asset, IncomeSource, Membership, Person, membership_current_sql

TOLERANCE = 0.10  # registered earnings more than 10 % (and 100 TL) above the declaration disagree with it
TOLERANCE_KURUS = 10_000


@dataclasses.dataclass
class Declared:
    person_id: object
    household_id: object
    name: str
    birth_date: str
    social_security: str
    school_level: str
    checkups: bool | None
    father_name: str = ""
    mother_name: str = ""
    incomes: dict = dataclasses.field(default_factory=lambda: defaultdict(int))  # kind → monthly kuruş
    assets: dict = dataclasses.field(default_factory=lambda: defaultdict(int))  # kind → count


@dataclasses.dataclass(frozen=True)
class Disagreement:
    tc: str
    source: str
    fact: str
    declared: str
    registered: str


def declared_for(person_ids: list, household_of: dict) -> dict[str, Declared]:
    """By TC: the declaration of each person (`household_of`: person id → household id), read in one query per
    table (on PostgreSQL bound server-side, the ids as one array)."""
    read = _read_pg if pg.postgresql() else _read_orm
    persons, incomes, references, assets = read(list(person_ids))
    tcs, by_id = {}, {}
    for pid, tc, first, last, birth, security, school, checkups, father, mother in persons:
        tcs[pid] = tc
        by_id[pid] = Declared(
            person_id=pid,
            household_id=household_of[pid],
            name=fold(f"{first} {last}"),
            birth_date=birth.isoformat(),
            social_security=security,
            school_level=school,
            checkups=checkups,
            father_name=father,
            mother_name=mother,
        )
    for person_id, kind, amount, period in incomes:
        by_id[person_id].incomes[kind] += amount if period == "monthly" else amount // 12
    reference = {d.household_id: d for d in by_id.values()}  # unowned assets are the reference person's …
    reference.update((hid, by_id[pid]) for hid, pid in references)  # … or, without one, the last member by id
    for owner_id, household_id, kind in assets:
        holder = by_id.get(owner_id) or reference.get(household_id)
        if holder is not None:
            holder.assets[kind] += 1
    return {tcs[pid]: d for pid, d in by_id.items()}


_PERSON_COLUMNS = (
    "id",
    "national_id",
    "first_name",
    "last_name",
    "birth_date",
    "social_security",
    "school_level",
    "child_checkups_done",
    "father_name",
    "mother_name",
)


def _read_orm(ids: list) -> tuple:
    persons = Person.objects.filter(pk__in=ids).order_by("id").values_list(*_PERSON_COLUMNS)
    incomes = IncomeSource.objects.filter(person__in=ids, end_date__isnull=True, source__in=DECLARED_SOURCES)
    references = Membership.objects.current().filter(person_id__in=ids, role=Role.REFERENCE)
    households = list(Membership.objects.current().filter(person_id__in=ids).values_list("household_id", flat=True))
    assets = Asset.objects.filter(
        Q(owner__in=ids) | Q(owner__isnull=True, household__in=households),
        disposed_on__isnull=True,
        source__in=DECLARED_SOURCES,
    )
    return (
        list(persons),
        list(incomes.values_list("person_id", "kind", "amount_kurus", "period")),
        list(references.values_list("household_id", "person_id")),
        list(assets.values_list("owner_id", "household_id", "kind")),
    )


def _read_pg(ids: list) -> tuple:
    """The same rows as _read_orm, four statements with the ids bound once as an array."""
    current = membership_current_sql("m")
    statements = [
        f"SELECT {', '.join(_PERSON_COLUMNS)} FROM registry_person WHERE id = ANY(%(ids)s) ORDER BY id",
        "SELECT person_id, kind, amount_kurus, period FROM registry_incomesource"
        " WHERE person_id = ANY(%(ids)s) AND end_date IS NULL AND source = ANY(%(declared)s)",
        f"SELECT m.household_id, m.person_id FROM registry_membership m"
        f" WHERE m.person_id = ANY(%(ids)s) AND m.role = %(reference)s AND {current}",
        # two index scans, not one OR that reads the whole table
        "SELECT a.owner_id, a.household_id, a.kind FROM registry_asset a WHERE a.owner_id = ANY(%(ids)s)"
        " AND a.disposed_on IS NULL AND a.source = ANY(%(declared)s) UNION ALL"
        " SELECT a.owner_id, a.household_id, a.kind FROM registry_asset a WHERE a.owner_id IS NULL"
        f" AND a.household_id IN (SELECT m.household_id FROM registry_membership m WHERE m.person_id = ANY(%(ids)s)"
        f" AND {current}) AND a.disposed_on IS NULL AND a.source = ANY(%(declared)s)",
    ]
    params = {"ids": ids, "declared": list(DECLARED_SOURCES), "reference": Role.REFERENCE.value}
    return tuple(pg.rows(statement, params) for statement in statements)


def _money(kurus: int) -> str:
    return f"{kurus / 100:.2f}"


def _more(registered: int, declared: int) -> bool:
    return registered > declared * (1 + TOLERANCE) + TOLERANCE_KURUS


def disagreements(facts: list[Fact], declared: dict[str, Declared], source: str) -> list[Disagreement]:
    """The facts of one source's answer that disagree with the declaration."""
    found, counts = [], defaultdict(int)
    for f in facts:
        if f.fact not in COMPARED:
            continue
        d = declared.get(f.tc)
        if d is None:
            continue
        pair = _compare(f, d, counts)
        if pair is not None:
            found.append(Disagreement(f.tc, source, f.fact, pair[0], pair[1]))
    for (tc, kind), count in counts.items():
        if count > declared[tc].assets[kind]:
            fact = {"vehicle": "egm.vehicle", "land": "tapu.land", "real_estate": "tapu.real_estate"}[kind]
            found.append(Disagreement(tc, source, fact, str(declared[tc].assets[kind]), str(count)))
    return found


COMPARED = {
    "sgk.status",
    "sgk.earnings",
    "sgk.pension",
    "iskur.benefit",
    "gib.business",
    "egm.vehicle",
    "tapu.land",
    "tapu.real_estate",
    "meb.enrolment",
    "health.checkups",
    "nvi.name",
    "nvi.birth_date",
}


def _compare(f: Fact, d: Declared, counts) -> tuple[str, str] | None:  # noqa: C901 (one case per fact)
    value = f.value_kurus or 0
    if f.fact == "sgk.status" and f.value_text != d.social_security:
        return d.social_security, f.value_text
    if f.fact in ("sgk.earnings", "sgk.pension", "iskur.benefit", "gib.business"):
        kind = {"sgk.earnings": "wage", "sgk.pension": "pension", "iskur.benefit": "other_aid"}.get(f.fact)
        monthly = value // 12 if f.fact == "gib.business" else value
        declared = d.incomes["self_employment" if kind is None else kind]
        return (_money(declared), _money(monthly)) if _more(monthly, declared) else None
    if f.fact in ("egm.vehicle", "tapu.land", "tapu.real_estate"):
        counts[(f.tc, f.fact.split(".")[1])] += 1
        return None
    if f.fact == "meb.enrolment" and (f.value_text != "none") != (d.school_level not in ("none", "out_of_school")):
        return d.school_level, f.value_text
    if f.fact == "health.checkups" and d.checkups is not None and d.checkups != (f.value_text == "yes"):
        return "yes" if d.checkups else "no", f.value_text
    if f.fact == "nvi.name" and fold(f.value_text) != d.name:
        return d.name, fold(f.value_text)
    if f.fact == "nvi.birth_date" and f.value_text != d.birth_date:
        return d.birth_date, f.value_text
    return None
