"""Domain errors raised by services and selectors; the API and views turn them into responses."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The refusal every app words alike (each app's errors module has the same sentence).
ERR_NO_PERMISSION = _("You do not have permission to do this.")


class RefahError(Exception):
    """Base class for expected, user-facing errors."""

    status_code = 400

    def __init__(self, message, *, field: str | None = None, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code


class NotFoundError(RefahError):
    status_code = 404


class PermissionDeniedError(RefahError):
    status_code = 403


class ConflictError(RefahError):
    status_code = 409


def error_items(exc: Exception) -> list[dict]:
    """A service's refusal (a ValidationError or a RefahError) as [{field, reason}] items, in the active language."""
    if isinstance(exc, ValidationError):
        return validation_error_items(exc)
    return [{"field": exc.field, "reason": str(exc.message)}]


def validation_error_items(exc: ValidationError) -> list[dict]:
    """Flatten a Django ValidationError into [{field, reason, code}] items."""
    items = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for err in errors:
                items.append({"field": field, "reason": _msg(err), "code": err.code or "invalid"})
    else:
        for err in exc.error_list:
            items.append({"field": None, "reason": _msg(err), "code": err.code or "invalid"})
    return items


def _msg(err: ValidationError) -> str:
    return str(err.message % err.params) if err.params else str(err.message)
