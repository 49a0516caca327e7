"""The İŞKUR adapter against the simulators (a live server in a thread): registration, offers, answers told,
placements (started and left work), a failure kept on the referral, a malformed answer named by its field; and
the simulator's answers carry every field docs/employment/iskur.yaml requires."""

import datetime as dt
from pathlib import Path

import httpx
import pytest
import yaml

from refah.common.errors import RefahError
from refah.employment import services
from refah.employment.enums import Answer, ReferralStatus, Source
from refah.employment.models import Offer, Placement
from refah.exchange.client.breaker import breaker_reset
from refah.exchange.models import SourceCall

DOC = Path(__file__).resolve().parents[3] / "docs" / "employment" / "iskur.yaml"


@pytest.fixture
def murat(family):
    return family[1]


def test_a_referral_registers_and_the_offers_come_from_iskur(simulators, caseworker, murat):
    referral = services.referral_create(actor=caseworker, person=murat)
    assert referral.status == ReferralStatus.REGISTERED and referral.jobseeker_ref.startswith("IS-")
    assert referral.iskur_registered_on == dt.date.today()

    counts = services.iskur_sync(actor=caseworker, referral=referral)

    assert counts == {"offers": 4, "answers_told": 0, "placements": 0, "placements_ended": 0}
    offers = Offer.objects.filter(referral=referral, source=Source.ISKUR)
    assert sorted(offers.values_list("kind", flat=True)) == ["course", "job", "job", "job"]
    assert all(o.answer_by == o.offered_on + dt.timedelta(days=14) for o in offers)
    assert services.iskur_sync(actor=caseworker, referral=referral)["offers"] == 0  # known ones are not stored twice
    calls = SourceCall.objects.filter(source="iskur")
    assert calls.count() == 5 and set(calls.values_list("purpose", flat=True)) == {"case_work"}
    assert set(calls.values_list("requester_label", flat=True)) == {caseworker.get_username()}


def test_an_accepted_job_becomes_a_placement_and_leaving_work_is_read(
    simulators, caseworker, murat, django_capture_on_commit_callbacks
):
    referral = services.referral_create(actor=caseworker, person=murat)
    services.iskur_sync(actor=caseworker, referral=referral)
    job = Offer.objects.filter(referral=referral, kind="job").order_by("iskur_ref").first()
    refused = Offer.objects.filter(referral=referral, kind="job").order_by("iskur_ref").last()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_record(actor=caseworker, offer=job, answer=Answer.ACCEPTED)
        services.answer_record(actor=caseworker, offer=refused, answer=Answer.REFUSED, reason="distance")
    assert Offer.objects.filter(pk__in=[job.pk, refused.pk], reported_at__isnull=False).count() == 2  # İŞKUR told

    with django_capture_on_commit_callbacks(execute=True):
        counts = services.iskur_sync(actor=caseworker, referral=referral)
    placement = Placement.objects.get(person=murat)
    assert counts["placements"] == 1 and placement.offer == job and placement.started_on == dt.date.today()
    assert placement.premium_support and placement.premium_support_until == dt.date.today().replace(
        year=dt.date.today().year + 1
    ) - dt.timedelta(days=1)

    left = dt.date.today()
    httpx.put(f"{simulators.url}/_control/iskur/placements/P-{job.iskur_ref}", json={"ended_on": left.isoformat()})
    assert services.iskur_sync(actor=caseworker, referral=referral)["placements_ended"] == 1
    assert Placement.objects.get(pk=placement.pk).ended_on == left


def test_when_iskur_is_down_the_referral_waits_and_registers_later(simulators, caseworker, murat):
    simulators.set("iskur", down=True)
    referral = services.referral_create(actor=caseworker, person=murat)
    assert referral.status == ReferralStatus.WAITING and "İŞKUR" in referral.iskur_error
    with pytest.raises(RefahError) as caught:
        services.iskur_sync(actor=caseworker, referral=referral)
    assert caught.value.field == "iskur"
    simulators.set("iskur", down=False)
    breaker_reset("iskur")  # the failed calls opened it; an operator closes it (or it half-opens after its cooldown)
    services.iskur_sync(actor=caseworker, referral=referral)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REGISTERED and referral.iskur_error == ""


def test_a_malformed_answer_stores_nothing_and_names_the_field(simulators, caseworker, murat):
    referral = services.referral_create(actor=caseworker, person=murat)
    simulators.set("iskur", malformed=True)
    with pytest.raises(RefahError) as caught:
        services.iskur_sync(actor=caseworker, referral=referral)
    assert "offers" in str(caught.value.message)
    assert not Offer.objects.exists()
    assert SourceCall.objects.filter(source="iskur", outcome="malformed").exists()


def _required(schema: dict, doc: dict) -> dict:
    """{field: nested schema} of the required fields of a schema (following $ref)."""
    if "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return {name: schema["properties"][name] for name in schema.get("required", [])}


def _holds(body, schema: dict, doc: dict) -> list[str]:
    missing = []
    for name, sub in _required(schema, doc).items():
        if name not in body:
            missing.append(name)
        elif sub.get("type") == "array" and isinstance(body[name], list):
            for item in body[name]:
                missing += [f"{name}.{m}" for m in _holds(item, sub["items"], doc)]
    return missing


def test_the_simulator_answers_as_the_documented_interface(simulators, caseworker, murat):
    doc = yaml.safe_load(DOC.read_text(encoding="utf-8"))
    headers = {"Authorization": "Bearer simulator", "X-Purpose": "case_work", "X-Requester": "test"}
    base = f"{simulators.url}/iskur/v1"
    tc = murat.national_id
    answers = {
        "/jobseekers": httpx.post(f"{base}/jobseekers", json={"tc": tc, "referred_on": "2026-01-05"}, headers=headers),
        "/jobseekers/{tc}/offers": httpx.get(f"{base}/jobseekers/{tc}/offers", headers=headers),
        "/jobseekers/{tc}/placements": httpx.get(f"{base}/jobseekers/{tc}/placements", headers=headers),
    }
    offer_id = answers["/jobseekers/{tc}/offers"].json()["offers"][0]["offer_id"]
    answers["/jobseekers/{tc}/answers"] = httpx.post(
        f"{base}/jobseekers/{tc}/answers",
        json={"offer_id": offer_id, "answer": "accepted", "reason": None, "answered_on": "2026-01-06"},
        headers=headers,
    )
    for path, response in answers.items():
        operation = next(iter(doc["paths"][path].values()))
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert response.status_code == 200, (path, response.text)
        assert _holds(response.json(), schema, doc) == [], path
    assert httpx.get(f"{base}/jobseekers/{tc}/offers", headers={**headers, "X-Purpose": ""}).status_code == 400
    assert httpx.get(f"{base}/jobseekers/10000000146/offers", headers=headers).status_code == 404


def test_the_timer_asks_iskur_about_open_referrals_the_longest_unasked_first(simulators, caseworker, murat):
    from refah.employment.tasks import referrals_sync

    referral = services.referral_create(actor=caseworker, person=murat)
    assert referral.synced_at is None
    assert referrals_sync(actor=caseworker) == 1
    referral.refresh_from_db()
    assert referral.synced_at is not None
    assert Offer.objects.filter(referral=referral, source=Source.ISKUR).count() == 4  # as "Ask İŞKUR" stores them
    simulators.set("iskur", down=True)
    assert referrals_sync(actor=caseworker) == 0  # İŞKUR down: logged, left for the next run
    simulators.set("iskur", down=False)
    breaker_reset("iskur")
    services.referral_close(actor=caseworker, referral=referral, reason="İşe yerleşti.")
    assert referrals_sync(actor=caseworker) == 0  # a closed referral is not asked
