"""Error messages of record linkage, as constants that tests import."""

from django.utils.translation import gettext_lazy as _

from refah.common.errors import ERR_NO_PERMISSION

__all__ = ["ERR_NO_PERMISSION"]

ERR_REVIEW_NOT_FOUND = _("Review item not found.")
ERR_LINK_NOT_FOUND = _("Link not found.")
ERR_REVIEW_DECIDED = _("This review item has already been decided.")
ERR_NOT_A_CANDIDATE = _("The chosen person is not one of the candidates of this review item.")
ERR_REASON_REQUIRED = _("Give a reason.")
ERR_ALREADY_UNDONE = _("This link has already been undone.")
ERR_KIND_UNKNOWN = _("Unknown record kind: %(kind)s.")
ERR_DISTRICT_OUTSIDE = _("The district is outside your jurisdiction.")
ERR_RECORD_ID = _("Every record needs its own id.")
ERR_ALREADY_LINKED = _("This record is already linked to a person.")
ERR_KEEP_NOT_IN_PAIR = _("The record to keep must be one of the two records of the review item.")
