"""The social registry: persons, households, dated memberships, incomes, assets, attendance."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.common.models import BaseModel
from refah.geo.models import District, Neighbourhood, Province
from refah.registry import enums


class Person(BaseModel):
    """A person, citizen or not. Identity: TC Kimlik No, a foreigner's 99… number, or internal id."""

    created_at = models.DateTimeField(auto_now_add=True)  # not indexed: never looked up by it

    id_kind = models.CharField(_("identity kind"), max_length=10, choices=enums.IdKind.choices)
    national_id = models.CharField(_("identity number"), max_length=11, null=True, blank=True)
    internal_id = models.CharField(_("internal id"), max_length=16)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # As the population register (NVİ) gives them; record linkage compares them (refah.linkage).
    father_name = models.CharField(_("father's name"), max_length=100, blank=True, default="", db_default="")
    mother_name = models.CharField(_("mother's name"), max_length=100, blank=True, default="", db_default="")
    # Searched with pg_trgm (GIN index, migration 0002) on PostgreSQL; a b-tree would not serve "contains".
    name_folded = models.CharField(max_length=201, editable=False)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=1, choices=enums.Sex.choices)
    nationality = models.CharField(_("nationality"), max_length=2, default="TR")
    protection_status = models.CharField(
        _("residence status"),
        max_length=16,
        choices=enums.ProtectionStatus.choices,
        default=enums.ProtectionStatus.CITIZEN,
    )
    marital_status = models.CharField(_("marital status"), max_length=10, choices=enums.MaritalStatus.choices)
    education_level = models.CharField(_("education"), max_length=16, choices=enums.EducationLevel.choices, blank=True)
    employment_status = models.CharField(_("employment"), max_length=20, choices=enums.EmploymentStatus.choices)
    social_security = models.CharField(
        _("social security"),
        max_length=10,
        choices=enums.SocialSecurity.choices,
        default=enums.SocialSecurity.NONE,
    )
    health_insurance = models.CharField(
        _("health insurance"),
        max_length=16,
        choices=enums.HealthInsurance.choices,
        default=enums.HealthInsurance.GSS_STATE,
    )
    disability_percent = models.PositiveSmallIntegerField(_("disability %"), default=0)
    dependency = models.CharField(
        _("care dependency"), max_length=8, choices=enums.Dependency.choices, default=enums.Dependency.NONE
    )
    chronic_illness = models.BooleanField(_("chronic illness"), default=False)
    pregnant = models.BooleanField(_("pregnant"), default=False)
    school_level = models.CharField(
        _("school level"), max_length=16, choices=enums.SchoolLevel.choices, default=enums.SchoolLevel.NONE
    )
    school_grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    sed_risk = models.BooleanField(
        _("at risk of entering state care (social worker's assessment)"), default=False, db_default=False
    )
    in_state_care = models.BooleanField(_("in state care"), default=False, db_default=False)
    orphan = models.BooleanField(_("orphan (a parent deceased)"), default=False, db_default=False)
    spouse_deceased = models.BooleanField(_("last spouse deceased"), default=False, db_default=False)
    child_checkups_done = models.BooleanField(_("health check-ups up to date (children 0–6)"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    deceased_on = models.DateField(_("date of death"), null=True, blank=True)
    # Set when this record was found to be another person's and merged into theirs (services.person_merge);
    # cleared by undoing the merge. Always a person not merged themselves. Not indexed: merges are looked up
    # through PersonMerge.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.UniqueConstraint(fields=["national_id"], name="uniq_person_national_id"),
            models.UniqueConstraint(fields=["internal_id"], name="uniq_person_internal_id"),
            models.CheckConstraint(condition=Q(disability_percent__lte=100), name="disability_percent_max_100"),
            models.CheckConstraint(
                condition=Q(id_kind=enums.IdKind.INTERNAL, national_id__isnull=True)
                | (~Q(id_kind=enums.IdKind.INTERNAL) & Q(national_id__isnull=False)),
                name="person_id_kind_matches_number",
            ),
        ]
        permissions = [("view_sensitive_person", "Can view health and disability data")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def identifier(self) -> str:
        return self.national_id or self.internal_id

    def age_on(self, when) -> int:
        b = self.birth_date
        return when.year - b.year - ((when.month, when.day) < (b.month, b.day))


class Household(BaseModel):
    """A household at an address. Its members are the dated Memberships."""

    reference_code = models.CharField(_("household number"), max_length=20)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT)
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT)
    neighbourhood = models.ForeignKey(Neighbourhood, verbose_name=_("neighbourhood"), on_delete=models.PROTECT)
    address_line = models.CharField(_("street, building, door"), max_length=250, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    dwelling_type = models.CharField(_("dwelling"), max_length=12, choices=enums.DwellingType.choices)
    tenure = models.CharField(_("tenure"), max_length=12, choices=enums.Tenure.choices)
    monthly_rent_kurus = models.BigIntegerField(_("monthly rent (kuruş)"), default=0)
    heating = models.CharField(_("heating"), max_length=12, choices=enums.Heating.choices)
    rooms = models.PositiveSmallIntegerField(_("rooms"), default=2)
    registered_by = models.ForeignKey(
        Office, verbose_name=_("registered by"), null=True, blank=True, on_delete=models.PROTECT
    )
    external_ref = models.CharField(_("source reference"), max_length=64, null=True, blank=True)

    class Meta:
        ordering = ["reference_code"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        permissions = [
            ("import_households", "Can import households from files"),
            ("export_households", "Can export household data"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["reference_code"], name="uniq_household_reference_code"),
            models.UniqueConstraint(fields=["external_ref"], name="uniq_household_external_ref"),
            models.CheckConstraint(condition=Q(monthly_rent_kurus__gte=0), name="rent_not_negative"),
        ]

    def __str__(self) -> str:
        return self.reference_code


# "Current membership", written once. A membership is current while it has no left_on; a member on a day d had
# joined on or before d and not left by then (left_on > d). The ORM asks through the manager
# (`Membership.objects.current()`, `.on(day)`, `person.memberships.current()`) or, across a relation, through
# membership_current_q("memberships__") / membership_on_q(day, "memberships__"); hand-written statements
# through membership_current_sql(alias) / membership_on_sql(alias) (the latter takes the day twice as
# parameters). Membership's constraints keep their literal Q: migrations freeze them as written.


def membership_current_q(prefix: str = "") -> Q:
    """The membership (under `prefix`, e.g. "memberships__") is current: not left."""
    return Q(**{f"{prefix}left_on__isnull": True})


def membership_on_q(day, prefix: str = "") -> Q:
    """The membership (under `prefix`) held on `day`: joined on or before it, not left by then."""
    return Q(**{f"{prefix}joined_on__lte": day}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": day})
    )


def membership_current_sql(alias: str = "m") -> str:
    """SQL: the membership row `alias` is current."""
    return f"{alias}.left_on IS NULL"


def membership_on_sql(alias: str = "m") -> str:
    """SQL: the membership row `alias` is held on a day given twice as parameters (`%s`, `%s`)."""
    return f"{alias}.joined_on <= %s AND ({alias}.left_on IS NULL OR {alias}.left_on > %s)"


def _registered_list() -> str:
    return ", ".join(f"'{source}'" for source in enums.REGISTERED_SOURCES)


def income_counted_sql(alias: str = "i") -> str:
    """SQL: the income row `alias` counts on a day given twice as parameters (`%s`, `%s`): it is registered by an
    institution, or no registered income of its kind is in force for its person that day (registered replaces
    declared, kind by kind). The row's own validity on the day is the caller's condition."""
    registered = _registered_list()
    return (
        f"({alias}.source IN ({registered}) OR NOT EXISTS (SELECT 1 FROM registry_incomesource r "
        f"WHERE r.person_id = {alias}.person_id AND r.kind = {alias}.kind AND r.source IN ({registered}) "
        "AND r.start_date <= %s AND (r.end_date IS NULL OR r.end_date >= %s)))"
    )


def asset_counted_sql(alias: str = "a") -> str:
    """SQL: the asset row `alias` counts on a day given twice as parameters: registered, or no registered asset of
    its kind is held by its household that day."""
    registered = _registered_list()
    return (
        f"({alias}.source IN ({registered}) OR NOT EXISTS (SELECT 1 FROM registry_asset r "
        f"WHERE r.household_id = {alias}.household_id AND r.kind = {alias}.kind AND r.source IN ({registered}) "
        "AND (r.acquired_on IS NULL OR r.acquired_on <= %s) AND (r.disposed_on IS NULL OR r.disposed_on > %s)))"
    )


def registered_first(rows, owner: str) -> list:
    """The rows (incomes or assets valid on one day) that count: for each (owner, kind), the registered rows when
    there are any, else the declared ones. `owner` is "person_id" for incomes, "household_id" for assets."""
    rows = list(rows)
    registered = {(getattr(r, owner), r.kind) for r in rows if r.source in enums.REGISTERED_SOURCES}
    return [r for r in rows if r.source in enums.REGISTERED_SOURCES or (getattr(r, owner), r.kind) not in registered]


class MembershipQuerySet(models.QuerySet):
    def current(self) -> "MembershipQuerySet":
        return self.filter(membership_current_q())

    def on(self, day) -> "MembershipQuerySet":
        return self.filter(membership_on_q(day))


class Membership(BaseModel):
    """A person's membership of a household over a date range; left_on is null while current."""

    objects = MembershipQuerySet.as_manager()

    created_at = models.DateTimeField(auto_now_add=True)  # not indexed: never looked up by it

    household = models.ForeignKey(  # indexed by (household, left_on) below
        Household, on_delete=models.PROTECT, related_name="memberships", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=enums.Role.choices)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)

    class Meta:
        ordering = ["joined_on"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        # literal conditions, not membership_current_q(): migrations freeze them as written
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(left_on__isnull=True), name="one_current_household_per_person"
            ),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(left_on__isnull=True, role=enums.Role.REFERENCE),
                name="one_current_reference_person",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
        ]
        indexes = [models.Index(fields=["household", "left_on"])]

    def __str__(self) -> str:
        return f"{self.person} in {self.household} ({self.role})"


class IncomeSource(BaseModel):
    """An income of a person: kind, amount per period, validity dates and where it came from."""

    created_at = models.DateTimeField(auto_now_add=True)  # not indexed: never looked up by it

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="incomes")
    kind = models.CharField(_("kind"), max_length=16, choices=enums.IncomeKind.choices)
    amount_kurus = models.BigIntegerField(_("amount (kuruş)"))
    period = models.CharField(_("period"), max_length=8, choices=enums.IncomePeriod.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=enums.DataSource.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("income")
        verbose_name_plural = _("incomes")
        constraints = [
            models.CheckConstraint(condition=Q(amount_kurus__gte=0), name="income_not_negative"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="income_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_kurus / 100:.2f} / {self.period}"

    def monthly_kurus(self) -> int:
        """Monthly equivalent: yearly / 12 and one-off / 12, rounded down to the kuruş."""
        if self.period == enums.IncomePeriod.MONTHLY:
            return self.amount_kurus
        return self.amount_kurus // 12


class Asset(BaseModel):
    """Something the household owns: vehicle, real estate, land, livestock."""

    created_at = models.DateTimeField(auto_now_add=True)  # not indexed: never looked up by it

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="assets")
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="assets")
    kind = models.CharField(_("kind"), max_length=12, choices=enums.AssetKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    value_kurus = models.BigIntegerField(_("value (kuruş)"))
    acquired_on = models.DateField(_("acquired on"), null=True, blank=True)
    disposed_on = models.DateField(_("disposed of on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=enums.DataSource.choices)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        constraints = [models.CheckConstraint(condition=Q(value_kurus__gte=0), name="asset_not_negative")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.description}"


class SchoolAttendance(models.Model):
    """Days absent from school in a month (first day of the month), as reported by MEB."""

    person = models.ForeignKey(  # indexed by the unique (person, month)
        Person, on_delete=models.CASCADE, related_name="attendance", db_index=False
    )
    month = models.DateField(_("month"))
    absence_days = models.PositiveSmallIntegerField(_("absence days"))

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["person", "month"], name="one_attendance_per_month")]

    def __str__(self) -> str:
        return f"{self.person} {self.month:%Y-%m}: {self.absence_days}"


from refah.registry.models_import import ImportBatch  # noqa: E402,F401
from refah.registry.models_merge import PersonMerge  # noqa: E402,F401
