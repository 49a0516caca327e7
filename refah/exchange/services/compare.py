"""What the household declared, read for many persons at once, and the registered facts that disagree with it.

Used alike by the household refresh and the bulk refresh. "Declared" is every registry row an institution did not
give (declared at the counter, seen at the visit, imported, synthetic); amounts are monthly kuruş."""

import dataclasses
from collections import defaultdict

from django.db.models import Q

from refah.common.text import fold
from refah.exchange.client import Fact
from refah.exchange.simulators.truth import DECLARED_SOURCES
from refah.registry.models import Asset, IncomeSource, Person

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
    incomes: dict = dataclasses.field(default_factory=lambda: defaultdict(int))  # kind → monthly kuruş
    assets: dict = dataclasses.field(default_factory=lambda: defaultdict(int))  # kind → count


@dataclasses.dataclass(frozen=True)
class Disagreement:
    tc: str
    source: str
    fact: str
    declared: str
    registered: str


def declared_for(persons: list[Person], household_of: dict) -> dict[str, Declared]:
    """By TC: the declaration of each person (`household_of`: person id → household id)."""
    by_id = {
        p.pk: Declared(
            person_id=p.pk,
            household_id=household_of[p.pk],
            name=fold(f"{p.first_name} {p.last_name}"),
            birth_date=p.birth_date.isoformat(),
            social_security=p.social_security,
            school_level=p.school_level,
            checkups=p.child_checkups_done,
        )
        for p in persons
    }
    incomes = IncomeSource.objects.filter(person__in=list(by_id), end_date__isnull=True, source__in=DECLARED_SOURCES)
    for person_id, kind, amount, period in incomes.values_list("person_id", "kind", "amount_kurus", "period"):
        by_id[person_id].incomes[kind] += amount if period == "monthly" else amount // 12
    reference = {d.household_id: d for d in by_id.values()}
    assets = Asset.objects.filter(
        Q(owner__in=list(by_id)) | Q(owner__isnull=True, household__in=list(reference)),
        disposed_on__isnull=True,
        source__in=DECLARED_SOURCES,
    )
    for owner_id, household_id, kind in assets.values_list("owner_id", "household_id", "kind"):
        holder = by_id.get(owner_id) or reference.get(household_id)
        if holder is not None:
            holder.assets[kind] += 1
    return {p.national_id: by_id[p.pk] for p in persons}


def _money(kurus: int) -> str:
    return f"{kurus / 100:.2f}"


def _more(registered: int, declared: int) -> bool:
    return registered > declared * (1 + TOLERANCE) + TOLERANCE_KURUS


def disagreements(facts: list[Fact], declared: dict[str, Declared], source: str) -> list[Disagreement]:
    """The facts of one source's answer that disagree with the declaration."""
    found, counts = [], defaultdict(int)
    for f in facts:
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
