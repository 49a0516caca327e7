"""`refah demo_scenario` on a small synthetic Iğdır: every state, nothing new on a second run, the ledger verifies."""

import io
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from refah.aidcard.models import Card, Hold, Merchant, Receipt
from refah.asdep.models import Round as AsdepRound
from refah.asdep.models import Visit as AsdepVisit
from refah.cases.enums import Channel, Status
from refah.cases.models import Application, Objection, Visit
from refah.cases.selectors import overdue_applications
from refah.casework.enums import CaseStatus, ReferralStatus
from refah.casework.models import Attendance, SocialCase
from refah.casework.models import Referral as ServiceReferral
from refah.committees.models import Committee, ItemDecision, Meeting, Recusal, Vote
from refah.eligibility.models import CustomProgram
from refah.employment.models import Offer, Placement, Referral, Sanction
from refah.notifications import backends
from refah.payments.models import Delivery, Entitlement, PaymentBatch, PaymentCycle, PaymentLine
from refah.registry.models import PersonMerge
from refah.synth.generate import generate
from refah.synth.load import load_batches

# Not transactional: a flush would drop the migrations' reference data (merchant categories…) for later tests.
pytestmark = pytest.mark.django_db

COUNTED = ["cases.Application", "cases.Visit", "committees.Meeting", "payments.PaymentBatch", "aidcard.Card"]


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo made once for the module's tests (it takes the longest setup of the suite), rolled back after."""
    settings = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        REFAH_NOTIFICATION_BACKEND="refah.notifications.backends.LocmemBackend",
    )
    with django_db_blocker.unblock(), settings, transaction.atomic():
        load_batches(generate(provinces=[76], households=400, seed=11), seed=11)
        call_command("demo_users", stdout=io.StringIO())
        out = io.StringIO()
        call_command("demo_scenario", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_every_state_of_the_demo_exists_once_and_the_ledger_verifies(scenario):
    assert "Refah demo scenario" in scenario
    statuses = set(Application.objects.values_list("status", flat=True))
    assert set(Status.values) - {Status.CLOSED} <= statuses
    assert set(Application.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert Application.objects.count() >= 55
    caseworker = get_user_model().objects.get(username="caseworker")
    assert overdue_applications(user=caseworker, on=timezone.localdate()).exists()
    assert Visit.objects.filter(status="assigned").exists() and Visit.objects.filter(status="done").exists()
    assert Objection.objects.filter(status="in_review", visit__inspector__username="inspector2").exists()
    _assert_committees()
    _assert_money()
    assert CustomProgram.objects.filter(status="approved", office__name="Iğdır Belediyesi").count() == 1
    _assert_every_custom_program_paid()
    assert PersonMerge.objects.filter(undone_at__isnull=True, merged_by__username="caseworker").count() == 1
    _assert_employment()
    _assert_casework()
    _assert_asdep()
    _assert_outreach()

    before = {label: apps.get_model(label).objects.count() for label in COUNTED}
    again = io.StringIO()
    call_command("demo_scenario", stdout=again)
    assert "already exists" in again.getvalue()
    assert {label: apps.get_model(label).objects.count() for label in COUNTED} == before

    call_command("ledger", "verify", stdout=io.StringIO())  # raises CommandError (exit 1) if it does not verify


def _assert_every_custom_program_paid():
    """Every custom program approved in the demo is in a computed payment cycle, paid as its definition says."""
    approved = list(CustomProgram.objects.filter(status="approved").select_related("office"))
    assert {record.office.kind for record in approved} >= {"municipality", "ngo"}
    assert {record.spec["payment"]["method"] for record in approved} >= {"cash", "aid_card"}
    channels = {"cash": {"bank", "ptt"}, "aid_card": {"aid_card"}, "in_kind": {"in_kind"}}
    for record in approved:
        cycle = PaymentCycle.objects.get(program=record.engine_code)
        assert cycle.status == "computed" and cycle.entitlement_count > 0, record.name
        entitlements = Entitlement.objects.filter(cycle=cycle).with_payment_status()
        assert set(entitlements.values_list("channel", flat=True)) <= channels[record.spec["payment"]["method"]]
        assert entitlements.filter(payment_status="paid").exists(), record.name


def _assert_committees():
    assert Committee.objects.count() == 2
    closed = Meeting.objects.get(status="closed")
    assert closed.attendance.count() == 5 and closed.attendance.count() < closed.committee.members.count()
    assert Recusal.objects.filter(item__meeting=closed).count() == 1
    assert Vote.objects.filter(item__meeting=closed).exists()
    assert set(ItemDecision.objects.values_list("outcome", flat=True)) == {"approved", "rejected", "deferred"}
    planned = Meeting.objects.get(status="planned")
    assert planned.items.exists() and planned.scheduled_at > timezone.now()


def _assert_money():
    assert PaymentBatch.objects.filter(status="reconciled", approved_by__username="finance2").exists()
    assert PaymentLine.objects.filter(status="failed").exists() and PaymentLine.objects.filter(status="paid").exists()
    assert Delivery.objects.exists()
    assert Card.objects.count() >= 10
    assert Merchant.objects.count() == 2
    assert Receipt.objects.exists()
    assert Hold.objects.filter(status="captured").exists() and Hold.objects.filter(status="open").exists()


def test_the_printed_citizen_signs_in_to_the_portal_and_sees_their_household(
    scenario, django_capture_on_commit_callbacks
):
    """The demo prints a citizen; with only what it printed, the portal's sign-in works and shows the household."""
    printed = re.search(r"TC Kimlik No: (\d{11})\s+mobile: (\d{11})\s+household: (\S+)", scenario)
    assert printed is not None, scenario
    national_id, phone, household_code = printed.groups()
    assert phone.startswith("052") and "Refah giriş kodunuz" in scenario
    backends.outbox.clear()
    client = Client()

    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post("/portal/sign-in/", {"national_id": national_id})
    assert asked.status_code == 302
    assert [n.phone for n in backends.outbox] == [phone]
    code = re.search(r"\b(\d{6})\b", backends.outbox[-1].text).group(1)
    assert client.post("/portal/sign-in/code/", {"code": code}).url == "/portal/"

    home = client.get("/portal/").content.decode()
    assert household_code in home
    assert Application.objects.filter(household__reference_code=household_code, status=Status.APPROVED).exists()
    assert "Onaylandı" in home  # the approved application, in Turkish


def _assert_outreach():
    """Three unrelated households at one Merkez address, flagged for the inspector; the caseworker's call list of
    likely eligible households that have not applied is not empty."""
    from refah.targeting.anomalies.models import AnomalyFlag
    from refah.targeting.outreach.selectors import call_list

    flag = AnomalyFlag.objects.get(kind="shared_address", status="open")
    caseworker = get_user_model().objects.get(username="caseworker")
    assert flag.evidence["households"] >= 3 and flag.district_id == caseworker.staff.office.district_id
    _rows, total = call_list(user=caseworker)
    assert total > 0


def _assert_asdep():
    """A done round with visits and the referrals their risks made; a planned round with visits due today."""
    assert set(AsdepRound.objects.values_list("status", flat=True)) == {"done", "planned"}
    done = AsdepVisit.objects.filter(round__status="done")
    assert (
        done.filter(outcome="visited").exists()
        and done.filter(outcome="nobody_home", second_try__isnull=False).exists()
    )
    assert done.filter(risks__referrals__source="asdep_visit").exists()
    due = AsdepVisit.objects.filter(round__status="planned", planned_on__lte=timezone.localdate())
    assert due.filter(team__members__username="asdep").exists()


def _assert_employment():
    """Referred members: a sanction in force from this month, an offer awaiting its answer, a placement."""
    assert Referral.objects.count() == 3
    sanction = Sanction.objects.get()
    assert sanction.starts_on == timezone.localdate().replace(day=1) and sanction.refusals.count() == 3
    assert Offer.objects.filter(answer="pending").exists() and Offer.objects.filter(validity="valid").exists()
    assert Placement.objects.filter(premium_support=True).count() == 1


def _assert_casework():
    """The catalogue seeded; a referral escalated to level 2 and one declined; SHM cases at every step, one waiting for
    the supervisor; a group programme with attendance."""
    assert ServiceReferral.objects.filter(escalation_level=2).count() == 1
    assert ServiceReferral.objects.filter(status=ReferralStatus.DECLINED).count() == 1
    statuses = set(SocialCase.objects.filter(worker__username="social_worker").values_list("status", flat=True))
    assert statuses == set(CaseStatus.values)
    assert SocialCase.objects.filter(worker__isnull=True).count() == 1
    assert Attendance.objects.filter(status="present").exists()
