"""Error messages of the committees app, as constants that tests import."""

from django.utils.translation import gettext_lazy as _

ERR_NO_PERMISSION = _("You do not have permission to do this.")
ERR_MEETING_NOT_FOUND = _("Meeting not found.")
ERR_COMMITTEE_NOT_FOUND = _("Committee not found.")
ERR_ITEM_NOT_FOUND = _("Agenda item not found.")
ERR_MEMBER_NOT_FOUND = _("This person is not a sitting member of the committee.")
ERR_OUTSIDE_JURISDICTION = _("This office is outside your jurisdiction.")
ERR_NO_QUORUM = _("There is no quorum: %(present)s of %(members)s members present, %(required)s needed.")
ERR_NO_QUORUM_ITEM = _(
    "There is no quorum for this item: %(present)s members present and not recused, %(required)s needed."
)
ERR_NOT_PLANNED = _("Only a planned meeting can be changed or opened.")
ERR_NOT_OPEN = _("The meeting is not open.")
ERR_ALREADY_CLOSED = _("The meeting is already closed.")
ERR_AGENDA_EXISTS = _("The agenda of this meeting has already been built.")
ERR_NO_CASES = _("No cases are waiting for this committee.")
ERR_RECUSED = _("This member is recused from this item and cannot vote.")
ERR_ABSENT = _("This member is not recorded as present and cannot vote.")
ERR_ALREADY_RECUSED = _("This member has already been recused from this item.")
ERR_NOT_OWN_VOTE = _("You can record only your own vote.")
ERR_PROGRAM_NOT_ON_CASE = _("This program is not part of the application.")
ERR_ITEM_DECIDED = _("This item has already been decided.")
ERR_JUSTIFICATION_REQUIRED = _(
    "The decision on %(program)s goes against the objective result; a written justification is required."
)
ERR_REASON_REQUIRED = _("Give the reason for the conflict of interest.")
ERR_ONE_CHAIR = _("The committee already has a sitting chair.")
ERR_UNTIL_BEFORE_SINCE = _("The end of membership cannot be before its start.")
ERR_MEMBER_IDENTITY = _("A member is either a user account or an external person with a name.")
ERR_MAJORITY_FRACTION = _("A fraction must be between 0 and 1 (numerator ≤ denominator, denominator > 0).")
