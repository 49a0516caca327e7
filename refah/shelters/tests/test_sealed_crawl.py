"""The acceptance test of the seal: every screen and every API operation (the jurisdiction test's cases, which
name every URL pattern and OpenAPI operation) is requested by a province-wide user holding every staff role —
administrator, auditor, supervisor, social worker… — who is named in no sealed unit (district B's user, every
role, named only in a shelter of Tuzluca, is held to the same by the jurisdiction test). No answer may hold a
sealed case's number, id, note, order, stay, referral out or intake reason, nor a shelter's address; the units'
names appear on the administrators' naming screen only (never their address). District A's user, named in the
units, sees them (not vacuous)."""

import pytest
from django.db import transaction
from django.test import override_settings

from refah.accounts.services import api_token_create
from refah.common.tests.jurisdiction_cases import Listed, Named, body_text, leaked, request
from refah.common.tests.jurisdiction_routes import API, SCREENS
from refah.common.tests.jurisdiction_world import SEALED_NOTE, SHELTER_ADDRESS, Side, build_world

pytestmark = pytest.mark.django_db
NAMING = "shelters:naming"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    settings = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        REFAH_NOTIFICATION_BACKEND="refah.notifications.backends.LocmemBackend",
    )
    with django_db_blocker.unblock(), settings, transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def _province_reader(w) -> Side:
    a = w.a
    user = a.obj.province_admin
    _row, token = api_token_create(actor=None, user=user, name="sealed crawl")
    return Side(
        a.district, user.staff.office, user, a.checker, token, a.citizen, a.household, a.terminal_key, a.merchant, a.obj
    )


def _sealed(w) -> tuple[dict[str, str], dict[str, str]]:
    """(what no one else may see anywhere, what only the naming screen may show)."""
    case = w.a.obj.sealed_case
    never = {
        "case number": case.reference,
        "case id": str(case.pk),
        "stay id": str(w.a.obj.sealed_stay.pk),
        "alert id": str(w.a.obj.sealed_alert.pk),
        "note": SEALED_NOTE,
        "note id": str(case.notes.get().pk),
        "order id": str(case.orders.get().pk),
        "referral out": "Karabulut adli yardım",
        "intake reason": case.intake_reason,
        "shelter address": SHELTER_ADDRESS,
    }
    names = {"ŞÖNİM's name": w.a.obj.sonim.name, "shelter's name": w.a.obj.shelter.name}
    return never, names


def _cases(only: str = ""):
    for table in (SCREENS, API):
        for key, entry in table.items():
            for case in entry if isinstance(entry, tuple) else (entry,):
                if isinstance(case, Named | Listed) and only in key:
                    yield key, case


def _crawl(w, side: Side, only: str = "") -> dict[str, tuple[str, str]]:
    """{route: (what the request sent — its URL and body —, the status and the answer)}."""
    answers = {}
    for key, case in _cases(only):
        sent = f"{case.url(w, side)} {case.data(w, side) if case.data else ''}"
        with transaction.atomic():
            response = request(case, w, side)
            answers[f"{key} {case.method}"] = (sent, f"{response.status_code} {body_text(response)}")
            transaction.set_rollback(True)
    return answers


def _unsent(markers: dict[str, str], sent: str) -> dict[str, str]:
    """The markers the request did not send itself (a page may repeat its own address: the language switch)."""
    return {name: value for name, value in markers.items() if value not in sent}


def test_no_screen_or_api_operation_shows_a_sealed_record_to_anyone_not_named(world):
    """District B's user (every role, named elsewhere) is held to the same markers by the jurisdiction test
    itself (they are among district A's markers, refah/common/tests/jurisdiction_world.py)."""
    never, names = _sealed(world)
    answers = _crawl(world, _province_reader(world))
    assert len(answers) > 200
    for where, (sent, text) in answers.items():
        assert not text.startswith("5"), f"{where}: {text[:300]}"
        shown = leaked(text, _unsent(never, sent))
        assert not shown, f"{where} shows {shown}"
        if not where.startswith(NAMING):
            assert not leaked(text, names), f"{where} shows {leaked(text, names)}"
    _sent, naming = answers[f"{NAMING} GET"]
    assert leaked(naming, names) == names


def test_the_named_user_sees_them(world):
    never, names = _sealed(world)
    answers = "\n".join(text for _sent, text in _crawl(world, world.a, only="shelters").values())
    shown = leaked(answers, {**never, **names})
    assert {"case number", "case id", "note", "shelter address", "intake reason"} <= shown.keys(), shown.keys()
