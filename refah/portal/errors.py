"""Error messages of the citizen portal, as constants that tests import.

Sign-in messages never depend on whether a TC Kimlik No is registered: an unknown number, a wrong code
and an expired code all read ERR_CODE_INVALID.
"""

from django.utils.translation import gettext_lazy as _

from refah.notifications.errors import ERR_CODE_INVALID, ERR_RATE_LIMITED, ERR_TOO_MANY_ATTEMPTS

ERR_NATIONAL_ID = _("Enter your 11-digit TC Kimlik No.")
ERR_CODE_FORMAT = _("Enter the 6-digit code from the message.")
ERR_NO_PENDING = _("Ask for a code first.")
ERR_SESSION_ENDED = _("Your session has ended. Please sign in again.")
ERR_NO_HOUSEHOLD = _(
    "You are not a member of a household in the registry. Please contact your social assistance foundation."
)
ERR_NOT_FOUND = _("Not found.")
ERR_OBJECTION_CLOSED = _("This application cannot be objected to now.")

__all__ = [
    "ERR_CODE_FORMAT",
    "ERR_CODE_INVALID",
    "ERR_NATIONAL_ID",
    "ERR_NOT_FOUND",
    "ERR_NO_HOUSEHOLD",
    "ERR_NO_PENDING",
    "ERR_OBJECTION_CLOSED",
    "ERR_RATE_LIMITED",
    "ERR_SESSION_ENDED",
    "ERR_TOO_MANY_ATTEMPTS",
]
