"""The municipality's and the NGO's aid in the demo, sent through refah.aidrecords as their clerks would: food,
fuel and rent from Iğdır Belediyesi, food parcels from Türk Kızılay, some households helped by both in the same
months (duplicate aid to look at), a few records with names but no TC Kimlik No (record linkage), and each giver's
own count of what it gave (the share that reached the system, plan PG4.1.5)."""

import datetime as dt

from django.utils import timezone

from refah.aidrecords import services as aid
from refah.aidrecords.models import DuplicateFlag
from refah.demo.cast import Cast, extra_user
from refah.registry.models import Household, Membership

MUNICIPAL = [("food", "subsistence", 150_000), ("fuel", "heating", 320_000), ("rent", "housing", 450_000)]
KIZILAY = ("food", "subsistence", 125_000)


def _months_back(n: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the month `n` months before this one."""
    first = timezone.localdate().replace(day=1)
    for _ in range(n):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def _households(cast: Cast, count: int) -> list[tuple[Household, object]]:
    """(household, its reference person) for the first Merkez households with a TC-numbered reference person."""
    rows = (
        Membership.objects.current()
        .filter(household__district_id=cast.merkez.district_id, role="reference", person__national_id__isnull=False)
        .select_related("household", "person")
        .order_by("household__reference_code")[:count]
    )
    return [(m.household, m.person) for m in rows]


def _record(reference: str, kind: str, need: str, amount: int, month: int, person, district_pcode: str, *, with_tc=1):
    first, last = _months_back(month)
    body = {
        "reference": reference,
        "kind": kind,
        "need": need,
        "amount_kurus": amount,
        "given_on": (first + dt.timedelta(days=4)).isoformat(),
        "period_start": first.isoformat(),
        "period_end": last.isoformat(),
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": person.birth_date.isoformat(),
        "district_pcode": district_pcode,
    }
    if with_tc:
        body["national_id"] = person.national_id
    return body


def aid_of_other_givers(cast: Cast) -> dict[str, int]:
    """Send both givers' records for the last three months; counts for the summary."""
    town_clerk, ngo_clerk = extra_user(cast, "belediye_yardim"), extra_user(cast, "kizilay_yardim")
    families = _households(cast, 60)
    municipal, kizilay = [], []
    pcode = cast.merkez.district.pcode
    for n, (_household, person) in enumerate(families[:40]):
        kind, need, amount = MUNICIPAL[n % len(MUNICIPAL)]
        for month in (1, 2, 3):
            with_tc = n % 13 != 5
            municipal.append(_record(f"IB-{n:03d}-{month}", kind, need, amount, month, person, pcode, with_tc=with_tc))
    for n, (_household, person) in enumerate(families[30:60]):  # ten of them also get the municipality's aid
        for month in (1, 2):
            with_tc = n % 11 != 4
            kizilay.append(_record(f"TK-{n:03d}-{month}", *KIZILAY, month, person, pcode, with_tc=with_tc))
    sent = {}
    for clerk, records, key in ((town_clerk, municipal, "demo-belediye"), (ngo_clerk, kizilay, "demo-kizilay")):
        stored, _replayed = aid.aid_records_submit(actor=clerk, records=records, idempotency_key=key)
        sent[key] = len(stored)
    first, _ = _months_back(3)
    _, last = _months_back(1)
    for clerk, office, given in ((town_clerk, cast.municipality, 130), (ngo_clerk, cast.ngo, 60)):
        aid.giver_report_record(
            actor=clerk,
            giver=aid.giver_for_office(office=office),
            period_start=first,
            period_end=last,
            records_given=given,
        )
    return {
        "municipality's records": sent["demo-belediye"],
        "NGO's records": sent["demo-kizilay"],
        "duplicate aid flags": DuplicateFlag.objects.count(),
    }
