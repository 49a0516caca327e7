"""Districts as the registry names them: where the user may register households, and a district by its pcode."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from refah.accounts.selectors import office_for_user
from refah.geo.models import District
from refah.registry import errors


def districts_for_user(*, user) -> QuerySet:
    """Districts the user may register households in (their office's jurisdiction)."""
    office = office_for_user(user)
    qs = District.objects.select_related("province")
    if office is None or not user.is_active:
        return qs.none()
    if office.district_id:
        return qs.filter(pk=office.district_id)
    if office.province_id:
        return qs.filter(province_id=office.province_id)
    return qs


def district_by_pcode(pcode: str, *, field: str = "district") -> District:
    """A district by its pcode (TUR076002); unknown codes are bad input of `field`."""
    district = District.objects.select_related("province").filter(pcode=pcode.strip().upper()).first()
    if district is None:
        raise ValidationError({field: errors.ERR_UNKNOWN_DISTRICT})
    return district
