"""TOTP second factor: enrolment with a QR code confirmed by a first code, the code step at sign-in, no code
accepted twice, one-time recovery codes, the throttle on codes, and an administrator's audited reset."""

import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from refah.accounts import sessions, totp
from refah.accounts.enums import Role
from refah.accounts.models import RecoveryCode, SecondFactor
from refah.accounts.tests.helpers import code_for, enrol, post_code, post_password
from refah.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
HOME = reverse("registry:household_search")


def english_client() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def test_enrolment_shows_a_qr_code_and_the_secret_then_never_again(client, caseworker):
    client.force_login(caseworker)
    page = client.get(reverse("accounts:two_factor")).content.decode()
    factor = SecondFactor.objects.get(user=caseworker)
    secret = totp.secret_decrypt(factor.secret)

    assert "<svg" in page and totp.secret_grouped(secret) in page
    assert secret not in factor.secret  # stored encrypted
    assert factor.confirmed_at is None

    response = client.post(
        reverse("accounts:two_factor"), {"code": "000000" if code_for(caseworker) != "000000" else "1"}
    )
    assert response.status_code == 200 and SecondFactor.objects.get(user=caseworker).confirmed_at is None

    response = client.post(reverse("accounts:two_factor"), {"code": code_for(caseworker)})
    codes = response.context["codes"]
    assert len(codes) == 10 and all(code in response.content.decode() for code in codes)
    assert SecondFactor.objects.get(user=caseworker).confirmed_at is not None
    assert client.session[sessions.PASSED_KEY] is True
    assert AuditEvent.objects.filter(action="second_factor_enrol", object_id=str(caseworker.pk)).exists()

    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert totp.secret_grouped(secret) not in page and "<svg" not in page
    assert all(code not in page for code in codes)


def test_the_enrolment_secret_stays_the_same_until_confirmed(client, caseworker):
    client.force_login(caseworker)
    client.get(reverse("accounts:two_factor"))
    first = totp.secret_decrypt(SecondFactor.objects.get(user=caseworker).secret)
    client.get(reverse("accounts:two_factor"))
    assert totp.secret_decrypt(SecondFactor.objects.get(user=caseworker).secret) == first


def test_an_enrolled_user_needs_the_code_after_the_password(caseworker):
    enrol(caseworker)
    client = english_client()
    response = post_password(client, caseworker)
    assert response["Location"] == reverse("accounts:sign_in_code")
    assert "_auth_user_id" not in client.session
    assert client.get(HOME).status_code == 302  # not signed in yet

    response = post_code(client, "123 456" if code_for(caseworker, 1) != "123456" else "654321")
    assert "This code is not valid" in response.content.decode()

    response = post_code(client, code_for(caseworker, 1))
    assert response.status_code == 302 and response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    assert client.session[sessions.PASSED_KEY] is True
    assert AuditEvent.objects.get(action="sign_in").after["second_factor"] is True


def test_a_code_is_accepted_once(caseworker):
    enrol(caseworker)
    code = code_for(caseworker, 1)
    first = Client()
    post_password(first, caseworker)
    assert post_code(first, code)["Location"] == HOME

    second = Client()
    post_password(second, caseworker)
    assert post_code(second, code).status_code == 200  # replayed: refused
    assert "_auth_user_id" not in second.session


def test_the_next_parameter_survives_the_code_step(caseworker):
    enrol(caseworker)
    client = Client()
    target = reverse("cases:queue")
    client.post(
        reverse("accounts:login"), {"username": caseworker.username, "password": "pw-Refah-2026", "next": target}
    )
    assert post_code(client, code_for(caseworker, 1))["Location"] == target


def test_the_code_step_expires(caseworker):
    enrol(caseworker)
    client = Client()
    post_password(client, caseworker)
    session = client.session
    session[sessions.PENDING_KEY] = {**session[sessions.PENDING_KEY], "at": time.time() - 301}
    session.save()
    response = post_code(client, code_for(caseworker, 1))
    assert response["Location"] == reverse("accounts:login")


def test_a_recovery_code_signs_in_once(caseworker):
    codes = enrol(caseworker)
    client = Client()
    post_password(client, caseworker)
    assert post_code(client, codes[3].upper())["Location"] == HOME  # typed in capitals: still the code
    assert RecoveryCode.objects.filter(used_at__isnull=False).count() == 1
    assert AuditEvent.objects.get(action="recovery_code_use").after == {"recovery_codes_left": 9}

    again = Client()
    post_password(again, caseworker)
    assert post_code(again, codes[3]).status_code == 200
    assert "_auth_user_id" not in again.session
    assert post_code(again, codes[4])["Location"] == HOME


def test_recovery_codes_are_stored_hashed(caseworker):
    codes = enrol(caseworker)
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 10 and not any(code.replace("-", "") in h for code in codes for h in stored)


def test_wrong_codes_are_throttled_like_passwords(caseworker):
    enrol(caseworker)
    client = english_client()
    post_password(client, caseworker)
    for _ in range(5):
        post_code(client, "zzzzz-zzzzz")
    response = post_code(client, code_for(caseworker, 1))
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_new_recovery_codes_replace_the_old(client, caseworker):
    old = enrol(caseworker)
    post_password(client, caseworker)
    post_code(client, code_for(caseworker, 1))
    new = client.post(reverse("accounts:two_factor")).context["codes"]
    assert set(new).isdisjoint(old)
    again = Client()
    post_password(again, caseworker)
    assert post_code(again, old[0]).status_code == 200


def test_an_administrator_resets_a_lost_phone(client, make_staff, office_merkez, caseworker):
    enrol(caseworker)
    admin = make_staff(office_merkez, Role.ADMIN)
    client.force_login(admin)
    response = client.post(reverse("accounts:two_factor_reset"), {"username": caseworker.username})
    assert response.status_code == 302
    assert not SecondFactor.objects.filter(user=caseworker).exists()
    assert not RecoveryCode.objects.exists()
    event = AuditEvent.objects.get(action="second_factor_reset")
    assert event.actor == admin and event.object_id == str(caseworker.pk)
    assert post_password(Client(), caseworker)["Location"] == HOME  # password alone until enrolled again


def test_only_an_administrator_may_reset(client, make_staff, office_merkez, caseworker):
    enrol(caseworker)
    client.force_login(make_staff(office_merkez, Role.CASEWORKER))
    assert client.post(reverse("accounts:two_factor_reset"), {"username": caseworker.username}).status_code == 403
    assert SecondFactor.objects.filter(user=caseworker).exists()


def test_reset_of_an_unknown_or_unenrolled_user_is_a_form_error(client, make_staff, office_merkez, caseworker):
    client.force_login(make_staff(office_merkez, Role.ADMIN))
    client.cookies["django_language"] = "en"
    response = client.post(reverse("accounts:two_factor_reset"), {"username": caseworker.username})
    assert response.status_code == 200 and "not set up" in response.content.decode()
    response = client.post(reverse("accounts:two_factor_reset"), {"username": "nobody"})
    assert "No user with this username" in response.content.decode()


def test_reset_from_the_command_line(caseworker):
    enrol(caseworker)
    out = StringIO()
    call_command("second_factor_reset", caseworker.username, stdout=out)
    assert not SecondFactor.objects.filter(user=caseworker).exists()
    assert AuditEvent.objects.get(action="second_factor_reset").actor_label == "refah second_factor_reset"
    with pytest.raises(CommandError):
        call_command("second_factor_reset", caseworker.username, stdout=out)


def test_a_session_older_than_the_enrolment_cannot_make_recovery_codes(client, caseworker):
    client.force_login(caseworker)  # signed in with a password, before enrolling elsewhere
    old = enrol(caseworker)
    response = client.post(reverse("accounts:two_factor"))
    assert response.status_code == 403
    assert RecoveryCode.objects.count() == len(old)
