"""Martyrs' relatives, veterans and free travel cards in the demo (Iğdır Merkez): a martyr's family (mother, spouse,
child, sibling) and a disabled veteran recorded last month with their entitlements, the public employment right
of one relative referred to the directorate's martyrs' relatives and veterans unit; the supervisor's issue run over
the province (cards for everyone the free-travel rule entitles), one batch of Merkez printed and most of its cards
delivered at the counter or a PTT branch (one to a proxy), one reported lost and replaced."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from refah.casework.enums import ProviderKind, ServiceKind
from refah.casework.models import Service
from refah.demo.clock import as_of
from refah.entitlements import services
from refah.entitlements.enums import CardStatus, EntitlementKind, VeteranStatus
from refah.entitlements.models import TravelCard, VeteranRecord
from refah.registry.models import Household, Membership

MARTYR = ("Piyade Uzman Çavuş Murat Aydemir", "10000000146", dt.date(2016, 7, 15), "ASHB-ŞYGD 2016/4412")
BATCH_SIZE = 40
DELIVERED = 24


def _veterans_service(cast) -> Service:
    """The provincial directorate's unit for martyrs' relatives and veterans (the casework catalogue has no demo of
    its own yet: made here when missing)."""
    province = cast.merkez.district.province
    service, _ = Service.objects.get_or_create(
        kind=ServiceKind.VETERANS,
        province=province,
        district=None,
        defaults={
            "name": "Iğdır Aile ve Sosyal Hizmetler İl Müdürlüğü — Şehit Yakınları ve Gaziler Birimi",
            "provider_kind": ProviderKind.DIRECTORATE,
            "provider_name": "Iğdır Aile ve Sosyal Hizmetler İl Müdürlüğü",
            "phone": "0476 226 10 00",
            "days_to_answer": 15,
        },
    )
    return service


def _members(district_id, *, count: int) -> list[list]:
    """`count` households of the district with at least three current adult members (the oldest first), by code."""
    today = timezone.localdate()
    picked = []
    homes = Household.objects.filter(district_id=district_id).order_by("reference_code")[:400]
    for household in homes:
        people = [
            m.person
            for m in Membership.objects.current().filter(household=household).select_related("person")
            if m.person.national_id and m.person.age_on(today) >= 18
        ]
        if len(people) >= 3:
            picked.append(sorted(people, key=lambda p: p.birth_date))
        if len(picked) == count:
            break
    return picked


def _record(actor, person, status, *, subject=MARTYR, own=False):
    name, tc, day, decision = subject
    return services.veteran_record_create(
        actor=actor,
        person=person,
        status=status,
        subject_name=person.full_name if own else name,
        subject_national_id="" if own else tc,
        event_date=day,
        decision_ref=decision,
        decision_date=day + dt.timedelta(days=120),
    )


def _records(cast) -> int:
    """The martyr's family in one household, a disabled veteran in another; their entitlements."""
    clerk = cast["caseworker"]
    found = _members(cast.merkez.district_id, count=2)
    if len(found) < 2:
        return 0
    family, veteran_home = found
    women = [p for p in family if p.sex == "F"] or family
    mother = women[0]  # the oldest woman of the household
    spouse = next((p for p in women[1:]), next(p for p in family if p != mother))
    sibling = next(p for p in reversed(family) if p not in (mother, spouse))
    with as_of(30):
        records = [
            _record(clerk, mother, VeteranStatus.MARTYR_MOTHER),
            _record(clerk, spouse, VeteranStatus.MARTYR_SPOUSE),
            _record(clerk, sibling, VeteranStatus.MARTYR_SIBLING),
            _record(
                clerk,
                next((p for p in veteran_home if p.sex == "M"), veteran_home[0]),
                VeteranStatus.DISABLED_VETERAN,
                subject=(None, None, dt.date(2012, 9, 3), "MSB-ASHB 2013/118"),
                own=True,
            ),
        ]
        grants = {
            records[0]: [
                EntitlementKind.FREE_TRAVEL,
                EntitlementKind.SERVICE_PENSION,
                EntitlementKind.HEALTH_EXEMPTION,
            ],
            records[1]: [EntitlementKind.FREE_TRAVEL, EntitlementKind.HOUSING_CREDIT, EntitlementKind.SERVICE_PENSION],
            records[2]: [EntitlementKind.PUBLIC_EMPLOYMENT],
            records[3]: [EntitlementKind.FREE_TRAVEL, EntitlementKind.PUBLIC_EMPLOYMENT],
        }
        granted = {
            (record.pk, kind): services.entitlement_grant(actor=clerk, record=record, kind=kind)
            for record, kinds in grants.items()
            for kind in kinds
        }
    with as_of(20):
        services.entitlement_refer(
            actor=clerk,
            entitlement=granted[(records[2].pk, EntitlementKind.PUBLIC_EMPLOYMENT)],
            reason="Şehit kardeşi kamu kurumunda istihdam hakkını kullanmak istiyor",
        )
        services.entitlement_use(
            actor=clerk,
            entitlement=granted[(records[1].pk, EntitlementKind.HOUSING_CREDIT)],
            used_on=timezone.localdate() - dt.timedelta(days=25),
        )
    return len(records)


def _cards(cast) -> dict[str, int]:
    """The issue run, one batch of Merkez printed, most of it delivered, one card lost and replaced."""
    supervisor, clerk = cast["supervisor"], cast["caseworker"]
    back = max(0, min(6, timezone.localdate().day - 1))  # within this month: the run reads this month's rules
    with as_of(back, hour=8):
        run = services.cards_issue(actor=supervisor)
        batch = services.print_batch_create(actor=supervisor, district=cast.merkez.district, limit=BATCH_SIZE)
        services.print_batch_printed(actor=supervisor, batch=batch)
    cards = list(TravelCard.objects.filter(batch=batch, status=CardStatus.PRINTED).order_by("number")[:DELIVERED])
    for index, card in enumerate(cards):
        with as_of(back - index % (back + 1), hour=11):
            proxy = index == 3
            services.card_deliver(
                actor=clerk,
                card=card,
                place="ptt" if index % 3 == 0 else "counter",
                receiver="proxy" if proxy else "person",
                proxy_name="Hasan Aydemir" if proxy else "",
                proxy_national_id="10000000214" if proxy else "",
            )
    if cards:
        with as_of(0):
            services.card_replace(actor=clerk, card=cards[-1], reason="lost", note="Otobüste kaybettiğini bildirdi.")
    return {
        "free travel cards requested by the issue run": run.cards_requested,
        "cards printed (one batch of Iğdır Merkez)": batch.card_count,
        "cards delivered": len(cards),
        "cards reported lost and replaced": int(bool(cards)),
    }


def entitlements_scenario(cast) -> dict[str, int]:
    """Veterans and martyrs' relatives with their entitlements, and free travel cards; counts for the summary."""
    if VeteranRecord.objects.exists():
        return {}
    _veterans_service(cast)
    recorded = _records(cast)
    return {"veterans and martyrs' relatives recorded": recorded, **_cards(cast)}
