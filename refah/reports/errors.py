"""The reports app's messages to people, in English through gettext (Turkish in the .po); tests import them."""

from django.utils.translation import gettext_lazy as _

from refah.common.suppression import ERR_THRESHOLD  # noqa: F401 — the threshold's error, with the others

ERR_JOB_NOT_FOUND = _("Report not found.")
ERR_KIND = _("“%(kind)s” is not a report this system makes.")
ERR_JOB_NOT_READY = _("The report is not ready yet.")
ERR_JOB_FAILED = _("The report could not be made: %(reason)s")
ERR_JOB_UNEXPECTED = _("An unexpected error stopped the report; the administrators have been told.")
