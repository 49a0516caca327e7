"""Error messages of cases, as constants that tests import."""

from django.utils.translation import gettext_lazy as _

ERR_NO_PERMISSION = _("You do not have permission to do this.")
ERR_APPLICATION_NOT_FOUND = _("Application not found.")
ERR_DOCUMENT_NOT_FOUND = _("Document not found.")
ERR_VISIT_NOT_FOUND = _("Visit not found.")
ERR_TRANSITION = _("A case in status “%(current)s” cannot move to “%(target)s”.")
ERR_NO_PROGRAMS = _("Choose at least one program.")
ERR_UNKNOWN_PROGRAM = _("Unknown program: %(program)s.")
ERR_OPEN_APPLICATION = _(
    "This household already has an open application for %(program)s (%(reference)s); "
    "it must be decided, withdrawn or closed first."
)
ERR_PROGRAM_IN_FORCE = _(
    "%(program)s is already approved for this household (application %(reference)s, decided on %(date)s) "
    "and stays in force until that case is closed; there is nothing to apply for."
)
ERR_PROGRAM_DECIDED = _(
    "%(program)s was already decided for this household in application %(reference)s (%(outcome)s); "
    "an objection goes through that case, and a new application is possible once it is closed."
)
ERR_CONSENT_MISSING = _("Every adult member must consent to data sharing; missing: %(names)s.")
ERR_CONSENT_NOT_MEMBER = _("Only current members of the household can give consent.")
ERR_NO_MEMBERS = _("The household has no current members.")
ERR_IDEMPOTENCY_MISMATCH = _("This idempotency key was already used for a different request.")
ERR_FILE_TOO_LARGE = _("The file is larger than %(limit)s MB.")
ERR_FILE_TYPE = _("Only PDF, JPEG and PNG files are accepted.")
ERR_FILE_EMPTY = _("The file is empty.")
ERR_PHOTO_TYPE = _("A visit photo must be a JPEG or PNG image.")
ERR_NO_INSPECTOR = _("No active inspector in this office can take the visit.")
ERR_VISIT_DONE = _("This visit has already been recorded.")
ERR_NOT_YOUR_VISIT = _("This visit is assigned to another inspector.")
ERR_OPEN_VISIT = _("The household visit has not been recorded yet.")
ERR_MISSING_DOCUMENTS = _("Required documents are missing: %(documents)s.")
ERR_DECISION_PROGRAMS = _("Give exactly one decision for each program applied for.")
ERR_DECISION_OUTCOME = _("Unknown outcome: %(outcome)s.")
ERR_DECISION_AMOUNT = _("An approved program needs a non-negative amount in kuruş, or none.")
ERR_JUSTIFICATION_REQUIRED = _(
    "The decision on %(program)s goes against the objective result; a written justification is required."
)
ERR_CHECKS_WAITING = _(
    "The case cannot go to the committee before these institutions have answered: %(sources)s. "
    "They are asked again automatically; the case page shows each check."
)
ERR_INSURED_EXCLUDED = _(
    "%(program)s cannot be approved: it excludes those with social security, and the household's record shows "
    "social security (SGK). A committee cannot override this."
)
ERR_MEETING_REQUIRED = _("The committee meeting reference is required.")
ERR_OBJECTION_LATE = _("The objection period ended on %(date)s.")
ERR_OBJECTION_REASON = _("Give the reason for the objection.")
ERR_OBJECTION_NOT_OPEN = _("There is no objection waiting for re-examination.")
ERR_OBJECTION_SUBJECT = _("Nothing of the kind “%(kind)s” can be objected to.")
ERR_OBJECTION_OPEN = _("An objection against this is already waiting for a decision.")
ERR_OBJECTION_DECIDED = _("This objection is already decided.")
ERR_OBJECTION_OUTCOME = _("Write the outcome of the objection: the citizen is told.")
ERR_OBJECTION_NOT_SUBJECT = _("This objection is against the case's decision: the committee decides it.")
ERR_SAME_INSPECTOR = _("The re-examination must be done by a different inspector than the original visit.")
ERR_REASON_REQUIRED = _("Give a reason.")
ERR_BAD_LOCATION = _("The location is not a valid latitude and longitude.")
ERR_NO_OFFICE = _("No office handles applications from this district yet.")
ERR_REOPEN = _("The household has a newer open application for the same program; this case cannot reopen.")
