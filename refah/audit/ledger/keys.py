"""The ledger's Ed25519 signing key (from settings, or made once under VAR_DIR) and public-key helpers."""

import hashlib
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from refah.audit.ledger.errors import NOT_A_PUBLIC_KEY, NOT_A_SIGNING_KEY

_key_cache: dict[tuple, Ed25519PrivateKey] = {}


def signing_key() -> Ed25519PrivateKey:
    """The Ed25519 key from settings.REFAH_LEDGER_SIGNING_KEY (PEM or a path), else VAR_DIR/ledger/, made once."""
    configured = getattr(settings, "REFAH_LEDGER_SIGNING_KEY", None)
    cache_key = (configured, str(settings.VAR_DIR))
    if cache_key not in _key_cache:
        if configured and configured.lstrip().startswith("-----BEGIN"):
            pem = configured.encode()
        elif configured:
            pem = Path(configured).read_bytes()
        else:
            pem = _generated_key_pem(Path(settings.VAR_DIR) / "ledger" / "signing_key.pem")
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(NOT_A_SIGNING_KEY)
        _key_cache[cache_key] = key
    return _key_cache[cache_key]


def _generated_key_pem(path: Path) -> bytes:
    """Read the key at path, or create it (mode 0600) atomically so two processes never make two keys."""
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_bytes()


def public_key_pem(key: Ed25519PublicKey | None = None) -> str:
    """The ledger's public key (SubjectPublicKeyInfo PEM), as published."""
    key = key or signing_key().public_key()
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def key_id(key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key, hex: names the key that signed a head."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def load_public_key(pem: str | bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM."""
    key = serialization.load_pem_public_key(pem.encode() if isinstance(pem, str) else pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(NOT_A_PUBLIC_KEY)
    return key
