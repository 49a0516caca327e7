"""Error messages of notifications and one-time codes, as constants that tests import."""

from django.utils.translation import gettext_lazy as _

from refah.common.errors import RefahError

ERR_UNKNOWN_TEMPLATE = _("Unknown message template.")
ERR_NO_RECIPIENT = _("A message needs a phone number or an e-mail address.")
ERR_CODE_INVALID = _("The code is wrong or has expired. Ask for a new code.")
ERR_TOO_MANY_ATTEMPTS = _("Too many wrong codes. Ask for a new code.")
ERR_SECRET_NOT_KEPT = _("Not sent: the message held a one-time code, which is not stored. A new code is needed.")
ERR_RATE_LIMITED = _("Too many codes were requested. Please wait a few minutes and try again.")


class RateLimitedError(RefahError):
    status_code = 429
