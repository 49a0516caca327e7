"""The waiting lists, scored by the published priority (priority.py); entries of the user's jurisdiction (the
household's district)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q
from refah.care import errors
from refah.care.enums import WAITING_OPEN, WaitingStatus
from refah.care.models import Institution, WaitingEntry
from refah.care.priority import Scored, score_entries
from refah.care.roles import VIEW
from refah.care.selectors._common import key, require
from refah.common.errors import NotFoundError


def entry_list(*, user, open_only: bool = True) -> QuerySet[WaitingEntry]:
    require(user, VIEW)
    rows = WaitingEntry.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "person", "household", "institution", "offered_institution", "owner", "referral"
    )
    return rows.filter(status__in=WAITING_OPEN) if open_only else rows


def access_entry_by_id(*, user, entry_id) -> WaitingEntry:
    found = entry_list(user=user, open_only=False).filter(pk=key(entry_id)).first() if key(entry_id) else None
    if found is None:
        raise NotFoundError(errors.ERR_ENTRY_NOT_FOUND)
    return found


def waiting_scored(*, user, kind: str | None = None, institution: Institution | None = None) -> list[Scored]:
    """The open entries of a kind (or those a place at `institution` may go to), highest priority first; offers
    made come first of all, as their places are held."""
    rows = entry_list(user=user)
    if institution is not None:
        rows = rows.filter(
            Q(institution=institution)
            | Q(offered_institution=institution)
            | Q(institution__isnull=True, kind=institution.kind, household__province_id=institution.province_id)
        )
    elif kind:
        rows = rows.filter(kind=kind)
    scored = score_entries(rows, timezone.localdate())
    return sorted(scored, key=lambda s: s.entry.status != WaitingStatus.OFFERED)


def offers_open(*, user) -> QuerySet[WaitingEntry]:
    """Places offered and not yet answered, in the user's jurisdiction, the soonest to expire first."""
    return entry_list(user=user).filter(status=WaitingStatus.OFFERED).order_by("offer_expires_on")
