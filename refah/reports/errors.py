"""The reports app's messages to people, in English through gettext (Turkish in the .po); tests import them."""

from django.utils.translation import gettext_lazy as _

ERR_JOB_NOT_FOUND = _("Report not found.")
ERR_KIND = _("“%(kind)s” is not a report this system makes.")
ERR_JOB_NOT_READY = _("The report is not ready yet.")
ERR_JOB_FAILED = _("The report could not be made: %(reason)s")
ERR_JOB_UNEXPECTED = _("An unexpected error stopped the report; the administrators have been told.")
ERR_THRESHOLD = _("The suppression threshold must be a whole number of at least 2.")
