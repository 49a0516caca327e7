"""Private file storage for documents and visit photos: outside any public URL, random names, sniffed types.

Files live under settings.MEDIA_ROOT/"private"/"cases"/<2 hex>/<32 hex><ext>; nothing serves MEDIA_ROOT,
so the only way to a file is the permission-checked download view, which streams it.
"""

import hashlib
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from refah.cases import errors

SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
IMAGE_TYPES = {"image/jpeg", "image/png"}


def max_bytes() -> int:
    return getattr(settings, "REFAH_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "private" / "cases"


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the file's first bytes, whatever its name claims."""
    for magic, content_type, ext in SIGNATURES:
        if head.startswith(magic):
            return content_type, ext
    return None


def check(upload) -> tuple[str, str]:
    """Validate size and sniffed type of an uploaded file; (content type, extension)."""
    size = upload.size
    if not size:
        raise ValidationError({"file": errors.ERR_FILE_EMPTY})
    if size > max_bytes():
        raise ValidationError({"file": ValidationError(errors.ERR_FILE_TOO_LARGE, params={"limit": max_bytes() >> 20})})
    upload.seek(0)
    kind = sniff(upload.read(16))
    upload.seek(0)
    if kind is None:
        raise ValidationError({"file": errors.ERR_FILE_TYPE})
    return kind


def save(upload, ext: str) -> tuple[str, str]:
    """Write the upload under a new random name; (storage name, sha256)."""
    name = secrets.token_hex(16) + ext
    path = root() / name[:2] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    upload.seek(0)
    with path.open("xb") as out:
        for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
            digest.update(chunk)
            out.write(chunk)
    return name, digest.hexdigest()


def path_of(storage_name: str) -> Path:
    return root() / storage_name[:2] / storage_name
