"""Planning a visit round: the households of the chosen neighbourhoods — those the registry's data proposes
first, then those never visited, then the least recently visited — split evenly across two-person teams, as
many as the teams can visit in the round's working days."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from refah.accounts.models import Office
from refah.accounts.selectors import district_in_jurisdiction, jurisdiction_q
from refah.asdep import errors
from refah.asdep.enums import RoundStatus
from refah.asdep.models import Round, Team, Visit
from refah.asdep.roles import PLAN_ROUND, RECORD_VISIT
from refah.asdep.selectors.proposals import proposals_by_household
from refah.asdep.services._common import require, working_days
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, NotFoundError, RefahError
from refah.geo.models import Neighbourhood
from refah.registry.models import Household, membership_current_q

VISITS_PER_DAY = 6  # a team's calls in a working day (each visit with its checklist takes about an hour)


def _office(actor, office: Office) -> Office:
    if office is None or office.district_id is None:
        raise RefahError(errors.ERR_OFFICE_DISTRICT, field="office")
    if not district_in_jurisdiction(actor, office.district):
        raise NotFoundError(errors.ERR_OFFICE_NOT_FOUND, field="office")
    return office


def _neighbourhoods(office: Office, neighbourhoods) -> list[Neighbourhood]:
    ids = [getattr(n, "pk", n) for n in neighbourhoods or ()]
    try:
        found = list(Neighbourhood.objects.filter(pk__in=ids, district_id=office.district_id))
    except (TypeError, ValueError):
        found = []
    if not ids or len(found) != len(set(ids)):
        raise RefahError(errors.ERR_NEIGHBOURHOODS, field="neighbourhoods")
    return found


def _teams(office: Office, teams) -> list[list]:
    if not teams:
        raise RefahError(errors.ERR_TEAMS, field="teams")
    users = get_user_model().objects.filter(staff__office=office, is_active=True)
    seen, result = set(), []
    for pair in teams:
        ids = [getattr(u, "pk", u) for u in pair]
        found = {u.pk: u for u in users.filter(pk__in=[i for i in ids if str(i).isdigit()])}
        members = [found.get(int(i)) if str(i).isdigit() else None for i in ids]
        if len(ids) != 2 or ids[0] == ids[1] or not all(m and m.has_perm(RECORD_VISIT) for m in members):
            raise RefahError(errors.ERR_TEAM_TWO, field="teams")
        if seen & {m.pk for m in members}:
            raise RefahError(errors.ERR_TEAM_TWICE, field="teams")
        seen |= {m.pk for m in members}
        result.append(members)
    return result


def _dates(starts_on: dt.date, ends_on: dt.date) -> None:
    if starts_on < timezone.localdate():
        raise RefahError(errors.ERR_DATES, field="starts_on")
    if ends_on < starts_on:
        raise RefahError(errors.ERR_DATES, field="ends_on")


def _households(actor, office: Office, neighbourhoods: list[Neighbourhood]) -> list[tuple[Household, list[str]]]:
    """The neighbourhoods' households without an open visit, in the order they are visited: proposed ones
    (heaviest reasons first), then never visited, then the least recently visited."""
    open_visits = Visit.objects.filter(outcome="").exclude(round__status=RoundStatus.DONE)
    households = (
        Household.objects.filter(jurisdiction_q(actor), neighbourhood__in=neighbourhoods)
        .filter(membership_current_q("memberships__"))
        .exclude(pk__in=open_visits.values("household_id"))
        .annotate(last_visit=Max("asdep_visits__visited_on", filter=Q(asdep_visits__outcome="visited")))
        .distinct()
    )
    proposed = proposals_by_household(district_ids=[office.district_id], day=timezone.localdate())
    rows = []
    for household in households:
        found = proposed.get(household.pk.hex)
        weight, reasons = (found.weight, found.reasons) if found else (0, [])
        last = household.last_visit or dt.date.min
        rows.append((-weight, household.last_visit is not None, last, household.reference_code, household, reasons))
    rows.sort(key=lambda row: row[:4])
    return [(row[4], row[5]) for row in rows]


def round_plan(
    *,
    actor,
    office: Office,
    neighbourhoods,
    teams,
    starts_on: dt.date,
    ends_on: dt.date,
    name: str = "",
    per_day: int = VISITS_PER_DAY,
) -> Round:
    """Plan a round of `office` over `neighbourhoods` (of its district) for `teams` (pairs of its ASDEP workers):
    each team gets an even share of the households, in visiting order, on the round's working days."""
    require(actor, PLAN_ROUND)
    office = _office(actor, office)
    chosen = _neighbourhoods(office, neighbourhoods)
    pairs = _teams(office, teams)
    _dates(starts_on, ends_on)
    name = (name or "").strip() or ", ".join(n.name for n in chosen)[:200]
    days = working_days(starts_on, ends_on)
    households = _households(actor, office, chosen)[: len(days) * per_day * len(pairs)]
    if not households:
        raise RefahError(errors.ERR_NO_HOUSEHOLDS, field="neighbourhoods")
    with transaction.atomic():
        round_ = Round.objects.create(
            office=office, name=name[:200], starts_on=starts_on, ends_on=ends_on, planned_by=actor
        )
        round_.neighbourhoods.set(chosen)
        team_rows = []
        for number, pair in enumerate(pairs, start=1):
            team = Team.objects.create(round=round_, number=number)
            team.members.set(pair)
            team_rows.append(team)
        visits = [
            Visit(
                round=round_,
                team=team_rows[index % len(team_rows)],
                household=household,
                planned_on=days[(index // len(team_rows)) // per_day],
                proposal_reasons=reasons,
            )
            for index, (household, reasons) in enumerate(households)
        ]
        Visit.objects.bulk_create(visits)
        audit_record(
            actor=actor,
            action=AuditAction.ASDEP_ROUND_PLAN,
            obj=round_,
            after={
                **snapshot(round_),
                "neighbourhoods": [n.pk for n in chosen],
                "teams": [[u.pk for u in pair] for pair in pairs],
                "visits": len(visits),
                "proposed": sum(1 for _h, reasons in households if reasons),
            },
        )
    return round_


def round_close(*, actor, round_: Round) -> Round:
    """Close a round: visits not made stay as they are (not made); their households can go into the next round."""
    require(actor, PLAN_ROUND)
    if not Round.objects.filter(jurisdiction_q(actor, prefix="office__"), pk=round_.pk).exists():
        raise NotFoundError(errors.ERR_ROUND_NOT_FOUND)
    if round_.status == RoundStatus.DONE:
        raise ConflictError(errors.ERR_ROUND_DONE, field="round")
    before = snapshot(round_)
    round_.status = RoundStatus.DONE
    round_.closed_on = timezone.localdate()
    with transaction.atomic():
        round_.save(update_fields=["status", "closed_on", "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.ASDEP_ROUND_CLOSE, obj=round_, before=before, after=snapshot(round_)
        )
    return round_
