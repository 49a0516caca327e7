"""Who may read what in the registry, and how an id the user may not see answers: "not found", like a wrong one."""

import uuid

from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.registry import errors


def can_view_sensitive(user) -> bool:
    """Health and disability data (KVKK special category) need their own permission."""
    return user.has_perm("registry.view_sensitive_person")


def require_view(user, perm: str = "registry.view_household") -> None:
    """Raise PermissionDeniedError unless the user holds `perm` (viewing households by default)."""
    if not user.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def uuid_or_404(value, message) -> uuid.UUID:
    """An id from a URL or payload; anything but a UUID is "not found" with `message`, like a wrong id."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFoundError(message) from None
