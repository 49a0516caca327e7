"""Two registry persons found to be one: accepting the review item merges them, undoing the link undoes the merge,
undoing the merge in the registry undoes the link."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from refah.common.errors import ConflictError, RefahError
from refah.linkage import errors, services
from refah.linkage.apps import REGISTRY_PERSON
from refah.linkage.enums import ReviewStatus
from refah.linkage.models import Link, LinkReview
from refah.linkage.services.duplicates import registry_duplicates_queue
from refah.registry import errors as registry_errors
from refah.registry.enums import IdKind, Role
from refah.registry.models import Membership, PersonMerge
from refah.registry.services import person_merge_undo
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory


def _again(household, **fields):
    """Ayşe recorded again in ASCII letters, without a number, by another institution."""
    person = PersonFactory(
        national_id=None,
        id_kind=IdKind.INTERNAL,
        first_name="AYSE",
        last_name="YILMAZ",
        birth_date=dt.date(1990, 3, 4),
        father_name="Ali",
        mother_name="Fatma",
        **fields,
    )
    MembershipFactory(household=household, person=person, role=Role.OTHER)
    return person


@pytest.fixture
def pair(caseworker, registry):
    """(Ayşe, her second record in her own household, the review item that pairs them)."""
    ayse = registry["Ayşe"]
    again = _again(ayse.memberships.get().household)
    assert registry_duplicates_queue(actor=caseworker) == 1
    return ayse, again, LinkReview.objects.get(kind=REGISTRY_PERSON)


def _candidate(review, ayse, again):
    """The review item's candidate of the two (the other is its record)."""
    return again if review.record_id == str(ayse.pk) else ayse


def test_accepting_merges_into_the_record_with_a_number(caseworker, pair):
    ayse, again, review = pair
    link = services.review_accept(
        actor=caseworker, review_id=review.pk, person_id=_candidate(review, ayse, again).pk, reason="Aynı kişi."
    )
    merge = PersonMerge.objects.get()
    assert (merge.keep, merge.drop) == (ayse, again)
    assert (merge.review_id, merge.link_id, merge.reason) == (review.pk, link.pk, "Aynı kişi.")
    again.refresh_from_db()
    assert again.merged_into == ayse
    assert not Membership.objects.current().filter(person=again).exists()


def test_the_clerk_chooses_the_record_kept_and_undoing_the_link_undoes_the_merge(caseworker, pair):
    ayse, again, review = pair
    number = ayse.national_id
    link = services.review_accept(
        actor=caseworker, review_id=review.pk, person_id=_candidate(review, ayse, again).pk, keep_id=again.pk
    )
    again.refresh_from_db()
    assert (again.national_id, again.merged_into) == (number, None)  # kept, and holds the number now
    services.link_undo(actor=caseworker, link_id=link.pk, reason="Yanlış eşleşme.")
    merge = PersonMerge.objects.get()
    assert merge.undone_reason == "Yanlış eşleşme."
    ayse.refresh_from_db()
    again.refresh_from_db()
    assert (ayse.national_id, again.national_id) == (number, None)
    assert Membership.objects.current().filter(person__in=[ayse, again]).count() == 2


def test_undoing_the_merge_in_the_registry_undoes_the_link(caseworker, pair):
    ayse, again, review = pair
    link = services.review_accept(actor=caseworker, review_id=review.pk, person_id=_candidate(review, ayse, again).pk)
    person_merge_undo(actor=caseworker, merge_id=PersonMerge.objects.get().pk, reason="İki ayrı kişi.")
    link.refresh_from_db()
    assert link.undone_at is not None and link.undone_reason == "İki ayrı kişi."
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.ACCEPTED  # the decision stays on file


def test_a_merge_the_registry_refuses_leaves_the_item_open(caseworker, registry, merkez):
    """The second record lives in another household: where the person lives is decided first."""
    ayse = registry["Ayşe"]
    again = _again(HouseholdFactory(district=merkez))
    again.memberships.update(role=Role.REFERENCE)
    registry_duplicates_queue(actor=caseworker)
    review = LinkReview.objects.get(kind=REGISTRY_PERSON)
    with pytest.raises(ConflictError) as refused:
        services.review_accept(actor=caseworker, review_id=review.pk, person_id=_candidate(review, ayse, again).pk)
    assert refused.value.message == registry_errors.ERR_MERGE_TWO_HOUSEHOLDS
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.OPEN
    assert not Link.objects.exists() and not PersonMerge.objects.exists()


def test_the_record_kept_is_one_of_the_two(caseworker, pair, registry):
    ayse, again, review = pair
    with pytest.raises(RefahError) as refused:
        services.review_accept(
            actor=caseworker,
            review_id=review.pk,
            person_id=_candidate(review, ayse, again).pk,
            keep_id=registry["Zeynep"].pk,
        )
    assert refused.value.message == errors.ERR_KEEP_NOT_IN_PAIR and refused.value.field == "keep_id"
    assert not PersonMerge.objects.exists()


def test_the_review_screen_offers_the_merge_and_makes_it(caseworker, pair):
    ayse, again, review = pair
    client = Client()
    client.force_login(caseworker)
    page = client.get(reverse("linkage:review_detail", args=[review.pk]), HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert "Aynı kişi: iki kaydı birleştir" in page
    assert f'value="{ayse.pk}" checked' in page  # the record with a number is kept by default
    response = client.post(
        reverse("linkage:review_accept", args=[review.pk]),
        {"person_id": str(_candidate(review, ayse, again).pk), "keep_id": str(ayse.pk), "reason": "Aynı kişi."},
    )
    assert response.status_code == 302
    assert PersonMerge.objects.get().drop == again


def test_a_merge_made_on_the_person_page_closes_the_review_item_of_that_pair(caseworker, pair):
    from django.utils.translation import gettext

    from refah.audit.models import AuditEvent
    from refah.registry.services import person_merge

    ayse, again, review = pair
    person_merge(actor=caseworker, keep=ayse, drop=again, reason="Aynı kişi, belediye listesinden.")
    review.refresh_from_db()
    assert review.status == ReviewStatus.ACCEPTED and review.decided_by == caseworker
    assert review.reason == gettext("The two records were merged on the registry's person page.")
    assert AuditEvent.objects.filter(action="link_review_accepted", object_id=str(review.pk)).exists()
    with pytest.raises(ConflictError):  # decided: it cannot be accepted again
        services.review_accept(actor=caseworker, review_id=review.pk, person_id=_candidate(review, ayse, again).pk)
