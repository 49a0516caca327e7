"""A sealed audit row in words: the action's label, or "Read" for a reading, with the kind of record."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from refah.audit.actions import action_label

register = template.Library()

_KINDS = {
    "shelters.protectioncase": gettext_lazy("case"),
    "shelters.sealedunit": gettext_lazy("unit"),
    "shelters.sealedmember": gettext_lazy("naming"),
    "shelters.casenote": gettext_lazy("note"),
    "shelters.protectiveorder": gettext_lazy("order"),
    "shelters.shelterstay": gettext_lazy("stay"),
    "shelters.casereferral": gettext_lazy("referral out"),
    "shelters.breakglass": gettext_lazy("break-glass"),
    "shelters.sealedalert": gettext_lazy("alert"),
}


@register.filter
def sealed_act(row) -> str:
    what = action_label(row.action) if row.action else _("Read")
    kind = _KINDS.get(row.object_type)
    return f"{what} ({kind})" if kind else what
