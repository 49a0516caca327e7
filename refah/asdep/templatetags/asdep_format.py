"""Labels of ASDEP's codes in templates (no code reaches a screen)."""

from django import template

from refah.asdep.checklist import area_label
from refah.asdep.enums import Answer, ProposalReason, Severity
from refah.casework.enums import ServiceKind

register = template.Library()


@register.filter
def asdep_area(code: str) -> str:
    return area_label(code)


@register.filter
def asdep_answer(code: str) -> str:
    return str(Answer(code).label) if code in Answer.values else "—"


@register.filter
def asdep_reason(code: str) -> str:
    return str(ProposalReason(code).label) if code in ProposalReason.values else ""


@register.filter
def asdep_kind(code: str) -> str:
    return str(ServiceKind(code).label) if code in ServiceKind.values else ""


@register.filter
def asdep_severity(code: str) -> str:
    return str(Severity(code).label) if code in Severity.values else ""
