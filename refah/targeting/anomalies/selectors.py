"""Reads: the flags of the user's jurisdiction and one flag, with its evidence in words (the active language)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from refah.accounts.selectors import jurisdiction_scope
from refah.aidrecords.enums import NeedCategory
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError
from refah.common.money import format_tl
from refah.registry.enums import IncomeKind, IncomePeriod
from refah.targeting.anomalies.models import AnomalyFlag, AnomalyKind, FlagStatus
from refah.targeting.anomalies.roles import VIEW_FLAGS

PAGE = 50
ERR_FLAG = _("This flag does not exist or is not in your jurisdiction.")


def _scoped(user):
    if not user.has_perm(VIEW_FLAGS):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    scope = jurisdiction_scope(user)
    if scope is None:
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    kind, ids = scope
    flags = AnomalyFlag.objects.select_related("household", "district", "reviewer")
    if kind == "district":
        return flags.filter(district_id__in=ids)
    if kind == "province":
        return flags.filter(district__province_id__in=ids)
    return flags


def flags(*, user, status: str = FlagStatus.OPEN, kind: str = "", page: int = 1) -> tuple[list[AnomalyFlag], int]:
    found = _scoped(user)
    if status in FlagStatus.values:
        found = found.filter(status=status)
    if kind in AnomalyKind.values:
        found = found.filter(kind=kind)
    total = found.count()
    rows = list(found.order_by("-found_at", "kind", "id")[(page - 1) * PAGE : page * PAGE])
    for flag in rows:
        flag.words = describe(flag)
    return rows, total


def flag_get(*, user, flag_id, for_update: bool = False) -> AnomalyFlag:
    try:
        pk = uuid.UUID(str(flag_id))
    except ValueError:
        raise NotFoundError(ERR_FLAG) from None
    found = _scoped(user)
    if for_update:
        found = found.select_for_update(of=("self",))
    flag = found.filter(pk=pk).first()
    if flag is None:
        raise NotFoundError(ERR_FLAG)
    flag.words = describe(flag)
    return flag


def _day(text: str) -> str:
    return date_format(dt.date.fromisoformat(text), "DATE_FORMAT")


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def describe(flag: AnomalyFlag) -> str:
    """The evidence as a sentence in the active language."""
    e = flag.evidence
    if flag.kind == AnomalyKind.SHARED_ADDRESS:
        return _g(
            "%(n)s households with different surnames (%(surnames)s) are registered at one address: %(address)s. "
            "Household numbers: %(codes)s. Flagged from %(threshold)s households on."
        ) % {"n": e["households"], "surnames": ", ".join(e["surnames"]), "address": e["address"],
             "codes": ", ".join(e["codes"]), "threshold": e["threshold"]}  # fmt: skip
    if flag.kind == AnomalyKind.INCOME_DROP:
        return _g(
            "An income (%(kind)s, %(amount)s, %(period)s) ended on %(ended)s, %(days)s days before application "
            "%(application)s was received on %(applied)s (flagged within %(threshold)s days)."
        ) % {"kind": _label(IncomeKind, e["income_kind"]), "amount": format_tl(e["amount_kurus"], _lang()),
             "period": _label(IncomePeriod, e["period"]).lower(), "ended": _day(e["ended_on"]), "days": e["days"],
             "application": e["application"], "applied": _day(e["applied_on"]),
             "threshold": e["threshold"]}  # fmt: skip
    if flag.kind == AnomalyKind.SEVERAL_GIVERS:
        return _g(
            "Aid for the same need (%(need)s) from %(n)s givers in overlapping periods from %(from)s: %(givers)s."
        ) % {
            "need": _label(NeedCategory, e["need"]).lower(), "n": len(e["givers"]), "from": _day(e["from"]),
            "givers": ", ".join(e["givers"]),
        }  # fmt: skip
    return ""


def _lang() -> str:
    return get_language() or "tr"
