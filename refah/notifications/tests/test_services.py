import datetime as dt

import pytest
from django.db import transaction

from refah.common.errors import RefahError
from refah.notifications import backends, errors, services
from refah.notifications.catalog import MASK
from refah.notifications.models import Notification, OneTimeCode, Status
from refah.registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.LocmemBackend"
    backends.outbox.clear()


@pytest.fixture
def person():
    return PersonFactory(phone="05551112233")


def _code_from_outbox() -> str:
    return backends.outbox[-1].text_en.split(": ")[1][:6]


def test_sent_only_on_commit(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        n = services.notify(person=person, template="objection_received", context={"reference": "25000001"})
    assert backends.outbox == [] and n.status == Status.PENDING
    for callback in callbacks:
        callback()
    n.refresh_from_db()
    assert n.status == Status.SENT and backends.outbox[0].text_tr.startswith("25000001")


def test_rolled_back_message_never_sent(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.notify(person=person, template="objection_received", context={"reference": "1"})
        raise RuntimeError("rolled back")
    assert backends.outbox == [] and not Notification.objects.exists()


def test_no_recipient_is_stored_as_failed():
    n = services.notify(template="objection_received", context={"reference": "1"})
    assert n.status == Status.FAILED and n.error == str(errors.ERR_NO_RECIPIENT)


def test_file_backend_writes_under_var(person, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.FileBackend"
    settings.VAR_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(person=person, template="objection_received", context={"reference": "77"}, language="en")
    [path] = (tmp_path / "notifications").iterdir()
    assert "application 77" in path.read_text()


def test_otp_flow(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.otp_issue(national_id=person.national_id)
    code = _code_from_outbox()
    assert OneTimeCode.objects.get().code_hash != code
    assert services.otp_verify(national_id=person.national_id, code=code) == person
    with pytest.raises(RefahError):  # used once only
        services.otp_verify(national_id=person.national_id, code=code)


def test_otp_code_is_sent_but_never_stored(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.otp_issue(national_id=person.national_id)
    code = _code_from_outbox()
    stored = Notification.objects.get(template="otp")
    assert stored.status == Status.SENT
    assert code not in stored.text_tr + stored.text_en and MASK in stored.text_tr and MASK in stored.text_en


def test_otp_expires(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.otp_issue(national_id=person.national_id)
    OneTimeCode.objects.update(expires_at=OneTimeCode.objects.get().created_at - dt.timedelta(seconds=1))
    with pytest.raises(RefahError) as exc:
        services.otp_verify(national_id=person.national_id, code=_code_from_outbox())
    assert exc.value.message == errors.ERR_CODE_INVALID


def test_otp_fifth_wrong_attempt_burns_the_code(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.otp_issue(national_id=person.national_id)
    code = _code_from_outbox()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(services.OTP_MAX_ATTEMPTS):
        with pytest.raises(RefahError):
            services.otp_verify(national_id=person.national_id, code=wrong)
    assert OneTimeCode.objects.get().attempts == services.OTP_MAX_ATTEMPTS
    with pytest.raises(RefahError) as exc:
        services.otp_verify(national_id=person.national_id, code=code)
    assert exc.value.message == errors.ERR_TOO_MANY_ATTEMPTS


def test_otp_rate_limited_and_silent_for_unknown(person):
    for _ in range(services.OTP_RATE_MAX):
        services.otp_issue(national_id=person.national_id)
    with pytest.raises(errors.RateLimitedError):
        services.otp_issue(national_id=person.national_id)
    assert services.otp_issue(national_id="10000000146") is None
