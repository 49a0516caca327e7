from django.utils.translation import gettext_lazy as _

ERR_NO_PERMISSION = _("You do not have permission to do this.")
ERR_MODEL_NOT_FOUND = _("Targeting model not found.")
ERR_RUN_NOT_FOUND = _("Scoring run not found.")
ERR_HOUSEHOLD_NOT_FOUND = _("Household not found.")
ERR_NO_PROPOSAL = _("The targeting model has no proposal for this household yet.")
ERR_SAME_PERSON = _("The person who registered a model cannot approve it (maker–checker).")
ERR_NOT_DRAFT = _("Only a draft model can be approved; this one is %(status)s.")
ERR_NOT_APPROVED = _("Only an approved model can be retired or used for scoring; this one is %(status)s.")
ERR_NO_APPROVED = _("There is no approved targeting model.")
ERR_FILE_MISSING = _("The model file %(path)s does not exist.")
ERR_FILE_BAD = _("The model file cannot be read: %(reason)s")
ERR_HASH_MISMATCH = _(
    "The stored model's weights do not match their hash (%(expected)s expected, %(actual)s found): it was altered."
)
ERR_VERSION_TAKEN = _("A model with version %(version)s is already registered.")
ERR_COVERAGE = _("Coverage must be a whole number of percent between 1 and 100.")
ERR_BUDGET = _("The budget must be a positive amount in Turkish lira.")
ERR_SCOPE = _("Choose a province or a district in your jurisdiction.")
ERR_DAY = _("Give a day as YYYY-MM-DD.")
ERR_RUN_FAILED = _("The scoring run failed: %(reason)s")
ERR_RUN_UNEXPECTED = _("The scoring run failed unexpectedly; the administrators have been told.")
