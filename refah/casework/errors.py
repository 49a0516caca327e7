"""The social services' messages to people, in English through gettext (Turkish in the .po); tests import them."""

from django.utils.translation import gettext_lazy as _

ERR_SERVICE_NOT_FOUND = _("Service not found.")
ERR_SERVICE_UNKNOWN = _("“%(service)s” is not a service of the catalogue.")
ERR_SERVICE_NONE_HERE = _("No active service of the kind “%(kind)s” covers the household's district.")
ERR_SERVICE_INACTIVE = _("This service no longer takes referrals.")
ERR_REFERRAL_NOT_FOUND = _("Referral not found.")
ERR_REFERRAL_REASON = _("Write why the household is referred.")
ERR_REFERRAL_DEADLINE = _("The deadline cannot be in the past.")
ERR_PERSON_NOT_MEMBER = _("The person is not a current member of this household.")
ERR_SEALED_UNAVAILABLE = _("Protection services cannot take the referral now; call ALO 183.")
