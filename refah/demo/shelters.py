"""The sealed women's services in the demo: Iğdır's ŞÖNİM (the `social_worker` named as its unit supervisor) and
a women's shelter (the provincial `supervisor` named as its unit supervisor, who keeps its address), created and
named by the `admin`; a case handed over from an ASDEP visit's referral (high risk, a restraining order, a stay in
the shelter with two children, a referral to legal aid, notes), an intake from ALO 183, and a break-glass by the
supervisor two days ago (expired), which alerted the ŞÖNİM's supervisor."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from refah.casework.enums import ReferralSource, ServiceKind
from refah.casework.services import referral_create
from refah.demo.clock import as_of
from refah.registry.enums import Role as MemberRole
from refah.registry.enums import Sex
from refah.registry.models import Membership
from refah.shelters import services
from refah.shelters.enums import UnitKind, UnitRole
from refah.shelters.models import SealedUnit

SONIM = "Iğdır ŞÖNİM"
SHELTER = "Iğdır Kadın Konukevi"


def _woman_at_risk(cast):
    """A married woman of a Merkez household, the ASDEP team's visit finds at risk."""
    return (
        Membership.objects.current()
        .filter(household__district_id=cast.merkez.district_id, role=MemberRole.SPOUSE, person__sex=Sex.FEMALE)
        .select_related("household", "person")
        .order_by("household__reference_code")
        .first()
    )


def _units(cast):
    admin, worker, supervisor = cast["admin"], cast["social_worker"], cast["supervisor"]
    igdir = cast.merkez.district.province
    sonim = services.unit_create(actor=admin, kind=UnitKind.SONIM, name=SONIM, province=igdir, phone="0476 000 00 00")
    shelter = services.unit_create(actor=admin, kind=UnitKind.SHELTER, name=SHELTER, province=igdir, capacity=12)
    services.member_add(actor=admin, unit=sonim, user=worker, role=UnitRole.SUPERVISOR)
    services.member_add(actor=admin, unit=shelter, user=supervisor, role=UnitRole.SUPERVISOR)
    services.unit_address_set(actor=worker, unit=sonim, address="Iğdır Valiliği hizmet binası, 2. kat (demo)")
    services.unit_address_set(
        actor=supervisor, unit=shelter, address="Gizli adres — yalnızca konukevi personeli (demo)"
    )
    return sonim, shelter


def _handed_over(cast, sonim, shelter) -> int:
    membership = _woman_at_risk(cast)
    if membership is None:
        return 0
    worker = cast["social_worker"]
    with as_of(20, hour=14):
        referral_create(
            actor=cast["asdep"],
            household=membership.household,
            person=membership.person,
            kind=ServiceKind.WOMEN_PROTECTION,
            reason="ASDEP ziyaretinde eşinden şiddet gördüğünü ve evde kalmaktan korktuğunu anlattı.",
            source=ReferralSource.ASDEP_VISIT,
        )
    case = sonim.cases.get(person=membership.person)
    with as_of(19, hour=10):
        services.case_risk_set(actor=worker, case=case, risk_level="high")
        services.note_add(actor=worker, case=case, text="İlk görüşme yapıldı; risk değerlendirme formu dolduruldu.")
        today = timezone.localdate()
        services.order_record(
            actor=worker,
            case=case,
            kind="no_approach",
            issuer="judge",
            issued_on=today,
            starts_on=today,
            ends_on=today + dt.timedelta(days=180),
            note="Aile mahkemesi, 6 ay",
        )
        services.stay_start(actor=worker, case=case, shelter=shelter, children=2)
    with as_of(12, hour=11):
        services.referral_record(actor=worker, case=case, to_kind="legal_aid", reason="Boşanma ve nafaka davası için")
        services.note_add(actor=worker, case=case, text="Baro adli yardım bürosuyla görüşüldü; avukat atandı.")
    with as_of(2, hour=16):
        services.break_glass_open(
            actor=cast["supervisor"],
            who=case.reference,
            reason="Kolluk, koruma kararının tebliği için kişinin güncel durumunu sordu.",
        )
    return 1


def shelters_scenario(cast) -> dict[str, int]:
    """The sealed units, their named staff and two protection cases (counts for the summary)."""
    if SealedUnit.objects.filter(name=SONIM).exists():
        return {}
    with as_of(40, hour=9):
        sonim, shelter = _units(cast)
    handed = _handed_over(cast, sonim, shelter)
    with as_of(5, hour=23):
        services.case_open(
            actor=cast["social_worker"],
            unit=sonim,
            source="alo_183",
            reason="ALO 183'ü gece aradı; komşusunun evinde kalıyor.",
            person_label="Arayan (adını vermedi)",
            risk_level="medium",
        )
    return {
        "sealed units (ŞÖNİM, women's shelter)": 2,
        "protection cases (one handed over from an ASDEP referral, one from ALO 183)": handed + 1,
        "shelter stays": handed,
        "break-glass accesses (alerting the ŞÖNİM's supervisor)": handed,
    }
