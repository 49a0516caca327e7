"""Error messages of the registry, as constants that tests import."""

from django.utils.translation import gettext_lazy as _

ERR_OUTSIDE_JURISDICTION = _("This district is outside your office's jurisdiction.")
ERR_NO_PERMISSION = _("You do not have permission to do this.")
ERR_HOUSEHOLD_NOT_FOUND = _("Household not found.")
ERR_PERSON_NOT_FOUND = _("Person not found.")
ERR_DUPLICATE_ID = _("A person with this identity number is already registered.")
ERR_ALREADY_MEMBER = _("This person is already a current member of a household; move them instead.")
ERR_NOT_CURRENT_MEMBER = _("This person is not a current member of the household.")
ERR_SECOND_REFERENCE = _("The household already has a reference person.")
ERR_NEEDS_REFERENCE = _("A household needs exactly one reference person.")
ERR_LEFT_BEFORE_JOINED = _("The leaving date cannot be before the joining date.")
ERR_FUTURE_DATE = _("The date cannot be in the future.")
ERR_CANNOT_EMPTY = _("This field cannot be emptied; send a value or leave it out.")
ERR_ID_REQUIRED = _("An identity number is required for this identity kind.")
ERR_ID_NOT_ALLOWED = _("A person without a number must not have an identity number.")
ERR_DISTRICT_PROVINCE = _("The district does not belong to the province.")
ERR_NEGATIVE_AMOUNT = _("The amount cannot be negative.")
ERR_END_BEFORE_START = _("The end date cannot be before the start date.")
ERR_DISPOSED_BEFORE_ACQUIRED = _("The asset cannot be disposed of before it was acquired.")
ERR_ALREADY_DISPOSED = _("The asset is already recorded as disposed of.")
ERR_SCHOOL_AGE = _("Absence days must be between 0 and 31.")
ERR_RENT_NOT_TENANT = _("Rent is recorded only for tenants.")
ERR_SAME_HOUSEHOLD = _("The person is already a member of this household.")
ERR_UNKNOWN_DISTRICT = _("Unknown district code.")
ERR_MEMBERSHIP_NOT_FOUND = _("Membership not found.")
ERR_OWNER_NOT_MEMBER = _("The owner must be a current member of the household.")
ERR_IMPORT_NOT_FOUND = _("Import not found.")
ERR_BIRTH_DATE_TOO_EARLY = _("The birth date cannot be before 1 January 1900.")
ERR_BIRTH_DATE_FUTURE = _("The birth date cannot be in the future.")
ERR_MOBILE_FORMAT = _("Enter a Turkish mobile number of 10 digits starting with 5, for example 0532 123 45 67.")
ERR_HIDDEN_CHARACTER = _(
    "%(field)s contains an invisible or direction-changing character (%(char)s); type it again without it."
)
# Merging two records of one person (services.person_merge / person_merge_undo)
ERR_MERGE_SAME = _("A person cannot be merged with themselves: choose two different records.")
ERR_MERGE_TWO_NUMBERS = _(
    "Both records have their own identity number: they are two people (twins and siblings are never merged)."
)
ERR_MERGE_ALREADY = _("This record has already been merged into another one.")
ERR_MERGE_HAS_MERGED = _(
    "Other records have been merged into this person: keep this person, or undo those merges first."
)
ERR_MERGE_TWO_HOUSEHOLDS = _(
    "The two records are current members of different households. Decide where the person lives (move or remove "
    "one of the memberships) before merging."
)
ERR_MERGE_REASON = _("Give a reason.")
ERR_MERGE_FIELD = _("This detail cannot be taken from the merged record: %(field)s.")
ERR_MERGE_NOT_FOUND = _("Merge not found.")
ERR_MERGE_UNDONE = _("This merge has already been undone.")
ERR_MERGE_UNDO_CONFLICT = _(
    "The merge cannot be undone: the records it would restore now break a rule of the registry (a person in two "
    "households, two reference persons, or an identity number taken). Change the households first."
)
