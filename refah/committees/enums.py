"""Choice lists of the committees app. Values are stable codes used by the API and the minutes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeKind(models.TextChoices):
    SYDV_BOARD = "sydv_board", _("SYDV board of trustees (Mütevelli Heyeti)")
    MUNICIPAL_COMMISSION = "municipal_commission", _("Municipal social aid commission")


class MajorityBase(models.TextChoices):
    """What a majority is counted against."""

    PRESENT_VOTING = "present_voting", _("Members present and voting (abstentions not counted)")
    PRESENT = "present", _("Members present and not recused")
    MEMBERS = "members", _("All sitting members")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RecusalReason(models.TextChoices):
    HOUSEHOLD_MEMBER = "household_member", _("Member of the applicant household")
    RELATIVE = "relative", _("Relative of the applicant household")
    SAME_ADDRESS = "same_address", _("Lives at the same address")
    DECLARED = "declared", _("Declared conflict of interest")


class VoteChoice(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    DEFER = "defer", _("Defer")
    ABSTAIN = "abstain", _("Abstain")


class Outcome(models.TextChoices):
    """The decision on one program; the same codes as the case's ProgramDecision."""

    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


VOTE_TO_OUTCOME = {
    VoteChoice.APPROVE: Outcome.APPROVED,
    VoteChoice.REJECT: Outcome.REJECTED,
    VoteChoice.DEFER: Outcome.DEFERRED,
}
