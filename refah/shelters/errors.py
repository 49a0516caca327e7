"""The sealed services' messages to people, in English through gettext (Turkish in the .po); tests import them.
None of them names a unit's address, a person or whether a sealed record exists."""

from django.utils.translation import gettext_lazy as _

ERR_NOT_FOUND = _("Not found.")
ERR_NOT_NAMED = _("Only the unit's named staff may do this.")
ERR_NOT_SUPERVISOR = _("Only the unit's supervisors may do this.")
ERR_UNIT_KIND = _("Choose the kind of unit.")
ERR_UNIT_NAME = _("Write the unit's name.")
ERR_CAPACITY = _("A shelter needs its capacity (at least one place).")
ERR_ADDRESS = _("Write the address.")
ERR_ALREADY_NAMED = _("This user is already named in this unit.")
ERR_USER_NOT_STAFF = _("Name a staff user of an office.")
ERR_ROLE = _("Choose the role in the unit.")
ERR_NO_SONIM = _("No ŞÖNİM takes intakes in this province; call ALO 183.")
ERR_REASON = _("Write why the case is opened.")
ERR_PERSON = _("Choose the person at risk from the registry or write the name she gave.")
ERR_SOURCE = _("Choose where the case came from.")
ERR_RISK = _("Choose the risk level.")
ERR_CASE_CLOSED = _("The case is closed.")
ERR_CLOSURE_REASON = _("Choose why the case is closed.")
ERR_NOTE = _("Write the note.")
ERR_ORDER_KIND = _("Choose the measure.")
ERR_ORDER_ISSUER = _("Choose who issued the order.")
ERR_ORDER_DATES = _("The order cannot end before it starts, nor be issued after it starts.")
ERR_ORDER_LENGTH = _(
    "An order runs at most six months at a time (Law 6284 art. 8); record an extension as a new order."
)
ERR_SHELTER = _("Choose a women's shelter of the province.")
ERR_SHELTER_FULL = _("The shelter is full: %(free)s place(s) free, %(asked)s asked for.")
ERR_CHILDREN = _("The number of children cannot be negative.")
ERR_STAY_OPEN = _("The person already stays in a shelter; end that stay first.")
ERR_STAY_ENDED = _("The stay has already ended.")
ERR_STAY_DATES = _("The stay cannot end before it starts.")
ERR_FUTURE = _("The date cannot be in the future.")
ERR_REFERRAL_TO = _("Choose where the person is referred.")
ERR_REFERRAL_REASON = _("Write why the person is referred.")
ERR_BREAK_GLASS_REASON = _(
    "Write the reason for the break-glass access, at least %(min)s characters: it is recorded and the unit's "
    "supervisors are told at once."
)
ERR_BREAK_GLASS_WHO = _("Write the case number or the person's TC Kimlik No.")
ERR_DISTRICT = _("The district is not in the unit's province.")
