"""On a phone, in Turkish: a caseworker sets up two-step sign-in from the QR page, keeps the recovery codes, signs
out, and signs in again with the password and then the code."""

import os
import time

import pyotp
import pytest

from refah.accounts import totp
from refah.accounts.models import SecondFactor
from refah.accounts.tests.helpers import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOT = os.environ.get("REFAH_SHOT_DIR")  # set it to keep screenshots of the enrolment page


def code(user, offset: int) -> str:
    secret = totp.secret_decrypt(SecondFactor.objects.get(user=user).secret)
    return pyotp.TOTP(secret).generate_otp(int(time.time() // 30) + offset)


def sign_in_with_password(page, url, user) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(user.username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap").click()


def test_enrol_and_sign_in_with_a_code_on_a_phone(live_server, browser, caseworker):
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="tr-TR", is_mobile=True)
    page.set_default_timeout(10_000)
    sign_in_with_password(page, live_server.url, caseworker)
    page.wait_for_url("**/registry/")

    page.goto(f"{live_server.url}/accounts/two-factor/")
    assert page.locator(".qr svg").is_visible()
    assert page.locator(".qr").bounding_box()["width"] <= 390
    if SHOT:
        page.screenshot(path=f"{SHOT}/enrol-phone.png", full_page=True)
    page.get_by_label("Uygulamadaki kod").fill(code(caseworker, 0))
    page.get_by_role("button", name="Onayla ve aç").click()
    page.get_by_role("heading", name="Kurtarma kodları").wait_for()
    assert page.locator(".recovery-codes li").count() == 10

    page.context.clear_cookies()
    sign_in_with_password(page, live_server.url, caseworker)
    page.wait_for_url("**/accounts/login/code/")
    if SHOT:
        page.screenshot(path=f"{SHOT}/code-phone.png", full_page=True)
    page.get_by_label("Kod").fill(code(caseworker, 1))
    page.get_by_role("button", name="Devam et").click()
    page.wait_for_url("**/registry/")
