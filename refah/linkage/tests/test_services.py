"""records_link, review_accept, review_reject, link_undo: outcomes, on_decide, audit rows, jurisdiction."""

import uuid

import pytest

from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.linkage import errors, services
from refah.linkage.enums import LinkMethod, Outcome, ReviewStatus
from refah.linkage.models import Link, LinkReview
from refah.linkage.tests.conftest import KIND, rec


def test_a_valid_number_held_by_the_registry_is_an_exact_link(caseworker, merkez, registry, decided):
    ayse = registry["Ayşe"]
    result = services.records_link(
        actor=caseworker, kind=KIND, district=merkez, records=[rec("r1", national_id=ayse.national_id, first_name="X")]
    )
    assert result["r1"].outcome == Outcome.LINKED and result["r1"].person_id == ayse.pk
    link = Link.objects.get(pk=result["r1"].link_id)
    assert link.method == LinkMethod.EXACT and link.created_by == caseworker
    assert decided == [("r1", ayse.pk)]
    assert AuditEvent.objects.filter(action=AuditAction.LINK_MADE, object_id=str(link.pk)).count() == 1


def test_without_number_a_probable_link_and_the_twin_left_alone(caseworker, merkez, registry, decided):
    result = services.records_link(
        actor=caseworker, kind=KIND, district=merkez, records=[rec("r1", first_name="AYSE", last_name="YILMAZ")]
    )
    assert result["r1"].outcome == Outcome.LINKED
    assert result["r1"].person_id == registry["Ayşe"].pk  # not Elif, her twin
    assert Link.objects.get(record_id="r1").method == LinkMethod.PROBABLE


def test_an_uncertain_record_goes_to_review_and_sending_it_again_creates_nothing(caseworker, merkez, registry, decided):
    weak = rec("r2", last_name="Kara", mother_name=None, district=None)  # married: another surname
    first = services.records_link(actor=caseworker, kind=KIND, district=merkez, records=[weak])
    assert first["r2"].outcome == Outcome.REVIEW
    review = LinkReview.objects.get(pk=first["r2"].review_id)
    assert review.status == ReviewStatus.OPEN and review.record["first_name"] == "Ayşe"
    assert review.candidates[0]["person_id"] == str(registry["Ayşe"].pk)
    again = services.records_link(actor=caseworker, kind=KIND, district=merkez, records=[weak])
    assert again["r2"].review_id == review.pk and LinkReview.objects.count() == 1
    assert decided == []


def test_no_candidate_no_link(caseworker, merkez, registry, decided):
    result = services.records_link(
        actor=caseworker, kind=KIND, district=merkez, records=[rec("r3", first_name="Hasan", last_name="Kurt")]
    )
    assert result["r3"].outcome == Outcome.NONE
    assert not Link.objects.exists() and not LinkReview.objects.exists()


def test_duplicates_inside_the_records_are_reported(caseworker, merkez, registry, decided):
    records = [rec("a", first_name="Mustafa", last_name="Er"), rec("b", first_name="MUSTAFA", last_name="ER")]
    result = services.records_link(actor=caseworker, kind=KIND, district=merkez, records=records)
    assert result["a"].duplicates == ("b",) and result["b"].duplicates == ("a",)


def test_the_registry_outside_the_jurisdiction_is_not_searched(other_caseworker, tuzluca, registry, decided):
    ayse = registry["Ayşe"]
    result = services.records_link(
        actor=other_caseworker, kind=KIND, district=tuzluca, records=[rec("r1", national_id=ayse.national_id)]
    )
    assert result["r1"].outcome == Outcome.NONE


def test_a_district_outside_the_jurisdiction_is_refused(other_caseworker, merkez, decided):
    with pytest.raises(PermissionDeniedError):
        services.records_link(actor=other_caseworker, kind=KIND, district=merkez, records=[rec("r1")])


def test_an_unknown_kind_and_repeated_ids_are_refused(caseworker, merkez, decided):
    with pytest.raises(RefahError):
        services.records_link(actor=caseworker, kind="nope", district=merkez, records=[rec("r1")])
    with pytest.raises(RefahError) as exc:
        services.records_link(actor=caseworker, kind=KIND, district=merkez, records=[rec("r1"), rec("r1")])
    assert exc.value.message == errors.ERR_RECORD_ID


@pytest.fixture
def review(caseworker, merkez, registry, decided):
    weak = rec("r2", last_name="Kara", mother_name=None, district=None)  # married: another surname
    outcome = services.records_link(actor=caseworker, kind=KIND, district=merkez, records=[weak])["r2"]
    return LinkReview.objects.get(pk=outcome.review_id)


def test_accept_links_the_chosen_candidate(caseworker, review, registry, decided):
    ayse = registry["Ayşe"]
    link = services.review_accept(actor=caseworker, review_id=review.pk, person_id=ayse.pk)
    review.refresh_from_db()
    assert review.status == ReviewStatus.ACCEPTED and review.link == link and review.decided_by == caseworker
    assert link.method == LinkMethod.CLERICAL and link.person == ayse
    assert decided == [("r2", ayse.pk)]
    assert AuditEvent.objects.filter(action=AuditAction.LINK_REVIEW_ACCEPTED, object_id=str(review.pk)).exists()
    with pytest.raises(ConflictError):
        services.review_accept(actor=caseworker, review_id=review.pk, person_id=ayse.pk)


def test_accept_only_a_candidate(caseworker, review, decided):
    with pytest.raises(RefahError) as exc:
        services.review_accept(actor=caseworker, review_id=review.pk, person_id=uuid.uuid4())
    assert exc.value.message == errors.ERR_NOT_A_CANDIDATE
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.OPEN


def test_reject_needs_a_reason_and_tells_the_owner(caseworker, review, decided):
    with pytest.raises(RefahError):
        services.review_reject(actor=caseworker, review_id=review.pk, reason="  ")
    services.review_reject(actor=caseworker, review_id=review.pk, reason="Başka kişi")
    review.refresh_from_db()
    assert review.status == ReviewStatus.REJECTED and review.reason == "Başka kişi"
    assert decided == [("r2", None)]
    assert AuditEvent.objects.filter(action=AuditAction.LINK_REVIEW_REJECTED).count() == 1


def test_undo_keeps_the_link_on_file_and_unlinks_the_record(caseworker, merkez, registry, decided):
    ayse = registry["Ayşe"]
    outcome = services.records_link(
        actor=caseworker, kind=KIND, district=merkez, records=[rec("r1", national_id=ayse.national_id)]
    )["r1"]
    link = services.link_undo(actor=caseworker, link_id=outcome.link_id, reason="Yanlış kişi")
    assert link.undone_by == caseworker and link.undone_reason == "Yanlış kişi"
    assert decided == [("r1", ayse.pk), ("r1", None)]
    assert AuditEvent.objects.filter(action=AuditAction.LINK_UNDONE, object_id=str(link.pk)).count() == 1
    with pytest.raises(ConflictError):
        services.link_undo(actor=caseworker, link_id=link.pk, reason="again")
    again = services.records_link(
        actor=caseworker, kind=KIND, district=merkez, records=[rec("r1", national_id=ayse.national_id)]
    )["r1"]
    assert again.outcome == Outcome.LINKED and again.link_id != link.pk


def test_decisions_outside_the_jurisdiction_are_not_found(other_caseworker, review, decided):
    with pytest.raises(NotFoundError):
        services.review_reject(actor=other_caseworker, review_id=review.pk, reason="x")
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.OPEN


def test_decisions_need_the_permission(make_staff, office_merkez, review, decided):
    from refah.accounts.enums import Role

    auditor = make_staff(office_merkez, Role.AUDITOR)
    with pytest.raises(PermissionDeniedError):
        services.review_reject(actor=auditor, review_id=review.pk, reason="x")
