"""Error messages of the access-log screens and API, as constants that tests import."""

from django.utils.translation import gettext_lazy as _

ERR_NO_PERMISSION = _("You do not have permission to do this.")
ERR_ONE_SUBJECT = _("Enter either a TC Kimlik No or a household number.")
ERR_PERIOD = _("The end date cannot be before the start date.")
ERR_PERIOD_TOO_LONG = _("Choose a period of at most %(days)s days.")
ERR_READER_NOTHING = _("This user read no personal data in the period.")
