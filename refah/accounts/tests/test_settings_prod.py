"""Production settings: the default of config.wsgi, refuse to start without a secret key or hosts, no debug pages,
and `refah check --deploy` passes with no warning. Each case starts a fresh interpreter: settings load once."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/refah_settings_check",  # never connected to
    "REFAH_ALLOWED_HOSTS": "refah.example.org",
    "REFAH_SECRET_KEY": secrets.token_urlsafe(50),
}
SHOW_SETTINGS = (
    "import config.wsgi; from django.conf import settings; "
    "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.REFAH_REQUIRE_2FA, settings.SECURE_SSL_REDIRECT)"
)


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("REFAH_", "DJANGO_", "DATABASE_URL"))}
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_wsgi_defaults_to_production_settings():
    result = run("-c", SHOW_SETTINGS, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["config.settings.prod", "False", "True", "True"]


@pytest.mark.parametrize(
    ("missing", "message"),
    [("REFAH_SECRET_KEY", "REFAH_SECRET_KEY is not set"), ("REFAH_ALLOWED_HOSTS", "REFAH_ALLOWED_HOSTS is not set")],
)
def test_wsgi_refuses_to_start_without_secret_key_or_hosts(missing, message):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run("-c", SHOW_SETTINGS, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_production_refuses_the_demo_secret_key():
    result = run(
        "-c",
        SHOW_SETTINGS,
        **{**PRODUCTION, "REFAH_SECRET_KEY": "refah-demo-only-not-a-secret-change-me-in-production"},
    )
    assert result.returncode != 0 and "REFAH_SECRET_KEY is not set" in result.stderr


def test_deploy_check_of_production_settings_has_no_warning():
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "config.settings.prod"}
    result = run("-m", "refah.cli", "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_warns_when_the_second_factor_is_off():
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "config.settings.prod", "REFAH_REQUIRE_2FA": "0"}
    result = run("-m", "refah.cli", "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0 and "refah.W003" in result.stderr
