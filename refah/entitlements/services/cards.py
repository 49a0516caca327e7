"""The card issue run: every person the free-travel rule entitles (in a household whose current determination for
`free_travel` is eligible) and every veteran or martyr's relative recorded with free travel, without a live card,
gets one card request. Set-based: the registry is read as columns (eligibility's `registry_read`, one query a
table), the rule evaluated over them (its person-level conditions give each person's basis), the existing cards
and the veterans read as one column each, and the new cards written in bulk; nothing runs a query per person.

Running it twice requests nothing new: a person holds at most one live card (a partial unique index, which also
settles two runs at once).
"""

from __future__ import annotations

import uuid

import numpy as np
import polars as pl
from django.db import transaction

from refah.accounts.selectors import district_in_jurisdiction, jurisdiction_scope
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.eligibility.db_batch import registry_read
from refah.eligibility.engine import evaluate
from refah.eligibility.models import Determination
from refah.eligibility.services import setup_for
from refah.entitlements import errors
from refah.entitlements.catalogue import FREE_TRAVEL_STATUSES
from refah.entitlements.enums import LIVE_CARD_STATUSES, CardBasis
from refah.entitlements.luhn import card_number_new
from refah.entitlements.models import IssueRun, TravelCard, VeteranRecord
from refah.entitlements.roles import ISSUE
from refah.entitlements.services._common import require, today
from refah.geo.models import District
from refah.registry import selectors as registry_selectors

PROGRAM = "free_travel"
_SCHEMA = {"person_id": pl.String, "household_id": pl.String, "basis": pl.String}
# Which basis a card names when several hold: the widest entitlement first (disability and veterans travel free
# on intercity lines too; 65+ on urban lines, intercity at half price).
_ORDER = [CardBasis.DISABILITY, CardBasis.VETERAN, CardBasis.AGE, CardBasis.COMPANION]


def _area(actor, district) -> tuple[list[int] | None, int | None, int | None]:
    """(district ids to read or None for all, province id, district id) of the run: the actor's jurisdiction, or
    one district of it."""
    scope = jurisdiction_scope(actor)
    if scope is None:
        raise PermissionDeniedError(errors.ERR_DISTRICT)
    if district is not None:
        if not district_in_jurisdiction(actor, district):
            raise NotFoundError(errors.ERR_DISTRICT)
        return [district.pk], district.province_id, district.pk
    kind, ids = scope
    if kind == "district":
        found = District.objects.get(pk=ids[0])
        return [found.pk], found.province_id, found.pk
    if kind == "province":
        return list(District.objects.filter(province_id=ids[0]).values_list("pk", flat=True)), ids[0], None
    return None, None, None


def _hex(values) -> pl.Series:
    return pl.Series([uuid.UUID(str(v)).hex for v in values], dtype=pl.String)


def _rule_candidates(day, district_ids, household_ids) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(persons the rule entitles with their basis, every current member read: person_id → household_id)."""
    frames = registry_read(day=day, district_ids=district_ids, household_ids=household_ids)
    members = frames.persons.select("person_id", "household_id")
    eligible = Determination.objects.filter(program=PROGRAM, period=day, eligible=True)
    if district_ids is not None:
        eligible = eligible.filter(household__district_id__in=district_ids)
    if household_ids is not None:
        eligible = eligible.filter(household_id__in=household_ids)
    eligible_ids = _hex(eligible.values_list("household_id", flat=True))
    overrides = setup_for(day).overrides
    parts = [pl.DataFrame(schema=_SCHEMA)]
    for households, batch in frames.chunks():
        program = evaluate(batch, day, programs=[PROGRAM], parameter_overrides=overrides).programs[PROGRAM]
        passed = {c.code.rsplit(".", 1)[-1]: np.asarray(c.passed, bool) for c in program.conditions}
        basis = np.select(
            [passed["disability"], passed["age"], passed["companion"]],
            [CardBasis.DISABILITY.value, CardBasis.AGE.value, CardBasis.COMPANION.value],
            default="",
        )
        persons = frames.person_ids(households)
        chunk = pl.DataFrame({"person_id": persons, "basis": basis.astype(str)}).filter(
            pl.Series(np.asarray(program.beneficiaries, bool)) & (pl.col("basis") != "")
        )
        parts.append(chunk.join(members, on="person_id").select(list(_SCHEMA)))
    found = pl.concat(parts).filter(pl.col("household_id").is_in(eligible_ids.implode()))
    return found, members


def _veteran_candidates(members: pl.DataFrame) -> pl.DataFrame:
    """Veterans and martyrs' relatives recorded with free travel who are current members of a household read."""
    recorded = VeteranRecord.objects.filter(status__in=FREE_TRAVEL_STATUSES).values_list("person_id", flat=True)
    persons = pl.DataFrame({"person_id": _hex(recorded.distinct())})
    return persons.join(members, on="person_id").with_columns(pl.lit(CardBasis.VETERAN.value).alias("basis"))


def _choose(candidates: pl.DataFrame) -> pl.DataFrame:
    """One row per person, with the basis first in _ORDER."""
    rank = {basis.value: i for i, basis in enumerate(_ORDER)}
    return (
        candidates.with_columns(pl.col("basis").replace_strict(rank, return_dtype=pl.Int8).alias("rank"))
        .sort("person_id", "rank")
        .unique("person_id", keep="first", maintain_order=True)
        .drop("rank")
    )


def cards_issue(*, actor, district=None, household=None) -> IssueRun:
    """Request a free travel card for every entitled person of the actor's jurisdiction (or of one district, or
    one household) who holds no live card; the run with its counts."""
    require(actor, ISSUE)
    day = today().replace(day=1)
    household_ids = None
    if household is not None:
        household = registry_selectors.access_household_by_id(user=actor, household_id=household.pk)
        district_ids, province_id, district_id = [household.district_id], household.province_id, household.district_id
        household_ids = [household.pk]
    else:
        district_ids, province_id, district_id = _area(actor, district)
    by_rule, members = _rule_candidates(day, district_ids, household_ids)
    entitled = _choose(pl.concat([by_rule, _veteran_candidates(members)]))
    carded = _hex(TravelCard.objects.filter(status__in=LIVE_CARD_STATUSES).values_list("person_id", flat=True))
    new = entitled.filter(~pl.col("person_id").is_in(carded.implode()))
    run = IssueRun(
        run_by=actor,
        period=day,
        province_id=province_id,
        district_id=district_id,
        persons_found=entitled.height,
        already_carded=entitled.height - new.height,
    )
    with transaction.atomic():
        run.save()
        cards = [
            TravelCard(
                person_id=uuid.UUID(person),
                household_id=uuid.UUID(home),
                basis=basis,
                number=card_number_new(),
                requested_on=today(),
                issue_run=run,
            )
            for person, home, basis in new.iter_rows()
        ]
        TravelCard.objects.bulk_create(cards, batch_size=2000, ignore_conflicts=True)  # a concurrent run's win
        run.cards_requested = TravelCard.objects.filter(issue_run=run).count()
        run.save(update_fields=["cards_requested", "updated_at"])
        audit_record(actor=actor, action=AuditAction.TRAVEL_CARDS_ISSUE, obj=run, after=snapshot(run))
    return run
