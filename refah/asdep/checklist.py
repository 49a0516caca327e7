"""The standard ASDEP risk checklist, as data: nine areas, each with a few yes/no/unknown questions.

A "yes" is a risk found; each question names the service kind(s) its "yes" refers the household to
(refah.casework's `ServiceKind`), so `visit_record` makes one referral per kind an area's "yes" answers name.
The violence area is sealed: its answers and note go only to the sealed hand-over (casework/sealing.py) and are
never stored by ASDEP — not in the visit, its risk profile, lists, or the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from refah.casework.enums import ServiceKind


@dataclass(frozen=True)
class Question:
    code: str
    label: object  # gettext_lazy
    kinds: tuple[str, ...]  # the service kinds a "yes" refers to


@dataclass(frozen=True)
class Area:
    code: str
    label: object
    questions: tuple[Question, ...]
    sealed: bool = False  # violence: handed over, never stored here

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(kind for q in self.questions for kind in q.kinds))


S = ServiceKind
AREAS: tuple[Area, ...] = (
    Area(
        "health",
        _("Health"),
        (
            Question(
                "health_untreated", _("Does a member have an illness that is not treated or followed up?"), (S.HEALTH,)
            ),
            Question("health_uninsured", _("Is a member without health insurance?"), (S.HEALTH,)),
            Question("health_medicine", _("Does the household go without medicines or devices it needs?"), (S.HEALTH,)),
        ),
    ),
    Area(
        "disability",
        _("Disability"),
        (
            Question(
                "disability_no_report",
                _("Does a member seem disabled without a health board report?"),
                (S.DISABILITY_CARE,),
            ),
            Question(
                "disability_no_care", _("Does a disabled member need care that nobody gives?"), (S.DISABILITY_CARE,)
            ),
            Question(
                "disability_rehab",
                _("Does a disabled member go without rehabilitation or special education they need?"),
                (S.DISABILITY_CARE,),
            ),
        ),
    ),
    Area(
        "elderly_care",
        _("Elderly care"),
        (
            Question("elderly_alone", _("Does an elderly member (65 or over) live alone?"), (S.ELDERLY_CARE,)),
            Question(
                "elderly_daily_help",
                _("Does an elderly member need help with daily tasks (eating, washing, dressing)?"),
                (S.ELDERLY_CARE,),
            ),
            Question(
                "elderly_no_carer", _("Is there nobody in or near the household to look after them?"), (S.ELDERLY_CARE,)
            ),
        ),
    ),
    Area(
        "schooling",
        _("Children's schooling"),
        (
            Question("school_not_enrolled", _("Is a child of compulsory school age not enrolled?"), (S.EDUCATION,)),
            Question("school_absent", _("Does a child often miss school?"), (S.EDUCATION,)),
            Question(
                "school_child_labour",
                _("Does a child work instead of going to school?"),
                (S.CHILD_PROTECTION, S.EDUCATION),
            ),
        ),
    ),
    Area(
        "violence",
        _("Violence"),
        (
            Question(
                "violence_told", _("Does a member say they suffer violence or threats at home?"), (S.WOMEN_PROTECTION,)
            ),
            Question("violence_signs", _("Are there signs of violence or of fear of a member?"), (S.WOMEN_PROTECTION,)),
        ),
        sealed=True,
    ),
    Area(
        "addiction",
        _("Addiction"),
        (
            Question(
                "addiction_substance",
                _("Does a member have an alcohol or substance addiction?"),
                (S.ADDICTION_SUPPORT,),
            ),
            Question(
                "addiction_behaviour",
                _("Does a member have a gambling or other behavioural addiction?"),
                (S.ADDICTION_SUPPORT,),
            ),
        ),
    ),
    Area(
        "housing",
        _("Housing"),
        (
            Question("housing_unsafe", _("Is the dwelling unsafe, damp or without heating?"), (S.HOUSING,)),
            Question(
                "housing_eviction", _("Is the household about to lose its home (eviction, rent arrears)?"), (S.HOUSING,)
            ),
            Question("housing_sanitation", _("Is there no running water, toilet or kitchen?"), (S.HOUSING,)),
        ),
    ),
    Area(
        "income",
        _("Income"),
        (
            Question(
                "income_basic_needs",
                _("Can the household not meet basic needs (food, heating, rent)?"),
                (S.SOCIAL_AID,),
            ),
            Question("income_no_earner", _("Is nobody in work or with a regular income?"), (S.SOCIAL_AID,)),
            Question("income_debt", _("Does the household have debts it cannot pay?"), (S.SOCIAL_AID,)),
        ),
    ),
    Area(
        "psychosocial",
        _("Psychosocial needs"),
        (
            Question(
                "psychosocial_distress",
                _("Does a member show signs of serious distress (depression, grief, isolation)?"),
                (S.PSYCHOSOCIAL_SUPPORT,),
            ),
            Question("psychosocial_conflict", _("Is there serious conflict in the family?"), (S.PSYCHOSOCIAL_SUPPORT,)),
        ),
    ),
)
AREA_BY_CODE = {area.code: area for area in AREAS}
QUESTION_BY_CODE = {q.code: q for area in AREAS for q in area.questions}
AREA_OF_QUESTION = {q.code: area for area in AREAS for q in area.questions}
STORED_AREAS = tuple(area for area in AREAS if not area.sealed)


def area_label(code: str) -> str:
    area = AREA_BY_CODE.get(code)
    return str(area.label) if area else code
