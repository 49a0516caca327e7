"""Address reference data: il (province) → ilçe (district) → mahalle (neighbourhood)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """One of Türkiye's 81 provinces (il). `plate` is the licence-plate number, 1–81."""

    pcode = models.CharField(max_length=6, unique=True)
    plate = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(_("province"), max_length=64)
    name_ascii = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["name_ascii"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """One of the 973 districts (ilçe)."""

    pcode = models.CharField(max_length=9, unique=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(_("district"), max_length=64)
    name_ascii = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["province__name_ascii", "name_ascii"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return f"{self.name} / {self.province.name}"


class Neighbourhood(models.Model):
    """A mahalle or village of a district, created as addresses name them."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="neighbourhoods")
    name = models.CharField(_("neighbourhood"), max_length=100)
    name_folded = models.CharField(max_length=100, editable=False)
    is_rural = models.BooleanField(_("village (rural)"), default=False)

    class Meta:
        ordering = ["name_folded"]
        constraints = [models.UniqueConstraint(fields=["district", "name_folded"], name="uniq_mahalle_per_district")]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self) -> str:
        return self.name
