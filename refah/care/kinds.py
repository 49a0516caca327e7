"""The kinds of institution and their rules, as data: who they serve, how they are run, day care or residential,
and the bounds of their capacity, each with its public source.

Capacities are the issue's and the Iğdır booklet's figures (docs/care.md); the regulations named are those that
set the kinds up. A bound of None is open. The women's shelter is not here: it is the sealed shelters app's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from refah.care.enums import CareMode, InstitutionKind, Ownership, Population

DAY, RESIDENTIAL = CareMode.DAY, CareMode.RESIDENTIAL
PUBLIC, PRIVATE = Ownership.PUBLIC, Ownership.PRIVATE


@dataclass(frozen=True)
class Bounds:
    low: int | None
    high: int | None


@dataclass(frozen=True)
class KindRule:
    population: str
    ownerships: tuple[str, ...]
    modes: tuple[str, ...]
    bounds: dict  # ownership → Bounds (per unit when per_unit)
    source: dict  # {"tr": …, "en": …}
    per_unit: bool = False
    places_by_quota: bool = False  # a crèche: only its free places (3 %) are allocated here, never a placement


def _open() -> dict:
    return {PUBLIC: Bounds(1, None), PRIVATE: Bounds(1, None)}


KINDS: dict[str, KindRule] = {
    InstitutionKind.CHILD_HOME: KindRule(
        Population.CHILDREN,
        (PUBLIC,),
        (RESIDENTIAL,),
        {PUBLIC: Bounds(5, 8)},
        {"tr": "Çocuk Evleri Yönetmeliği (5–8 çocuk)", "en": "Regulation on child homes (5–8 children)"},
    ),
    InstitutionKind.CHILD_HOME_SITE: KindRule(
        Population.CHILDREN,
        (PUBLIC,),
        (RESIDENTIAL,),
        {PUBLIC: Bounds(10, 12)},
        {
            "tr": "Çocuk Evleri Sitesi Yönetmeliği (her birimde 10–12 çocuk)",
            "en": "Regulation on child home sites (10–12 children a unit)",
        },
        per_unit=True,
    ),
    InstitutionKind.CHILD_SUPPORT_CENTRE: KindRule(
        Population.CHILDREN,
        (PUBLIC,),
        (RESIDENTIAL,),
        {PUBLIC: Bounds(1, None)},
        {"tr": "Çocuk Destek Merkezleri Yönetmeliği", "en": "Regulation on child support centres"},
    ),
    InstitutionKind.CARE_REHAB_CENTRE: KindRule(
        Population.DISABLED,
        (PUBLIC,),
        (DAY, RESIDENTIAL),
        {PUBLIC: Bounds(1, None)},
        {
            "tr": "Bakım ve Rehabilitasyon Merkezleri Yönetmeliği (gündüzlü ve yatılı)",
            "en": "Regulation on care and rehabilitation centres (day care and residential)",
        },
    ),
    InstitutionKind.UMUT_EVI: KindRule(
        Population.DISABLED,
        (PUBLIC,),
        (RESIDENTIAL,),
        {PUBLIC: Bounds(1, 6)},
        {"tr": "Umut Evleri Yönergesi (en çok 6 kişi)", "en": "Directive on Umut Evi homes (at most 6 persons)"},
    ),
    InstitutionKind.ELDERLY_HOME: KindRule(
        Population.ELDERLY,
        (PUBLIC, PRIVATE),
        (RESIDENTIAL,),
        {PUBLIC: Bounds(60, 100), PRIVATE: Bounds(20, None)},
        {
            "tr": "Huzurevleri Yönetmeliği (kamu 60–100 kişi); Özel Huzurevleri Yönetmeliği (en az 20 kişi)",
            "en": "Regulation on elderly homes (public 60–100 places); on private elderly homes (at least 20)",
        },
    ),
    InstitutionKind.ELDERLY_DAY_CENTRE: KindRule(
        Population.ELDERLY,
        (PUBLIC, PRIVATE),
        (DAY,),
        _open(),
        {"tr": "Yaşlı Hizmet Merkezleri Yönetmeliği", "en": "Regulation on elderly service centres"},
    ),
    InstitutionKind.PRIVATE_CARE_CENTRE: KindRule(
        Population.DISABLED,
        (PRIVATE,),
        (DAY, RESIDENTIAL),
        {PRIVATE: Bounds(1, None)},
        {"tr": "Özel Bakım Merkezleri Yönetmeliği", "en": "Regulation on private care centres"},
    ),
    InstitutionKind.PRIVATE_CRECHE: KindRule(
        Population.CHILDREN,
        (PRIVATE,),
        (DAY,),
        {PRIVATE: Bounds(1, None)},
        {
            "tr": "Özel Kreş ve Gündüz Bakımevleri Yönetmeliği (kapasitenin %3'ü ücretsiz)",
            "en": "Regulation on private crèches and day-care centres (3 % of places free)",
        },
        places_by_quota=True,
    ),
}

# Who a population is, on the day: children under 18 (Law 5395 art. 3), elderly from 60 (admission to elderly homes),
# disabled from a 40 % rate (the disability threshold of Law 5378 and Law 2022).
CHILD_AGE_BELOW = 18
ELDERLY_AGE_FROM = 60
DISABILITY_PERCENT_FROM = 40

POPULATION_TEXT = {
    Population.CHILDREN: _("a child under 18"),
    Population.ELDERLY: _("a person aged 60 or over"),
    Population.DISABLED: _("a person with a disability rate of 40 % or more"),
}


def kind_rule(kind: str) -> KindRule:
    return KINDS[kind]


def capacity_bounds(kind: str, ownership: str, units: int = 1) -> Bounds:
    """The capacity an institution of this kind, ownership and number of units may have."""
    rule = KINDS[kind]
    base = rule.bounds[ownership]
    times = max(units, 1) if rule.per_unit else 1
    return Bounds(
        base.low * times if base.low is not None else None, base.high * times if base.high is not None else None
    )


def in_population(population: str, person, day) -> bool:
    age = person.age_on(day)
    if population == Population.CHILDREN:
        return age < CHILD_AGE_BELOW
    if population == Population.ELDERLY:
        return age >= ELDERLY_AGE_FROM
    return person.disability_percent >= DISABILITY_PERCENT_FROM


def kinds_for(population: str) -> list[str]:
    return [kind for kind, rule in KINDS.items() if rule.population == population]
