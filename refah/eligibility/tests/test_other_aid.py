"""Other givers' aid as a household fact: both registry readers read it alike from the aid records, leaving
out the programmes' own givers (SYDV), and the determinations change when a dated value switches it on."""

import datetime as dt

import numpy as np
import pytest
from django.utils import timezone

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.selectors import office_for_user
from refah.accounts.services import office_create
from refah.aidrecords import services as aid_services
from refah.aidrecords.tests.conftest import record
from refah.eligibility.db_batch import registry_read
from refah.eligibility.engine import evaluate
from refah.eligibility.errors import InvalidInputError
from refah.eligibility.models import ApprovalStatus, Determination, ParameterValue
from refah.eligibility.selectors import household_inputs, household_reading
from refah.eligibility.services import determinations_for_household, determinations_run
from refah.eligibility.tests.test_determinations import DAY, make_household

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerks(make_staff, merkez):
    municipality = office_create(actor=None, name="Iğdır Belediyesi", kind=OfficeKind.MUNICIPALITY, district=merkez)
    sydv = office_create(actor=None, name="Iğdır Merkez SYDV", kind=OfficeKind.SYDV, district=merkez)
    return make_staff(municipality, Role.CASEWORKER), make_staff(sydv, Role.CASEWORKER)


def _send(user, key: str, **over) -> None:
    aid_services.aid_records_submit(actor=user, records=[record(**over)], idempotency_key=key)


@pytest.fixture
def aided(clerks):
    """A family of four (15,000 TL wage) in Merkez. Over April–June 2025 (the 3 months before July) the
    municipality gave 3,000 TL cash for the quarter (1,000 a month) and 900 TL rent for June (300 a month);
    the SYDV (the programmes' own giver) gave 600 TL of food in June (200 a month). Aid from March and from
    July is outside the window."""
    town, sydv = clerks
    household = make_household(wage_kurus=1_500_000)
    mother = household.memberships.get(role="reference").person
    who = {"national_id": mother.national_id, "first_name": mother.first_name, "last_name": mother.last_name}
    quarter = {"period_start": "2025-04-01", "period_end": "2025-06-30", "given_on": "2025-04-02"}
    june = {"period_start": "2025-06-01", "period_end": "2025-06-30", "given_on": "2025-06-02"}
    _send(town, "t1", reference="M-1", kind="cash", need="subsistence", amount_kurus=300_000, **quarter, **who)
    _send(town, "t2", reference="M-2", kind="rent", need="housing", amount_kurus=90_000, **june, **who)
    _send(town, "t3", reference="M-3", kind="cash", need="subsistence", amount_kurus=500_000,
          period_start="2025-03-01", period_end="2025-03-31", given_on="2025-03-02", **who)  # fmt: skip
    _send(town, "t4", reference="M-4", kind="cash", need="subsistence", amount_kurus=500_000,
          period_start="2025-07-01", period_end="2025-07-31", given_on="2025-07-02", **who)  # fmt: skip
    _send(sydv, "s1", reference="S-1", kind="food", need="subsistence", amount_kurus=60_000, **june, **who)
    return household


def _batch_value(household, **options) -> int:
    frames = registry_read(day=DAY, **options)
    row = frames.households["household_id"].to_list().index(household.pk.hex)
    return int(frames.batch().households["other_aid"][row])


def test_both_readers_read_other_givers_aid_alike_without_the_own_giver(aided):
    one = household_inputs(household=aided, day=DAY)

    assert one["other_aid"] == "1300.00"  # 1,000 cash + 300 rent; the SYDV's food is its own
    assert _batch_value(aided) == 130_000


def test_both_readers_count_every_giver_when_told_no_giver_is_own(aided):
    data, _ids = household_reading(household=aided, day=DAY, except_giver_ids=[])

    assert data["other_aid"] == "1500.00"  # + 200 food of the SYDV
    assert _batch_value(aided, except_giver_ids=[]) == 150_000


def test_a_household_without_aid_records_reads_zero(aided):
    other = make_household(wage_kurus=0)

    assert household_inputs(household=other, day=DAY)["other_aid"] == "0.00"
    assert _batch_value(other) == 0


def _approve(manager, checker, parameter: str, value) -> None:
    ParameterValue.objects.create(
        parameter=parameter,
        start=DAY,
        value=value,
        reference="Program birimi kararı",
        status=ApprovalStatus.APPROVED,
        proposed_by=manager,
        decided_by=checker,
    )


def _determinations(household) -> dict:
    return {
        d.program: (d.eligible, d.amounts.get("monthly", 0), [r["code"] for r in d.reasons])
        for d in Determination.objects.filter(household=household, period=DAY)
    }


def test_determinations_change_when_a_dated_value_switches_other_aid_on(aided, make_staff, clerks):
    determinations_for_household(household=aided, period=DAY)
    before = _determinations(aided)
    assert before["family_support"][0] is True
    # income support: threshold for four 5/6 × 22,104.67 = 18,420.56; 15,000 + family support 1,200 → 2,220.56
    assert before["income_support"][:2] == (True, 222_056)
    assert "income_support.other_aid_income" not in before["income_support"][2]

    office = office_for_user(clerks[0])
    manager, checker = make_staff(office, Role.PROGRAM_MANAGER), make_staff(office, Role.PROGRAM_MANAGER)
    _approve(manager, checker, "other_aid.counts_as_income", True)
    _approve(manager, checker, "other_aid.excluding_programs", {"family_support": True})
    _approve(manager, checker, "other_aid.exclusion_minimum", "1000.00")
    determinations_for_household(household=aided, period=DAY)
    after = _determinations(aided)

    # family support: 1,300 TL of other aid ≥ 1,000 → excluded
    assert after["family_support"][:2] == (False, 0)
    assert "family_support.other_aid" in after["family_support"][2]
    # income support: 15,000 + 1,300 aid + 0 family support = 16,300 < 18,420.56 → 2,120.56
    assert after["income_support"][:2] == (True, 212_056)
    assert "income_support.other_aid_income" in after["income_support"][2]

    # the whole-registry run stores the same
    Determination.objects.all().delete()
    determinations_run(period=DAY)
    assert _determinations(aided) == after


def test_the_screener_takes_other_aid_as_an_optional_answer(make_staff, clerks):
    from refah.eligibility.tests.test_screener_api import household, post

    office = office_for_user(clerks[0])
    _approve(make_staff(office, Role.PROGRAM_MANAGER), make_staff(office, Role.PROGRAM_MANAGER),
             "other_aid.counts_as_income", True)  # fmt: skip

    def family_support(body):
        response = post(body, "en")
        assert response.status_code == 200, response.content
        return next(p for p in response.json()["programs"] if p["code"] == "family_support")

    # 6,000 / 4 = 1,500 per capita; not given, other aid is 0
    assert family_support(household())["status"] == "likely"
    # (6,000 + 30,000) / 4 = 9,000 > 7,368.22
    unlikely = family_support(household(other_aid="30000.00"))
    assert unlikely["status"] == "unlikely"
    assert any("other institutions' aid a month included in income: 30,000.00 TL" in r["text"]
               for r in unlikely["reasons"])  # fmt: skip
    refused = post(household(other_aid="-1.00"), "en")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "other_aid"
    assert refused.json()["errors"][0]["reason"] == "An amount cannot be negative."
    in_turkish = post(household(other_aid="-1.00"), "tr").json()["errors"][0]
    assert in_turkish == {"field": "other_aid", "reason": "Tutar eksi olamaz.", "code": "invalid"}


def test_the_screener_refuses_every_negative_or_unreadable_amount_by_its_field(clerks):
    from refah.eligibility.tests.test_screener_api import household, post

    body = household(monthly_rent="-1.00")
    assert post(body, "tr").json()["errors"][0]["field"] == "monthly_rent"
    body = household()
    body["members"][0]["monthly_income"] = "-250"
    assert post(body, "en").json()["errors"][0]["field"] == "members.0.monthly_income"
    body = household(assets=[{"kind": "vehicle", "value": "bir araba"}])
    error = post(body, "tr").json()["errors"][0]
    assert error["field"] == "assets.0.value" and error["reason"] == "Tutarı TL olarak yazın, örneğin 1500.00."


def test_the_engine_reads_no_other_aid_as_zero_and_refuses_a_negative_amount():
    members = [{"role": "reference", "birth_date": "1980-01-01", "employment_status": "unemployed",
                "monthly_income": "0", "sex": "F"}]  # fmt: skip
    result = evaluate({"members": members}, "2025-07", ["family_support"])
    assert np.array_equal(result.batch.households["other_aid"], [0])
    with pytest.raises(InvalidInputError):
        evaluate({"members": members, "other_aid": "-0.01"}, "2025-07", ["family_support"])


def _this_month(household) -> dict:
    month = timezone.localdate().replace(day=1)
    return {
        d.program: (d.eligible, d.amounts.get("monthly", 0), [r["code"] for r in d.reasons])
        for d in Determination.objects.filter(household=household, period=month)
    }


def _last_month() -> dict:
    end = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    return {"period_start": end.replace(day=1).isoformat(), "period_end": end.isoformat(), "given_on": end.isoformat()}


@pytest.fixture
def counted(make_staff, clerks):
    """A family of four earning 15,000 TL; other givers' aid counts as income from DAY on."""
    office = office_for_user(clerks[0])
    _approve(make_staff(office, Role.PROGRAM_MANAGER), make_staff(office, Role.PROGRAM_MANAGER),
             "other_aid.counts_as_income", True)  # fmt: skip
    household = make_household(wage_kurus=1_500_000)
    determinations_for_household(household=household, period=timezone.localdate())
    mother = household.memberships.get(role="reference").person
    who = {"national_id": mother.national_id, "first_name": mother.first_name, "last_name": mother.last_name}
    return household, who


def test_an_aid_record_re_evaluates_its_household_when_it_commits(counted, clerks, django_capture_on_commit_callbacks):
    household, who = counted
    before = _this_month(household)["income_support"][1]
    with django_capture_on_commit_callbacks(execute=True):
        _send(clerks[0], "now-1", reference="N-1", kind="cash", need="subsistence", amount_kurus=90_000,
              **_last_month(), **who)  # fmt: skip
    # 900 TL last month over the 3-month window: 300 TL a month more income, 300 TL less support, at once
    assert _this_month(household)["income_support"][1] == before - 30_000


def test_many_households_are_re_evaluated_by_the_worker(
    counted, clerks, django_capture_on_commit_callbacks, monkeypatch
):
    from refah.common.tests.timers import pending, run_pending
    from refah.eligibility import receivers
    from refah.eligibility.tasks import households_reevaluate_task

    household, who = counted
    before = _this_month(household)["income_support"][1]
    monkeypatch.setattr(receivers, "INLINE", 0)  # as if the file had reached more households than are done at once
    with django_capture_on_commit_callbacks(execute=True):
        _send(clerks[0], "now-2", reference="N-2", kind="cash", need="subsistence", amount_kurus=90_000,
              **_last_month(), **who)  # fmt: skip
    assert pending(households_reevaluate_task).count() == 1
    assert _this_month(household)["income_support"][1] == before
    row = run_pending(households_reevaluate_task)
    assert row.status == "SUCCESSFUL", row.exception_class_path
    assert _this_month(household)["income_support"][1] == before - 30_000
