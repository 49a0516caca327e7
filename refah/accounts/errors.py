"""User-facing messages of staff sign-in, the second factor and API tokens."""

from django.utils.translation import gettext_lazy as _

ERR_SIGNIN_INVALID = _("Wrong username or password. Both are case-sensitive.")
ERR_SIGNIN_LOCKED = _("Too many failed sign-in attempts. Sign-in is paused; try again after %(time)s.")
ERR_CODE_INVALID = _(
    "This code is not valid. Enter the 6-digit code your authenticator app shows now, or an unused recovery code."
)
ERR_CODE_STEP_EXPIRED = _("The sign-in took too long. Enter your username and password again.")
ERR_ENROL_CODE = _("This code does not match. Enter the 6-digit code the app shows now, after scanning this QR code.")
ERR_ALREADY_ENROLLED = _("Two-step sign-in is already set up for this account.")
ERR_NOT_ENROLLED = _("Two-step sign-in is not set up for this account.")
ERR_NO_SUCH_USER = _("No user with this username.")
ERR_RESET_NOT_ALLOWED = _("You may not reset other users' two-step sign-in.")
ERR_RENEW_NEEDS_SECOND_FACTOR = _("Sign out and sign in again with your code before making new recovery codes.")
ERR_RESET_NEEDS_SECOND_FACTOR = _("Sign in with your own second factor before resetting another user's.")
MSG_SESSION_EXPIRED = _("Your session ended after a period of inactivity or at its time limit. Please sign in again.")
MSG_ENROL_REQUIRED = _("Set up two-step sign-in to continue: it is required for staff accounts.")
ERR_NO_ACTIVE_USER = _("No active user with this username.")
ERR_NOT_STAFF = _("Only staff with an office can have API tokens.")
ERR_BAD_LIFETIME = _("A token's lifetime must be between 1 and 366 days.")
