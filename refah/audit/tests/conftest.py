"""A throwaway signing key per test session, so tests never write under the project's var/ directory."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@pytest.fixture(scope="session")
def ledger_key_pem() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture(autouse=True)
def _ledger_key(settings, ledger_key_pem):
    settings.REFAH_LEDGER_SIGNING_KEY = ledger_key_pem
