"""The survey's messages to people, in English through gettext (Turkish in the .po); tests import them."""

from django.utils.translation import gettext_lazy as _

ERR_SURVEY_NOT_FOUND = _("This survey link is not valid. Check that the whole link from the message was opened.")
ERR_SURVEY_ANSWERED = _("This survey was answered already: each decision can be rated once. Thank you.")
ERR_SURVEY_EXPIRED = _("The time to answer this survey is over.")
ERR_SCORE_REQUIRED = {
    "satisfaction": _("Choose how satisfied you are with the service, from 1 to 5."),
    "fairness": _("Choose how fair you find the decision, from 1 to 5."),
}
ERR_YEAR = _("Give a year between 2000 and 2100.")
