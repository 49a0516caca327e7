"""Two districts' worth of objects for the entry-point jurisdiction test (test_jurisdiction_entry_points.py).

District A is Iğdır Merkez, district B is Tuzluca. Each district has an office and two staff users holding
every staff role (so a refusal can only come from the jurisdiction, never from a missing permission), a
bearer token each, a citizen who can use the portal and a terminal of a shop. District A also has one of
every object an entry point can name: households, persons, applications (decided, awaiting the committee),
a document, a visit, a committee with a meeting and an agenda item, a payment batch, a warehouse, merchants
with a terminal, a hold and a social market receipt, an aid card and an import batch. All of it is made
through the apps' services (and the registry and payments factories), once per test module.
"""

import datetime as dt
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import api_token_create, office_create, staff_create
from refah.aidcard import services as aidcard
from refah.aidcard.enums import MerchantKind, PurseKind
from refah.aidcard.models import MerchantCategory
from refah.aidrecords import services as aidrecords
from refah.aidrecords.models import DuplicateFlag
from refah.asdep import services as asdep
from refah.asdep.checklist import AREAS as ASDEP_AREAS
from refah.care import services as care
from refah.cases import services as cases
from refah.cases.enums import DocumentType
from refah.cases.models import Visit
from refah.casework import services as casework
from refah.casework.enums import ProgrammeKind, ProviderKind, ReferralSource, ServiceKind
from refah.casework.services import referral_create as casework_referral_create
from refah.committees import services as committees
from refah.committees.enums import CommitteeKind, MemberRole
from refah.eligibility.models import Determination
from refah.employment import services as employment
from refah.employment.models import Sanction
from refah.entitlements import services as entitlements
from refah.entitlements.models import TravelCard
from refah.exchange.models import Discrepancy
from refah.geo.models import District
from refah.linkage.apps import REGISTRY_PERSON
from refah.linkage.models import Link, LinkReview
from refah.payments.iban import tr_iban_make
from refah.payments.services import (
    batch_approve,
    batch_create,
    cycle_compute,
    cycle_create,
    payee_account_set,
    warehouse_create,
)
from refah.payments.tests.factories import PERIOD, entitled, family
from refah.portal.session import PORTAL_KEY
from refah.registry import enums, imports
from refah.registry import selectors as registry_selectors
from refah.registry import services as registry_services
from refah.registry.tests.factories import HouseholdFactory, IncomeFactory, MembershipFactory, PersonFactory
from refah.shelters import services as shelters

MERKEZ, TUZLUCA = "TUR076002", "TUR076004"
PDF = b"%PDF-1.7\n" + b"0" * 100
SAMPLE_CSV = (Path(settings.BASE_DIR) / "docs" / "samples" / "households_sample.csv").read_bytes()
PROGRAM = "family_support"
DEBTOR_IBAN = "TR330006100519786457841326"
_names = itertools.count()


@dataclass
class Side:
    """One district: its office, staff, citizen, and (for district A) the objects entry points name."""

    district: District
    office: object
    user: object
    checker: object
    token: str
    citizen: object
    household: object
    terminal_key: str
    merchant: object
    obj: SimpleNamespace = field(default_factory=SimpleNamespace)
    markers: dict = field(default_factory=dict)

    def staff_client(self) -> Client:
        client = Client()
        client.force_login(self.user)
        return client

    def api_client(self) -> Client:
        return Client(headers={"Authorization": f"Bearer {self.token}"})

    def terminal_client(self) -> Client:
        return Client(headers={"X-Terminal-Key": self.terminal_key})

    def portal_client(self) -> Client:
        """A client signed in to the citizen portal as this district's citizen (the session the sign-in makes)."""
        client = Client()
        session = client.session
        now = timezone.now().timestamp()
        session[PORTAL_KEY] = {"person": str(self.citizen.pk), "since": now, "seen": now}
        session.save()
        return client


@dataclass
class World:
    a: Side
    b: Side


def _staff(office, label: str):
    return staff_create(
        actor=None,
        username=f"jur-{label}-{next(_names)}",
        password="pw-Refah-2026",
        office=office,
        roles=[r.value for r in Role],
    ).user


def _household(district, first: str, last: str, phone: str):
    """A household with a distinctly named reference person (who has a phone, so can use the portal),
    a spouse and a child; returns (household, reference person)."""
    household = HouseholdFactory(district=district)
    reference = PersonFactory(first_name=first, last_name=last, sex=enums.Sex.MALE, phone=phone)
    MembershipFactory(household=household, person=reference, role=enums.Role.REFERENCE)
    MembershipFactory(household=household, person=PersonFactory(last_name=last), role=enums.Role.SPOUSE)
    child = PersonFactory(
        last_name=last,
        birth_date=dt.date(2016, 3, 1),
        marital_status=enums.MaritalStatus.SINGLE,
        employment_status=enums.EmploymentStatus.CHILD,
    )
    MembershipFactory(household=household, person=child, role=enums.Role.CHILD)
    return household, reference


def _adults(household):
    today = timezone.localdate()
    return [m.person for m in household.memberships.filter(left_on__isnull=True) if m.person.age_on(today) >= 18]


def _terminal(user, district, name: str):
    grocery = MerchantCategory.objects.get(code="5411")
    shop = aidcard.merchant_create(
        actor=user, name=name, kind=MerchantKind.SHOP, district=district, categories=[grocery]
    )
    _terminal_row, key = aidcard.terminal_create(actor=user, merchant=shop, name=f"{name} kasa 1")
    return shop, key


def _side(pcode: str, label: str, office_name: str, names: tuple[str, str], phone: str, shop: str) -> Side:
    district = District.objects.get(pcode=pcode)
    office = office_create(actor=None, name=office_name, kind=OfficeKind.SYDV, district=district)
    user, checker = _staff(office, label), _staff(office, label)
    _token_row, token = api_token_create(actor=None, user=user, name="jurisdiction test")
    household, citizen = _household(district, *names, phone)
    # 9,000 TL a month for three: 3,000 per capita, between a tenth and a third of family support's last band
    # limit, so the what-if simulation of the test changes coverage in both districts.
    IncomeFactory(person=citizen, amount_kurus=900_000)
    merchant, key = _terminal(user, district, shop)
    return Side(district, office, user, checker, token, citizen, household, key, merchant)


def _decided_application(side: Side):
    """An application of A's household: visited, decided (approved), with a document uploaded."""
    user = side.user
    application = cases.application_submit(
        actor=user, household=side.household, programs=[PROGRAM], consents=_adults(side.household)
    )
    visit = cases.visit_assign(actor=user, application=application)
    cases.visit_record(actor=visit.inspector, visit=visit, living_conditions="poor", observations="Soğuk ev.")
    document = cases.document_upload(
        actor=user,
        application=application,
        doc_type=DocumentType.INCOME_STATEMENT,
        file=SimpleUploadedFile("gelir.pdf", PDF, content_type="application/pdf"),
    )
    cases.case_send_to_committee(actor=user, application=application)
    cases.case_record_decision(
        actor=user,
        application=application,
        decisions=[{"program": PROGRAM, "outcome": "approved", "amount_kurus": 150_000, "reason_codes": ["N1"]}],
        meeting_ref="Merkez 2026/1",
        justification="Ziyarette ağır yoksulluk görüldü.",
    )
    application.refresh_from_db()
    return application, visit, document


def _open_visit(side: Side):
    """An application of a third household of A whose visit is assigned to A's user and not yet done."""
    household, _reference = _household(side.district, "Sevgül", "Karabulutoğlu", "05321114455")
    application = cases.application_submit(
        actor=side.user, household=household, programs=[PROGRAM], consents=_adults(household)
    )
    visit = cases.visit_assign(actor=side.user, application=application)
    # The assignment draws one of the office's inspectors; the test signs in as `user`, so it is theirs.
    Visit.objects.filter(pk=visit.pk).update(inspector=side.user)
    visit.refresh_from_db()
    return visit


def _meeting_with_item(side: Side, household):
    """A's committee, a meeting on whose agenda an application of `household` sits, opened with all present."""
    user = side.user
    committee = committees.committee_create(
        actor=user, office=side.office, name="Karabulut Mütevelli Heyeti", kind=CommitteeKind.SYDV_BOARD
    )
    since = dt.date(2024, 1, 1)
    members = [
        committees.member_add(
            actor=user, committee=committee, full_name="", user=user, role=MemberRole.CHAIR, since=since
        ),
        committees.member_add(actor=user, committee=committee, full_name="Muhtar Hasan Güneş", since=since),
        committees.member_add(actor=user, committee=committee, full_name="Muhtar Zehra Aksoy", since=since),
    ]
    application = cases.application_submit(
        actor=user, household=household, programs=[PROGRAM], consents=_adults(household)
    )
    visit = cases.visit_assign(actor=user, application=application)
    cases.visit_record(actor=visit.inspector, visit=visit, living_conditions="poor", observations="Soğuk ev.")
    cases.case_send_to_committee(actor=user, application=application)
    meeting = committees.meeting_create(
        actor=user, committee=committee, reference="KRB-2026/7", scheduled_at=timezone.now(), location="Kaymakamlık"
    )
    committees.agenda_build(actor=user, meeting=meeting)
    committees.meeting_open(actor=user, meeting=meeting, present=members)
    meeting.refresh_from_db()
    return SimpleNamespace(
        committee=committee, members=members, meeting=meeting, item=meeting.items.get(), application=application
    )


def _payments(world: World):
    """A national cycle computed with one entitled household in each district, and a batch of each office."""
    payees = {}
    for i, side in enumerate((world.a, world.b)):
        household, spouse = family(side.district)
        entitled(household, PROGRAM, 250_000, office=side.office, user=side.user)
        account = payee_account_set(actor=side.user, person=spouse, iban=tr_iban_make(f"{i + 7:022d}"))
        payees[side.district.pcode] = (household, spouse, account.iban)
    cycle = cycle_compute(
        actor=world.a.user, cycle=cycle_create(actor=world.a.user, program=PROGRAM, period_start=PERIOD)
    )
    for side in (world.a, world.b):
        side.obj.batch = batch_create(
            actor=side.user,
            cycle=cycle,
            channel="bank",
            debtor_name=side.office.name,
            debtor_iban=DEBTOR_IBAN,
            execution_date=dt.date(2025, 3, 5),
        )
        if side is world.b:  # B's own batch, approved, is exported in the test: it must hold nothing of A
            batch_approve(actor=side.checker, batch=side.obj.batch)
        side.obj.payee_household, side.obj.payee, side.obj.payee_iban = payees[side.district.pcode]
    world.a.obj.cycle = world.b.obj.cycle = cycle


def _aidcard(side: Side):
    """A's household gets a card with food and market purses; a hold at A's shop; a receipt at A's social market."""
    user = side.user
    card, number = aidcard.card_issue(actor=user, household=side.household, pin="2468")
    aidcard.purse_load(
        actor=None, household=side.household, purse=PurseKind.FOOD, amount_kurus=100_000, source_ref="j1"
    )
    aidcard.purse_load(actor=None, household=side.household, purse=PurseKind.MARKET, amount_kurus=500, source_ref="j2")
    hold = aidcard.hold_authorise(
        merchant=side.merchant,
        card_number=number,
        purse=PurseKind.FOOD,
        amount=5_000,
        idempotency_key="j-hold",
        pin="2468",
    )
    market = aidcard.merchant_create(
        actor=user,
        name="Karabulut Sosyal Market",
        kind=MerchantKind.SOCIAL_MARKET,
        district=side.district,
        categories=[MerchantCategory.objects.get(code="SM01")],
    )
    item = aidcard.market_item_create(actor=user, merchant=market, name="Un 5 kg", price_points=40, quantity=10)
    receipt = aidcard.market_checkout(
        actor=user, merchant=market, card_number=number, basket={item.pk: 1}, idempotency_key="j-receipt", pin="2468"
    )
    side.obj.__dict__.update(card=card, card_number=number, hold=hold, market=market, receipt=receipt)


AID_REFERENCE = "Karabulut-yardım-1"


def _aid_records(side: Side):
    """Food aid to A's household from A's office (API) and from AFAD (a file, by TC Kimlik No), the same month:
    a duplicate aid flag."""
    record = {
        "reference": AID_REFERENCE,
        "kind": "food",
        "need": "subsistence",
        "amount_kurus": 120_000,
        "given_on": dt.date(2026, 1, 5),
        "period_start": dt.date(2026, 1, 1),
        "period_end": dt.date(2026, 1, 31),
        "national_id": side.citizen.national_id,
    }
    (mine,), _replayed = aidrecords.aid_records_submit(actor=side.user, records=[record], idempotency_key="jur-1")
    row = f"AFAD-1;gida;temel ihtiyac;900;2026-01-10;2026-01-01;2026-01-31;{side.citizen.national_id}"
    data = f"referans;yardim_turu;ihtiyac;tutar;verilis_tarihi;donem_baslangic;donem_bitis;tc\n{row}\n".encode()
    side.obj.aid_batch = aidrecords.aid_file_import(actor=side.user, file_name="afad.csv", data=data, giver_name="AFAD")
    side.obj.aid_record = mine
    side.obj.aid_flag = DuplicateFlag.objects.get(first=mine)


def _second_record(person):
    """The person registered a second time, without a number (and, as another institution left it, no household)."""
    return PersonFactory(
        national_id=None, id_kind=enums.IdKind.INTERNAL, first_name=person.first_name, last_name=person.last_name
    )


def _linkage(side: Side) -> None:
    """Two review items naming the citizen as candidate (one to accept: the citizen's second record, merged on
    accepting; one to reject) and a link to undo."""
    person = side.citizen
    side.obj.twice = _second_record(person)
    record = {"first_name": person.first_name, "last_name": person.last_name, "birth_date": "1985-05-17"}
    candidates = [{"person_id": str(person.pk), "probability": 0.5, "evidence": {"name": "exact"}}]
    common = {"kind": REGISTRY_PERSON, "district": side.district, "province_id": side.district.province_id}
    side.obj.link_review = LinkReview.objects.create(
        record_id=str(side.obj.twice.pk), record=record, candidates=candidates, **common
    )
    side.obj.link_review_2 = LinkReview.objects.create(record_id="R-2", record=record, candidates=candidates, **common)
    side.obj.link = Link.objects.create(
        record_id="R-3", person=person, method="exact", probability=1.0, created_by=side.user, **common
    )


def _merges(side: Side) -> None:
    """A third record of the citizen, merged into theirs (to list and undo); the spouse, to name in a body."""
    side.obj.merge = registry_services.person_merge(
        actor=side.user, keep=side.citizen, drop=_second_record(side.citizen), reason="Aynı kişi, iki kez kayıtlı."
    )
    side.obj.spouse = side.household.memberships.get(role=enums.Role.SPOUSE).person


def _exchange(side: Side) -> None:
    """A disagreement of the household with SGK, to resolve."""
    side.obj.discrepancy = Discrepancy.objects.create(
        household=side.household,
        person=side.citizen,
        source="sgk",
        fact="sgk.earnings",
        declared_value="0.00",
        registered_value="25000.00",
    )


EMPLOYER = "Karabulut Lojistik"


def _employment(side: Side) -> None:
    """A's citizen referred to İŞKUR: three refusals judged invalid (a sanction from next month), an offer awaiting
    the answer, a refusal awaiting the caseworker's decision, a placement."""
    referral = employment.referral_create(actor=side.user, person=side.citizen)
    today = timezone.localdate()

    def offer():
        return employment.offer_record(
            actor=side.user,
            referral=referral,
            kind="job",
            title="Depo görevlisi",
            employer=EMPLOYER,
            offered_on=today,
            answer_by=today + dt.timedelta(days=10),
        )

    for _ in range(3):
        refused = offer()
        employment.answer_record(actor=side.user, offer=refused, answer="refused", reason="no_reason")
        employment.refusal_decide(actor=side.checker, offer=refused, valid=False, justification="Gerekçesiz ret.")
    side.obj.offer = offer()
    side.obj.refusal = offer()
    employment.answer_record(actor=side.user, offer=side.obj.refusal, answer="refused", reason="distance")
    side.obj.referral = referral
    side.obj.sanction = Sanction.objects.get(household=side.household)
    side.obj.placement = employment.placement_record(
        actor=side.user, referral=referral, employer=EMPLOYER, started_on=today
    )


PROGRAMME = "Karabulut Aile Eğitimi"


def _casework(side: Side) -> None:
    """A's SHM (its district's) with the family counselling service; A's household referred to it, a second referral
    open, an SHM case opened from the first with a session; a group programme with A's citizen enrolled."""
    shm = office_create(actor=None, name="Karabulut SHM", kind=OfficeKind.SHM, district=side.district)
    side.obj.social_worker = _staff(shm, "shm")
    service = casework.service_create(
        actor=side.user,
        kind=ServiceKind.FAMILY_COUNSELLING,
        name="Karabulut SHM aile danışmanlığı",
        provider_kind=ProviderKind.SHM,
        office=shm,
        province=side.district.province,
        district=side.district,
    )
    side.obj.service = service

    def refer(reason: str):
        return casework.referral_create(
            actor=side.user, household=side.household, service=service, reason=reason, source=ReferralSource.COUNTER
        )

    side.obj.service_referral = refer("Aile içi iletişim sorunu.")
    side.obj.open_referral = refer("Çocukların okula devamı.")
    side.obj.social_case = casework.case_open(
        actor=side.obj.social_worker,
        household=side.household,
        persons=[side.citizen],
        reason="Aile içi iletişim sorunu.",
        referral=side.obj.service_referral,
    )
    side.obj.case_session = casework.session_add(
        actor=side.obj.social_worker,
        case=side.obj.social_case,
        kind="home_visit",
        scheduled_at=timezone.now() - dt.timedelta(days=1),
        status="held",
        notes="Karabulut ailesi ev ziyareti.",
    )
    today = timezone.localdate()
    side.obj.programme = casework.programme_create(
        actor=side.obj.social_worker,
        kind=ProgrammeKind.FAMILY_EDUCATION,
        title=PROGRAMME,
        starts_on=today,
        ends_on=today + dt.timedelta(days=30),
        capacity=20,
        sessions=[(today, "Aile içi iletişim")],
    )
    side.obj.group_session = side.obj.programme.sessions.get()
    side.obj.enrolment = casework.enrol(actor=side.obj.social_worker, programme=side.obj.programme, person=side.citizen)


CARE_CENTRE = "Karabulut Bakım ve Rehabilitasyon Merkezi"
CARE_CRECHE = "Karabulut Özel Kreşi"


def _care_person(household, *, years: int, **fields):
    today = timezone.localdate()
    person = PersonFactory(
        last_name="Karabulutoğlu",
        birth_date=today.replace(year=today.year - years, day=min(today.day, 28)),
        marital_status=enums.MaritalStatus.SINGLE,
        **fields,
    )
    MembershipFactory(household=household, person=person, role=enums.Role.OTHER)
    return person


def _care(side: Side) -> None:
    """A's care records: a care and rehabilitation centre with two residents and two people waiting, a protection
    decision for A's child, a foster family (another household of A) fostering the child, a private crèche whose
    free place a toddler holds, an adoption application."""
    user, today = side.user, timezone.localdate()
    directorate = office_create(
        actor=None, name="Iğdır İl Müdürlüğü (test)", kind=OfficeKind.DIRECTORATE, province=side.district.province
    )
    centre = care.institution_create(
        actor=user,
        name=CARE_CENTRE,
        kind="care_rehab_centre",
        ownership="public",
        mode="residential",
        district=side.district,
        capacity=10,
        office=directorate,
    )
    family, _ref = _household(side.district, "Saniye", "Karabulutoğlu", "05321110000")
    disabled = [_care_person(family, years=30, disability_percent=80) for _ in range(4)]
    side.obj.care_centre = centre
    side.obj.care_placement, side.obj.care_placement_2 = (
        care.placement_create(actor=user, institution=centre, person=p, household=family) for p in disabled[:2]
    )
    side.obj.care_entry, side.obj.care_entry_2 = (
        care.waiting_add(actor=user, person=p, household=family, kind="care_rehab_centre") for p in disabled[2:]
    )
    side.obj.care_household = family
    child = side.household.memberships.get(role=enums.Role.CHILD).person
    side.obj.care_child = child
    side.obj.care_decision = care.decision_record(
        actor=user,
        child=child,
        household=side.household,
        kind="care",
        court="Iğdır 1. Aile Mahkemesi",
        decided_on=today,
        review_on=today + dt.timedelta(days=180),
    )
    side.obj.care_foster = care.foster_family_approve(
        actor=user, household=family, kind="volunteer", approved_on=today, capacity=2
    )
    side.obj.care_foster_placement = care.foster_place(
        actor=user, family=side.obj.care_foster, child=child, household=side.household, started_on=today
    )
    creche = care.institution_create(
        actor=user,
        name=CARE_CRECHE,
        kind="private_creche",
        ownership="private",
        mode="day",
        district=side.district,
        capacity=40,
        operator_name="Karabulut Eğitim Ltd.",
    )
    toddler = _care_person(family, years=3)
    Determination.objects.create(
        household=family,
        program="free_creche",
        period=today.replace(day=1),
        eligible=True,
        frequency="monthly",
        rulebook_version="test",
        input_hash="test",
    )
    side.obj.care_creche = creche
    side.obj.care_toddler = toddler
    side.obj.care_allocation = care.creche_allocate(actor=user, creche=creche, child=toddler, household=family)
    side.obj.care_adoption = care.adoption_create(
        actor=user, child=child, household=side.household, adoptive_household=family, applied_on=today
    )


MARTYR_TC, MARTYR_DECISION = "10000000214", "ŞYGD-KRB-2016/77"


def _entitlements(side: Side) -> None:
    """A's citizen recorded as a martyr's spouse with three entitlements (public employment to refer, housing credit
    to use, the health exemption to revoke) and a free travel card, printed in a batch of A's district."""
    side.obj.veteran_record = entitlements.veteran_record_create(
        actor=side.user,
        person=side.citizen,
        status="martyr_spouse",
        subject_name="Piyade Uzman Çavuş Kemal Karabulutoğlu",
        subject_national_id=MARTYR_TC,
        event_date=dt.date(2016, 7, 15),
        decision_ref=MARTYR_DECISION,
    )

    def grant(kind):
        return entitlements.entitlement_grant(actor=side.user, record=side.obj.veteran_record, kind=kind)

    side.obj.entitlement = grant("public_employment")
    side.obj.entitlement_to_use = grant("housing_credit")
    side.obj.entitlement_to_revoke = grant("health_exemption")
    entitlements.cards_issue(actor=side.user, household=side.household)
    side.obj.card_batch = entitlements.print_batch_create(actor=side.user)
    entitlements.print_batch_printed(actor=side.user, batch=side.obj.card_batch)
    side.obj.travel_card = TravelCard.objects.get(person=side.citizen)


SHELTER_ADDRESS = "Karabulut Gizli Sokak No 9"
SEALED_NOTE = "Karabulut mühürlü görüşme notu"


def _shelters(world: World) -> None:
    """Iğdır's ŞÖNİM (province-wide) and a shelter of Merkez, both with A's user named as unit supervisor (the
    shelter's address set), created by a province-wide administrator with every role who is named nowhere
    (`a.obj.province_admin`: the sealed crawl's reader, refah/shelters/tests/test_sealed_crawl.py); a case from
    the sealed hand-over of A's household with a note, an order, a stay and a referral out; B's user named in a
    shelter of Tuzluca (so B's lists answer, holding nothing of A's units)."""
    a, b = world.a, world.b
    directorate = office_create(
        actor=None, name="Iğdır İl Müdürlüğü", kind=OfficeKind.DIRECTORATE, province=a.district.province
    )
    admin = a.obj.province_admin = _staff(directorate, "il")
    province = a.district.province
    sonim = shelters.unit_create(actor=admin, kind="sonim", name="Karabulut ŞÖNİM", province=province)
    shelter = shelters.unit_create(
        actor=admin, kind="shelter", name="Karabulut Konukevi", province=province, district=a.district, capacity=5
    )
    mine = shelters.unit_create(
        actor=admin, kind="shelter", name="Aslanbey Konukevi", province=province, district=b.district, capacity=4
    )
    shelters.member_add(actor=admin, unit=sonim, user=a.user, role="supervisor")
    a.obj.sealed_member = shelters.member_add(actor=admin, unit=shelter, user=a.user, role="supervisor")
    shelters.member_add(actor=admin, unit=mine, user=b.user, role="supervisor")
    shelters.unit_address_set(actor=a.user, unit=shelter, address=SHELTER_ADDRESS)
    spouse = a.household.memberships.get(role=enums.Role.SPOUSE).person
    casework_referral_create(
        actor=a.user,
        household=a.household,
        person=spouse,
        kind="women_protection",
        reason="Karabulut ev ziyaretinde şiddet beyanı",
        source="asdep_visit",
    )
    case = a.obj.sealed_case = sonim.cases.get()
    a.obj.sonim, a.obj.shelter = sonim, shelter
    a.obj.sealed_alert = sonim.alerts.get()
    shelters.note_add(actor=a.user, case=case, text=SEALED_NOTE)
    today = timezone.localdate()
    shelters.order_record(
        actor=a.user, case=case, kind="no_approach", issuer="judge", issued_on=today, starts_on=today, ends_on=today
    )
    a.obj.sealed_stay = shelters.stay_start(actor=a.user, case=case, shelter=shelter, children=1)
    shelters.referral_record(actor=a.user, case=case, to_kind="legal_aid", reason="Karabulut adli yardım")


ASDEP_ROUND = "Karabulut ASDEP Turu"


def _asdep(side: Side, second) -> None:
    """A round over the household's neighbourhood: its visit recorded (a debt found), the second household's open."""
    today = timezone.localdate()
    side.obj.asdep_round = asdep.round_plan(
        actor=side.user,
        office=side.office,
        neighbourhoods=[side.household.neighbourhood],
        teams=[[side.user, side.checker]],
        starts_on=today,
        ends_on=today + dt.timedelta(days=20),
        name=ASDEP_ROUND,
    )
    side.obj.asdep_visit = side.obj.asdep_round.visits.get(household=side.household)
    side.obj.asdep_open_visit = side.obj.asdep_round.visits.get(household=second)
    answers = {q.code: "no" for area in ASDEP_AREAS for q in area.questions} | {"income_debt": "yes"}
    asdep.visit_record(
        actor=side.user,
        visit=side.obj.asdep_visit,
        outcome="visited",
        answers=answers,
        risks={"income": {"severity": "low"}},
    )


def _outreach(side: Side) -> None:
    """Three households of A at one address, with different surnames, eligible and not applied: on the outreach
    call list, and an anomaly flag (many unrelated households at one address) once the run has been made."""
    from refah.eligibility.models import Determination
    from refah.registry.models import Household
    from refah.targeting.anomalies.models import AnomalyFlag
    from refah.targeting.anomalies.services import anomalies_find

    for last in ("Karabulutoğlu", "Sarıkaya", "Tunçdemir"):
        household, _ref = _household(side.district, "Nazlı", last, "")
        # older than the world's other households: the registry's "recent households" (newest 12) still shows A's own
        Household.objects.filter(pk=household.pk).update(
            address_line="Karabulut Apt. No 9", created_at=household.created_at - dt.timedelta(days=30)
        )
        Determination.objects.create(
            household=household, program=PROGRAM, period=timezone.localdate().replace(day=1), eligible=True,
            amount_kurus=100_000, frequency="monthly", rulebook_version="test", input_hash="x",
        )  # fmt: skip
    anomalies_find()
    side.obj.anomaly_flag = AnomalyFlag.objects.get(kind="shared_address", district=side.district)


def build_world() -> World:
    """Both districts, every object in district A, and the strings that must never reach district B."""
    a = _side(MERKEZ, "a", "Iğdır Merkez SYDV", ("Zerrin", "Karabulutoğlu"), "05321234567", "Karabulut Bakkal")
    b = _side(TUZLUCA, "b", "Tuzluca SYDV", ("Nesrin", "Aslanbeyoğlu"), "05329876543", "Aslanbey Bakkal")
    world = World(a, b)
    _outreach(a)
    a.obj.application, a.obj.visit, a.obj.document = _decided_application(a)
    a.obj.decision = a.obj.application.decisions.get()
    a.obj.open_visit = _open_visit(a)
    second, _ref = _household(a.district, "Gülizar", "Karabulutoğlu", "05321112233")
    a.obj.committee_case = _meeting_with_item(a, second)
    a.obj.membership = a.household.memberships.get(role=enums.Role.REFERENCE)
    a.obj.warehouse = warehouse_create(actor=a.user, office=a.office, name="Karabulut Deposu")
    a.obj.import_batch = imports.household_import(actor=a.user, file_name="hane.csv", data=SAMPLE_CSV)
    _payments(world)
    _aidcard(a)
    _aid_records(a)
    _linkage(a)
    _merges(a)
    _exchange(a)
    _employment(a)
    _casework(a)
    _care(a)
    _entitlements(a)
    _shelters(world)
    _asdep(a, second)
    registry_selectors.household_read(user=a.user, household_id=a.household.pk)  # a read for the access log
    a.markers = {
        "household code": a.household.reference_code,
        "second household code": second.reference_code,
        "TC Kimlik No": a.citizen.national_id,
        "surname": "Karabulutoğlu",
        "application": a.obj.application.reference,
        "committee application": a.obj.committee_case.application.reference,
        "meeting": "KRB-2026/7",
        "committee": "Karabulut Mütevelli Heyeti",
        "shop": "Karabulut Bakkal",
        "market": "Karabulut Sosyal Market",
        "warehouse": "Karabulut Deposu",
        "payee household": a.obj.payee_household.reference_code,
        "payee IBAN": a.obj.payee_iban,
        "payee TC Kimlik No": a.obj.payee.national_id,
        "batch": a.obj.batch.message_id,
        "aid reference": AID_REFERENCE,
        "employer": EMPLOYER,
        "group programme": PROGRAMME,
        "care centre": CARE_CENTRE,
        "care crèche": CARE_CRECHE,
        "martyr's decision": MARTYR_DECISION,
        "travel card": a.obj.travel_card.number,
        "sealed unit": "Karabulut ŞÖNİM",
        "shelter": "Karabulut Konukevi",
        "shelter address": SHELTER_ADDRESS,
        "sealed case number": a.obj.sealed_case.reference,
        "sealed note": SEALED_NOTE,
        "asdep round": ASDEP_ROUND,
    }
    return world
