"""The indicators' messages to people (English through gettext; Turkish in the .po)."""

from django.utils.translation import gettext_lazy as _

ERR_AREA = _("Area not found.")
ERR_INDICATOR = _("Indicator not found.")
ERR_NO_DRILL = _("This indicator has no list of records behind it.")
ERR_YEAR = _("Give a year between 2000 and 2100.")
ERR_TARGET_VALUE = _("Give the target as a number of at least 0.")
ERR_TARGET_PERCENT = _("A percentage target cannot be above 100.")
ERR_TARGET_AREA = _("A district's target needs its district only; choose a province or a district of your area.")
ERR_NATIONAL_TARGET = _("Only the ministry's staff may set the national target.")
ERR_MARGIN = _("Give the at-risk margin as a percentage from 0 to 100.")
ERR_FREQUENCY = _("Choose a frequency from the list.")
ERR_UNIT_NAME = _("Give the responsible unit.")
