"""Messages of the institutions' data exchange, as constants tests import. Each names the source and the reason."""

from django.utils.translation import gettext_lazy as _

from refah.common.errors import ERR_NO_PERMISSION  # noqa: F401  (the house's one sentence)

ERR_TIMEOUT = _("%(source)s did not answer in time; nothing was changed.")
ERR_SERVER = _("%(source)s answered with a server error (%(status)s); nothing was changed.")
ERR_REFUSED = _("%(source)s refused the request (%(status)s); nothing was changed.")
ERR_NOT_FOUND = _("%(source)s does not know the TC Kimlik No %(tc)s; nothing was changed.")
ERR_MALFORMED = _("%(source)s sent an answer that cannot be read: field %(field)s: %(reason)s; nothing was changed.")
ERR_CIRCUIT_OPEN = _("%(source)s is failing and is not asked again before %(until)s; nothing was changed.")
ERR_UNREACHABLE = _("%(source)s cannot be reached (%(reason)s); nothing was changed.")
ERR_NOT_CONFIGURED = _("%(source)s has no address in the settings (REFAH_SOURCES).")
ERR_PURPOSE = _("Choose why the institutions' data is pulled.")
ERR_NO_MEMBERS = _("The household has no member with a TC Kimlik No to ask about.")
ERR_HOUSEHOLD_NOT_FOUND = _("Household not found.")
ERR_DISCREPANCY_NOT_FOUND = _("Disagreement not found.")
ERR_ALREADY_RESOLVED = _("This disagreement is already resolved.")
ERR_REASON_REQUIRED = _("Write why the disagreement is resolved.")
ERR_UNKNOWN_SOURCE = _("Unknown institution: %(source)s.")

# Reasons inside ERR_MALFORMED
REASON_MISSING = _("missing")
REASON_NOT_INTEGER = _("not a whole number")
REASON_NEGATIVE = _("negative")
REASON_NOT_DATE = _("not a date (YYYY-MM-DD)")
REASON_NOT_CHOICE = _("not one of %(choices)s")
REASON_NOT_TEXT = _("not text")
REASON_NOT_LIST = _("not a list")
REASON_NOT_JSON = _("not JSON")
REASON_OTHER_PERSON = _("the answer is about another person")
