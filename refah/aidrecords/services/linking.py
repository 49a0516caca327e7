"""Linking records to registry persons and households.

1. Named: the giver named the person or household by its registry id (checked as a URL is checked).
2. A valid TC Kimlik No (or foreigner's number) of a person whose current household is in the sender's
   jurisdiction links at once; one outside it is treated as not found (nothing about it is revealed).
3. Every other record goes to record linkage (`refah.linkage`, `records_link`): a sure match links at once,
   an uncertain one waits in linkage's clerical review, whose decision comes back through `link_decided`.
   Until `refah.linkage` offers `records_link`, such records stay "not linked" (`linkage_services()` is None).
"""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q
from refah.aidrecords.enums import LinkMethod, LinkStatus
from refah.aidrecords.models import AidRecord
from refah.aidrecords.services.check import valid_national_id
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.signals import households_changed
from refah.geo.models import District
from refah.registry.models import Membership

LINK_KIND = "aid_record"
LINKAGE_PERMISSION = "linkage.add_link"


def linkage_services():
    """refah.linkage's services module once it offers record linkage (branch t14/linkage), else None."""
    try:
        from refah.linkage import services
    except ImportError:
        return None
    return services if hasattr(services, "records_link") else None


def _link(record: AidRecord, *, person_id, household, method: str, now) -> None:
    record.person_id = person_id
    record.household = household
    record.household_id = household.pk if household is not None else None
    if household is not None:
        record.district_id, record.province_id = household.district_id, household.province_id
    record.link_status = LinkStatus.LINKED
    record.link_method = method
    record.linked_at = now


def records_link_at_once(*, actor, records: list[tuple[AidRecord, object, object]]) -> None:
    """Link (unsaved) records named by id or by a valid identity number; `records` holds (record, named person,
    named household). The rest are marked for record linkage."""
    now = timezone.now()
    by_number = defaultdict(list)
    for record, person, household in records:
        record.link_status = LinkStatus.UNLINKED
        if person is not None or household is not None:
            if household is None:
                home = Membership.objects.current().filter(person=person).select_related("household").first()
                household = home.household if home else None
            _link(
                record, person_id=person.pk if person else None, household=household, method=LinkMethod.NAMED, now=now
            )
        elif valid_national_id(record.national_id):
            by_number[record.national_id].append(record)
    if not by_number:
        return
    found = (
        Membership.objects.current()
        .filter(person__national_id__in=list(by_number))
        .filter(jurisdiction_q(actor, prefix="household__"))
        .select_related("household", "person")
    )
    for membership in found:
        for record in by_number[membership.person.national_id]:
            _link(
                record,
                person_id=membership.person_id,
                household=membership.household,
                method=LinkMethod.NATIONAL_ID,
                now=now,
            )


def records_to_linkage(*, actor, records: list[AidRecord]) -> None:
    """Send saved, unlinked records with a name to record linkage, per district. A sure match is linked through
    `link_decided` (linkage's on_decide, inside its transaction); an uncertain one waits in its review queue."""
    services = linkage_services()
    waiting = [r for r in records if r.link_status == LinkStatus.UNLINKED and r.first_name and r.last_name]
    if services is None or not waiting or not actor.has_perm(LINKAGE_PERMISSION):
        return
    by_district = defaultdict(list)
    for record in waiting:
        by_district[record.district_id].append(record)
    for district_id, group in by_district.items():
        district = District.objects.get(pk=district_id)
        outcomes = services.records_link(
            actor=actor,
            kind=LINK_KIND,
            district=district,
            records=[
                services.LinkRecord(
                    record_id=str(r.pk),
                    first_name=r.first_name,
                    last_name=r.last_name,
                    national_id=r.national_id or None,
                    birth_date=r.birth_date,
                    father_name=r.father_name or None,
                    mother_name=r.mother_name or None,
                    district=district.pcode,
                    neighbourhood=r.neighbourhood or None,
                    phone=r.phone or None,
                )
                for r in group
            ],
        )
        pending = []
        for record in group:
            outcome = outcomes.get(str(record.pk))
            if outcome is not None and outcome.person_id is not None:
                record.refresh_from_db()  # linked by link_decided
            elif outcome is not None and outcome.review_id is not None:
                record.link_status = LinkStatus.PENDING
                pending.append(record.pk)
        AidRecord.objects.filter(pk__in=pending).update(link_status=LinkStatus.PENDING)


def link_decided(record_id: str, person_id, actor) -> None:
    """Record linkage's decision on a record (`on_decide` of link_kind_register): a link made or accepted
    (person_id), or rejected or undone (None). Audited; duplicate aid is looked for again."""
    from refah.aidrecords.services.duplicates import duplicates_find

    with transaction.atomic():
        record = AidRecord.objects.select_for_update().filter(pk=record_id).first()
        if record is None:
            return
        before = {"person_id": str(record.person_id) if record.person_id else None, "link_status": record.link_status}
        household_before = record.household_id
        if person_id is None:
            record.person_id = record.household_id = None
            record.link_status, record.link_method, record.linked_at = LinkStatus.UNLINKED, "", None
        else:
            home = Membership.objects.current().filter(person_id=person_id).select_related("household").first()
            _link(
                record,
                person_id=person_id,
                household=home.household if home else None,
                method=LinkMethod.LINKAGE,
                now=timezone.now(),
            )
        record.save()
        after = {"person_id": str(record.person_id) if record.person_id else None, "link_status": record.link_status}
        audit_record(
            actor=actor, action=AuditAction.AID_RECORD_LINK, obj=record, before=before, after=after,
            household_id=record.household_id,
        )  # fmt: skip
        if record.household_id:
            duplicates_find(records=[record])
        households_changed.send(sender=None, household_ids={household_before, record.household_id})


def linkage_register() -> None:
    """Tell record linkage about aid records (AppConfig.ready()), once it offers the interface."""
    services = linkage_services()
    if services is not None and hasattr(services, "link_kind_register"):
        from django.utils.translation import gettext_lazy as _

        services.link_kind_register(LINK_KIND, label=_("Aid record"), on_decide=link_decided)
