"""The strategic plan's indicators as data (catalogue and yearly targets) and the snapshot of their computed figures.

The catalogue is seeded by the migration (catalogue.py) and edited afterwards by EDIT_TARGETS holders (targets,
frequencies, responsible unit); the figures are recomputed from the other apps' tables by refresh.py, daily (timer)
and on demand, and the dashboard reads only them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from refah.common.models import BaseModel


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Unit(models.TextChoices):
    COUNT = "count", _("Number")
    PERCENT = "percent", _("Percent")
    DAYS = "days", _("Days")
    RATIO = "ratio", _("Ratio")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Every three months")
    HALF_YEARLY = "half_yearly", _("Every six months")
    YEARLY = "yearly", _("Yearly")


class Indicator(BaseModel):
    """One indicator of the plan: how it is computed is code (`code` names the computation), everything a manager
    may change — name, definition, frequencies, responsible unit, tolerance, shown or not — is here."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    plan_ref = models.CharField(_("plan reference"), max_length=20, blank=True)
    name = models.CharField(_("indicator (Turkish)"), max_length=200)
    name_en = models.CharField(_("indicator (English)"), max_length=200)
    definition = models.TextField(_("definition (Turkish)"))
    definition_en = models.TextField(_("definition (English)"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    monitoring = models.CharField(_("monitoring frequency"), max_length=12, choices=Frequency.choices)
    reporting = models.CharField(_("reporting frequency"), max_length=12, choices=Frequency.choices)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200)
    at_risk_margin = models.DecimalField(
        _("at-risk margin (% of the target)"), max_digits=5, decimal_places=1, default=10
    )
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(at_risk_margin__gte=0, at_risk_margin__lte=100), name="kpi_margin_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_ref or self.code} {self.name}"

    @property
    def label(self) -> str:
        """The name in the language of the request (Turkish, or English)."""
        return self.name_en if (get_language() or "tr").startswith("en") else self.name

    @property
    def description(self) -> str:
        return self.definition_en if (get_language() or "tr").startswith("en") else self.definition


class IndicatorTarget(BaseModel):
    """The target of an indicator for a year: for the whole country (no province, no district), a province, or a
    district. The most specific one applies to an area."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    province = models.ForeignKey(
        "geo.Province", verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "geo.District", verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(district__isnull=True) | Q(province__isnull=False), name="kpi_target_area"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(province__isnull=True, district__isnull=True),
                name="kpi_one_national_target",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "province"],
                condition=Q(province__isnull=False, district__isnull=True),
                name="kpi_one_province_target",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "district"],
                condition=Q(district__isnull=False),
                name="kpi_one_district_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class IndicatorFigure(models.Model):
    """A computed figure: indicator × year × month (0 = the whole year) × area (country: no province; province: no
    district; district). Rewritten as a whole by each refresh; never edited."""

    id = models.BigAutoField(primary_key=True)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(default=0)
    province = models.ForeignKey("geo.Province", null=True, on_delete=models.CASCADE, related_name="+", db_index=False)
    district = models.ForeignKey("geo.District", null=True, on_delete=models.CASCADE, related_name="+", db_index=False)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    numerator = models.BigIntegerField(null=True)
    denominator = models.BigIntegerField(null=True)
    n = models.IntegerField(null=True)
    margin = models.DecimalField(max_digits=6, decimal_places=1, null=True)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator", "year", "month"]
        constraints = [
            models.CheckConstraint(condition=Q(month__gte=0, month__lte=12), name="kpi_figure_month_0_12"),
        ]
        indexes = [
            models.Index(fields=["year", "month", "province", "district"], name="kpi_figure_area"),
            models.Index(fields=["indicator", "province", "district"], name="kpi_figure_trend"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}-{self.month:02d}: {self.value}"
