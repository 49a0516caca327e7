"""Shared by the sign-in tests: signing in through the screens and TOTP codes of an enrolled user."""

import time

import pyotp
from django.test import Client
from django.urls import reverse

from refah.accounts import second_factor, totp
from refah.accounts.models import SecondFactor

PASSWORD = "pw-Refah-2026"  # refah/conftest.py's make_staff


def code_for(user, offset: int = 0) -> str:
    """The TOTP code of the user's secret `offset` steps (30 s) from now."""
    secret = totp.secret_decrypt(SecondFactor.objects.get(user=user).secret)
    return pyotp.TOTP(secret).generate_otp(int(time.time() // 30) + offset)


def enrol(user) -> list[str]:
    """Enrol the user through the services with the current code; returns the recovery codes."""
    second_factor.enrolment_begin(actor=user)
    return second_factor.enrolment_confirm(actor=user, code=code_for(user))


def post_password(client: Client, user, password: str = PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password}, **extra)


def post_code(client: Client, code: str, **extra):
    return client.post(reverse("accounts:sign_in_code"), {"code": code}, **extra)
