"""The entitlements of veterans and martyrs' relatives as data: who may hold each (by status), whether one person
per martyr or veteran uses it, and its public legal source (Turkish and English, shown on screens and in the API).

A change in the law is a change here (and in docs/entitlements.md), never a condition written into a service.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from refah.entitlements.enums import EntitlementKind, VeteranStatus

_S = VeteranStatus
_MARTYRS_PARENTS_SPOUSE_CHILD = frozenset({_S.MARTYR_SPOUSE, _S.MARTYR_CHILD, _S.MARTYR_MOTHER, _S.MARTYR_FATHER})


@dataclass(frozen=True)
class EntitlementRule:
    kind: EntitlementKind
    statuses: frozenset[str]
    source: dict[str, str]
    one_per_subject: bool = False  # one person for each martyr or veteran (the subject of the records)


RULES: dict[str, EntitlementRule] = {
    rule.kind.value: rule
    for rule in (
        EntitlementRule(
            EntitlementKind.FREE_TRAVEL,
            frozenset({_S.VETERAN, _S.DISABLED_VETERAN}) | _MARTYRS_PARENTS_SPOUSE_CHILD,
            {"tr": "4736 sayılı Kanun md. 1; 3713 sayılı Kanun md. 21", "en": "Law 4736 art. 1; Law 3713 art. 21"},
        ),
        EntitlementRule(
            EntitlementKind.PUBLIC_EMPLOYMENT,
            frozenset({_S.DISABLED_VETERAN, _S.MARTYR_SIBLING}) | _MARTYRS_PARENTS_SPOUSE_CHILD,
            {"tr": "3713 sayılı Kanun md. 21", "en": "Law 3713 art. 21"},
            one_per_subject=True,
        ),
        EntitlementRule(
            EntitlementKind.EDUCATION_GRANT,
            frozenset({_S.MARTYR_CHILD}),
            {"tr": "3713 sayılı Kanun md. 21; 2330 sayılı Kanun", "en": "Law 3713 art. 21; Law 2330"},
        ),
        EntitlementRule(
            EntitlementKind.HOUSING_CREDIT,
            frozenset({_S.DISABLED_VETERAN}) | _MARTYRS_PARENTS_SPOUSE_CHILD,
            {"tr": "3713 sayılı Kanun md. 21", "en": "Law 3713 art. 21"},
        ),
        EntitlementRule(
            EntitlementKind.HEALTH_EXEMPTION,
            frozenset({_S.VETERAN, _S.DISABLED_VETERAN}) | _MARTYRS_PARENTS_SPOUSE_CHILD,
            {"tr": "5510 sayılı Kanun md. 69; 3713 sayılı Kanun md. 21", "en": "Law 5510 art. 69; Law 3713 art. 21"},
        ),
        EntitlementRule(
            EntitlementKind.SERVICE_PENSION,
            frozenset({_S.DISABLED_VETERAN}) | _MARTYRS_PARENTS_SPOUSE_CHILD,
            {
                "tr": "2330 sayılı Kanun; 5434 sayılı Kanun md. 64",
                "en": "Law 2330; Law 5434 art. 64",
            },
        ),
    )
}

# Free travel cards go to persons recorded with a status that holds free travel (the issue run reads this).
FREE_TRAVEL_STATUSES = RULES[EntitlementKind.FREE_TRAVEL].statuses


def source_text(kind: str, lang: str | None = None) -> str:
    """The entitlement's legal source in the language (the active one by default)."""
    lang = (lang or get_language() or "tr")[:2]
    source = RULES[kind].source
    return source.get(lang, source["tr"])


def kinds_for(status: str) -> list[EntitlementKind]:
    """The entitlements a person recorded with this status may hold, in the catalogue's order."""
    return [rule.kind for rule in RULES.values() if status in rule.statuses]
