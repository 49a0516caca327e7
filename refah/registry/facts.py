"""Every fact about a person or a household that the rules read, declared once.

The eligibility engine's readers (the whole-registry SQL reader, the Parquet stream, the one-household
reader, the screener's API schema and form, the input hashes) and the synthetic registry's Arrow schema
all take their columns from `FACTS`; none of them spells out the list again. This is the registry's
vocabulary, so it lives here, below eligibility and synth, and imports neither of them.

A fact's `name` is its column in the engine's Batch. How it is read from the registry is its `reading`:
a field of the record (`field`, the attribute path from the membership for a person, from the household
for a household), the latest school attendance, the sum of the counted incomes, or the sum of the values
of one kind of asset. Values on the wire are the registry's: codes are the enum values, money is kuruş in
the database and the Arrow tables (TL in the screener's JSON), dates are ISO.

The order of FACTS is the order of the input hash (eligibility.records): append new facts at the end of
their entity, or every stored hash changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from refah.registry import enums


class Entity(StrEnum):
    PERSON = "person"
    HOUSEHOLD = "household"


class Kind(StrEnum):
    """The fact's type, which fixes its numpy, SQL, Polars, Arrow and form types in the readers."""

    CODE = "code"  # one of `codes` (a registry enum); an int8 index in the Batch
    BOOL = "bool"
    NULLABLE_BOOL = "nullable_bool"  # -1 in the Batch when not recorded; the rules check
    INT = "int"
    NULLABLE_INT = "nullable_int"  # -1 in the Batch when not recorded
    MONEY = "money"  # kuruş (int64); TL in the screener
    DATE = "date"
    PLACE = "place"  # a district code; the Batch keeps an index into its list of districts


class Source(StrEnum):
    """Who says it. Values match registry.enums.DataSource where both name the same source."""

    DECLARED = "declared"  # by the household, recorded by the office
    ASSESSED = "assessed"  # by the social worker (the social-assessment flags)
    MEB = "meb"  # reported by the Ministry of Education (e-Okul)
    OTHER_INSTITUTIONS = "other_institutions"  # aid records sent by other givers (refah.aidrecords)
    EMPLOYMENT = "employment"  # İŞKUR referrals, offers, placements and sanctions (refah.employment)


class Reading(StrEnum):
    """How the registry readers obtain a fact."""

    RECORD = "record"  # `field` of the membership / person or of the household (and its place)
    SCHOOL_ATTENDANCE = "school_attendance"  # `field` of the latest month's attendance reported up to the period
    INCOME_SUM = "income_sum"  # the counted incomes in force, monthly equivalent, per person
    ASSET_SUM = "asset_sum"  # the value of the household's assets of `asset_kind` held on the day
    # other givers' aid to the household, kuruş a month averaged over the months before the period
    # (refah.aidrecords.other_aid; the window and whose aid is "own" are eligibility's dated parameters)
    OTHER_AID = "other_aid"
    # given by an app above eligibility through its reading hook (refah.eligibility.provided: the employment app's
    # placements, referrals and sanctions); the fact's empty value (-1 when nullable, else 0) where it gives none
    PROVIDED = "provided"


@dataclass(frozen=True)
class Fact:
    name: str  # the Batch column
    entity: Entity
    kind: Kind
    label: object  # gettext_lazy
    source: Source = Source.DECLARED
    codes: type[TextChoices] | None = None  # for Kind.CODE
    unit: str = ""  # "kuruş", "%", "days": where the number has one
    sensitive: bool = False  # shown only with registry.view_sensitive_person (health, disability)
    reading: Reading = Reading.RECORD
    field: str = ""  # RECORD / SCHOOL_ATTENDANCE: "person.sex", "role", "attendance.absence_days"; "province.plate"
    column: str = ""  # its column in the registry's Arrow tables (refah.synth.schema); default `name`
    arrow_bits: int = 8  # width of an int column in the Arrow tables
    asset_kind: str = ""  # for Reading.ASSET_SUM
    key: str = ""  # its name in the screener's JSON and API; default `name`
    required: bool = False  # the screener cannot start without it
    asked: bool = True  # a screener question: tried at each of its values when not answered
    minimum: int | None = None  # bounds of an int answer (API and form)
    maximum: int | None = None
    note: str = ""  # the API field's description

    @property
    def table_column(self) -> str:
        return self.column or self.name

    @property
    def screener_key(self) -> str:
        return self.key or self.name

    @property
    def nullable(self) -> bool:
        return self.kind in (Kind.NULLABLE_BOOL, Kind.NULLABLE_INT)

    @property
    def in_table(self) -> bool:
        """A column of its entity's table (households / persons), not a sum over incomes or assets."""
        return self.reading in (Reading.RECORD, Reading.SCHOOL_ATTENDANCE)


def _person(name: str, kind: Kind, label, **options) -> Fact:
    if kind == Kind.CODE and "codes" not in options:
        raise ValueError(f"{name}: a code fact names its enum")
    return Fact(name, Entity.PERSON, kind, label, **{"field": f"person.{name}", **options})


def _household(name: str, kind: Kind, label, **options) -> Fact:
    return Fact(name, Entity.HOUSEHOLD, kind, label, **{"field": name, **options})


def _asset(kind: str, label) -> Fact:
    return Fact(
        f"asset_{kind}",
        Entity.HOUSEHOLD,
        Kind.MONEY,
        label,
        unit="kuruş",
        reading=Reading.ASSET_SUM,
        asset_kind=kind,
        key="assets",
    )


def _provided(name: str, kind: Kind, label, *, entity: Entity = Entity.PERSON, note: str) -> Fact:
    """A fact an app above eligibility gives through its reading hook: never asked, not in any table; the
    screener's API takes it (a what-if) and a household without it has the empty value."""
    return Fact(
        name,
        entity,
        kind,
        label,
        source=Source.EMPLOYMENT,
        reading=Reading.PROVIDED,
        asked=False,
        minimum=0,
        maximum=1200,
        note=note,
    )


PERSON_FACTS: tuple[Fact, ...] = (
    _person(
        "role",
        Kind.CODE,
        _("Role"),
        codes=enums.Role,
        field="role",
        required=True,
        asked=False,
        note="reference | spouse | child | parent | other",
    ),
    _person("birth_date", Kind.DATE, _("Birth date"), required=True, asked=False),
    _person("sex", Kind.CODE, _("Sex"), codes=enums.Sex, note="F | M"),
    _person("marital_status", Kind.CODE, _("Marital status"), codes=enums.MaritalStatus),
    _person("employment_status", Kind.CODE, _("Employment"), codes=enums.EmploymentStatus),
    _person(
        "social_security", Kind.CODE, _("Social security"), codes=enums.SocialSecurity, note="none | active | pensioner"
    ),
    _person(
        "dependency",
        Kind.CODE,
        _("Care dependency"),
        codes=enums.Dependency,
        sensitive=True,
        note="none | partial | full",
    ),
    _person("school_level", Kind.CODE, _("School"), codes=enums.SchoolLevel),
    _person("disability_percent", Kind.INT, _("Disability %"), unit="%", sensitive=True, minimum=0, maximum=100),
    _person("chronic_illness", Kind.BOOL, _("Chronic illness"), sensitive=True),
    _person("pregnant", Kind.BOOL, _("Pregnant"), sensitive=True),
    _person("sed_risk", Kind.BOOL, _("Child at risk of entering care"), source=Source.ASSESSED),
    _person("in_state_care", Kind.BOOL, _("In state care"), source=Source.ASSESSED),
    _person("orphan", Kind.BOOL, _("Orphan"), source=Source.ASSESSED),
    _person("spouse_deceased", Kind.BOOL, _("Widow(er)"), source=Source.ASSESSED),
    # only asked for 0–6 year olds: null (not given) above
    _person("child_checkups_done", Kind.NULLABLE_BOOL, _("Health check-ups up to date (0–6)")),
    _person(
        "absence_days",
        Kind.NULLABLE_INT,
        _("Absence days last month"),
        source=Source.MEB,
        unit="days",
        reading=Reading.SCHOOL_ATTENDANCE,
        field="attendance.absence_days",
        minimum=0,
        maximum=31,
    ),
    _person(
        "income",
        Kind.MONEY,
        _("Monthly income (TL)"),
        unit="kuruş",
        reading=Reading.INCOME_SUM,
        field="",
        key="monthly_income",
        note='TL, e.g. "12500.00"',
    ),
    # the employment app's records (refah.employment), months counted from the event's month to the period's
    _provided(
        "work_started_months",
        Kind.NULLABLE_INT,
        _("Months since starting work through İŞKUR"),
        note="months from the month the person last started work through an İŞKUR placement to the period",
    ),
    _provided(
        "first_work_started_months",
        Kind.NULLABLE_INT,
        _("Months since first starting work through İŞKUR"),
        note="months from the month of the person's first İŞKUR placement to the period",
    ),
    _provided(
        "job_referrals",
        Kind.INT,
        _("Job referrals this month"),
        note="job offers İŞKUR referred the person to in the period's month",
    ),
    _provided(
        "job_referrals_year",
        Kind.INT,
        _("Job referrals earlier this year"),
        note="job offers İŞKUR referred the person to earlier in the period's calendar year",
    ),
)

HOUSEHOLD_FACTS: tuple[Fact, ...] = (
    _household(
        "province_plate",
        Kind.INT,
        _("Province"),
        field="province.plate",
        arrow_bits=16,
        key="il",
        minimum=1,
        maximum=81,
        note="province plate number",
    ),
    _household(
        "district",
        Kind.PLACE,
        _("District"),
        field="district.pcode",
        column="district_pcode",
        key="ilce",
        asked=False,
        note="district code, e.g. TUR076002",
    ),
    _household("is_rural", Kind.BOOL, _("Village (rural)"), field="neighbourhood.is_rural", key="rural"),
    _household("dwelling_type", Kind.CODE, _("Dwelling"), codes=enums.DwellingType),
    _household("tenure", Kind.CODE, _("Tenure"), codes=enums.Tenure),
    _household("heating", Kind.CODE, _("Heating"), codes=enums.Heating),
    _household(
        "monthly_rent",
        Kind.MONEY,
        _("Monthly rent (TL)"),
        unit="kuruş",
        field="monthly_rent_kurus",
        column="monthly_rent_kurus",
    ),
    _household("rooms", Kind.INT, _("Rooms"), minimum=0, maximum=50),
    *(_asset(kind, label) for kind, label in enums.AssetKind.choices),
    Fact(
        "other_aid",
        Entity.HOUSEHOLD,
        Kind.MONEY,
        _("Other institutions' aid a month (TL)"),
        source=Source.OTHER_INSTITUTIONS,
        unit="kuruş",
        reading=Reading.OTHER_AID,
        asked=False,
        note='TL a month from other institutions (municipality, NGO…), e.g. "1500.00"; 0 when not given',
    ),
    _provided(
        "work_sanction_month",
        Kind.NULLABLE_INT,
        _("Month of the sanction for refusing work"),
        entity=Entity.HOUSEHOLD,
        note="0 in the first month of the household's sanction for refusing suitable work, 1 in the second…",
    ),
)

FACTS: dict[str, Fact] = {fact.name: fact for fact in (*PERSON_FACTS, *HOUSEHOLD_FACTS)}


def facts_of(entity: Entity, *kinds: Kind, reading: Reading | None = None) -> tuple[Fact, ...]:
    """The facts of an entity (of the given kinds and reading, when given), in declaration order."""
    return tuple(
        fact
        for fact in (PERSON_FACTS if entity == Entity.PERSON else HOUSEHOLD_FACTS)
        if (not kinds or fact.kind in kinds) and (reading is None or fact.reading == reading)
    )


def names(facts: tuple[Fact, ...]) -> tuple[str, ...]:
    return tuple(fact.name for fact in facts)


def table_facts(entity: Entity) -> tuple[Fact, ...]:
    """The facts that are columns of the entity's table (households / persons), in declaration order."""
    return tuple(fact for fact in facts_of(entity) if fact.in_table)
