"""Children's records: protection decisions, a child's whole record (with the SED determinations of the family),
foster families and their children, adoption records (their own permission), the crèche quotas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from refah.accounts.selectors import jurisdiction_q
from refah.care import errors
from refah.care.creche import quota
from refah.care.enums import InstitutionKind
from refah.care.models import (
    AdoptionRecord,
    CrecheAllocation,
    FosterFamily,
    FosterPlacement,
    Institution,
    Placement,
    ProtectionDecision,
)
from refah.care.roles import ADOPTION, CHILDREN_VIEW
from refah.care.selectors._common import key, one_logged, require
from refah.common.errors import NotFoundError
from refah.common.i18n import active_language
from refah.eligibility.models import Determination
from refah.eligibility.selectors import reasons_render
from refah.registry import selectors as registry_selectors

SED = "sed"


def _one(rows: QuerySet, object_id, message):
    found = rows.filter(pk=key(object_id)).first() if key(object_id) else None
    if found is None:
        raise NotFoundError(message)
    return found


def decision_list(*, user) -> QuerySet[ProtectionDecision]:
    require(user, CHILDREN_VIEW)
    return ProtectionDecision.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "child", "household"
    )


def access_decision_by_id(*, user, decision_id) -> ProtectionDecision:
    return _one(decision_list(user=user), decision_id, errors.ERR_DECISION_NOT_FOUND)


def foster_family_list(*, user) -> QuerySet[FosterFamily]:
    require(user, CHILDREN_VIEW)
    return FosterFamily.objects.filter(jurisdiction_q(user, prefix="household__")).select_related("household")


def access_foster_family_by_id(*, user, family_id) -> FosterFamily:
    return _one(foster_family_list(user=user), family_id, errors.ERR_FOSTER_NOT_FOUND)


def foster_placement_list(*, user) -> QuerySet[FosterPlacement]:
    require(user, CHILDREN_VIEW)
    return FosterPlacement.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "child", "household", "family__household"
    )


def access_foster_placement_by_id(*, user, placement_id) -> FosterPlacement:
    return _one(foster_placement_list(user=user), placement_id, errors.ERR_FOSTER_PLACEMENT_NOT_FOUND)


def adoption_list(*, user) -> QuerySet[AdoptionRecord]:
    require(user, ADOPTION)
    return AdoptionRecord.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "child", "household", "adoptive_household"
    )


def access_adoption_by_id(*, user, record_id) -> AdoptionRecord:
    return _one(adoption_list(user=user), record_id, errors.ERR_ADOPTION_NOT_FOUND)


def allocation_list(*, user) -> QuerySet[CrecheAllocation]:
    require(user, CHILDREN_VIEW)
    return CrecheAllocation.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "child", "household", "creche"
    )


def access_allocation_by_id(*, user, allocation_id) -> CrecheAllocation:
    return _one(allocation_list(user=user), allocation_id, errors.ERR_ALLOCATION_NOT_FOUND)


@dataclass
class CrecheQuota:
    creche: Institution
    quota: int
    used: int
    allocations: list = field(default_factory=list)

    @property
    def free(self) -> int:
        return max(self.quota - self.used, 0)


def creche_quotas(*, user, day: dt.date) -> list[CrecheQuota]:
    """Every private crèche of the user's jurisdiction with its quota of free places and who holds them."""
    require(user, CHILDREN_VIEW)
    creches = Institution.objects.filter(jurisdiction_q(user), kind=InstitutionKind.PRIVATE_CRECHE, active=True)
    held = allocation_list(user=user).filter(ended_on__isnull=True)
    out = []
    for creche in creches.order_by("name"):
        mine = [a for a in held if a.creche_id == creche.pk]
        used = creche.free_places.filter(ended_on__isnull=True).count()
        out.append(CrecheQuota(creche, quota(creche, day), used, mine))
    return out


@dataclass
class ChildRecord:
    child: object
    household: object
    decisions: list
    placements: list
    fostering: list
    creche: list
    adoptions: list | None  # None: the user may not see adoption records
    sed: list  # [{"determination", "reasons"}] the family's SED determinations, newest first


def child_record(*, user, child_id, channel: str = "screen") -> ChildRecord:
    """A child's protection record: decisions, placements, foster homes, free crèche place, adoption (with its
    permission) and the SED determinations of the family; the read is logged (sensitive)."""
    require(user, CHILDREN_VIEW)
    child = registry_selectors.access_person_by_id(user=user, person_id=child_id)
    household = child.memberships.current().select_related("household").first()
    household = household.household if household else None
    in_reach = jurisdiction_q(user, prefix="household__")
    decisions = list(ProtectionDecision.objects.filter(in_reach, child=child))
    placements = list(Placement.objects.filter(in_reach, person=child).select_related("institution"))
    fostering = list(FosterPlacement.objects.filter(in_reach, child=child).select_related("family__household"))
    creche = list(CrecheAllocation.objects.filter(in_reach, child=child).select_related("creche"))
    adoptions = None
    if user.has_perm(ADOPTION):
        adoptions = list(AdoptionRecord.objects.filter(in_reach, child=child).select_related("adoptive_household"))
    sed = []
    if household is not None:
        lang = active_language()
        for d in Determination.objects.filter(household=household, program=SED).order_by("-period")[:6]:
            sed.append({"determination": d, "reasons": reasons_render(determination=d, lang=lang)})
    one_logged(
        user=user,
        obj=child,
        person_id=child.pk,
        household_id=household.pk if household else None,
        district_id=household.district_id if household else None,
        channel=channel,
    )
    return ChildRecord(child, household, decisions, placements, fostering, creche, adoptions, sed)
