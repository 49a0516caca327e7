"""Maker–checker writes of the rulebook: dated parameter values and custom programs.

A program manager proposes; a second, different manager approves or rejects. Nothing in the past is
edited: a new value starts after the latest value of its parameter, or in the future. Every step is
audited in the transaction that makes it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from refah.accounts.selectors import office_for_user
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, PermissionDeniedError
from refah.eligibility.custom import program_from_spec
from refah.eligibility.errors import CustomProgramError, ParameterError
from refah.eligibility.models import (
    ApprovalStatus,
    CustomProgram,
    CustomProgramStatus,
    ParameterValue,
)
from refah.eligibility.overlay import latest_start
from refah.eligibility.params import DecimalLoader, convert, load_parameters

ERR_NO_PERMISSION = _("You do not have permission to do this.")
ERR_UNKNOWN_PARAMETER = _("Unknown parameter.")
ERR_PAST = _("A new value must start after the latest value ({latest}) or in the future; the past is never edited.")
ERR_VALUE = _("Not a valid value for this parameter: {detail}")
ERR_SHAPE = _("The value must have the same shape as the current one ({shape}).")
ERR_SAME_PERSON = _("The person who proposed a change cannot approve it: a second manager must decide.")
ERR_NOT_PENDING = _("This proposal has already been decided.")
ERR_NO_OFFICE = _("Only staff of an office can define custom programs.")
ERR_OTHER_OFFICE = _("Only a manager of the same office can decide on this custom program.")
ERR_SPEC = _("The programme definition is not valid: {detail}")


def _require(actor, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _jsonable(raw: Any) -> Any:
    """YAML value → JSON: Decimal as a string (exact), dict keys as strings (overlay restores ints)."""
    if isinstance(raw, Decimal):
        return str(raw)
    if isinstance(raw, dict):
        return {str(key): _jsonable(value) for key, value in raw.items()}
    if isinstance(raw, list):
        return [_jsonable(value) for value in raw]
    return raw


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return "scalar"


def parse_value(*, parameter: str, text: str) -> Any:
    """A value typed as YAML ("0.75", "3/4", "[450.00, 911.15]") checked against the parameter's unit and shape."""
    definition = load_parameters()[parameter]
    try:
        raw = yaml.load(text, Loader=DecimalLoader)  # noqa: S506 - DecimalLoader is a SafeLoader
        convert(definition.unit, raw)
    except (yaml.YAMLError, ParameterError, ValueError, TypeError, ArithmeticError) as exc:
        raise ValidationError({"value": ERR_VALUE.format(detail=exc)}) from None
    current = definition.values[-1].raw
    if _shape(raw) != _shape(current):
        raise ValidationError({"value": ERR_SHAPE.format(shape=yaml.safe_dump(_jsonable(current)).strip())})
    return _jsonable(raw)


def _check_start(parameter: str, start: dt.date) -> None:
    latest = latest_start(parameter)
    if start <= latest and start <= timezone.localdate():
        raise ValidationError({"start": ERR_PAST.format(latest=latest.isoformat())})


@transaction.atomic
def parameter_value_propose(
    *, actor, parameter: str, start: dt.date, value_text: str, reference: str, note: str = ""
) -> ParameterValue:
    """Propose a new dated value of a YAML parameter; it takes effect only after a second manager approves."""
    _require(actor, "eligibility.propose_parameter")
    if parameter not in load_parameters():
        raise ValidationError({"parameter": ERR_UNKNOWN_PARAMETER})
    _check_start(parameter, start)
    value = ParameterValue(
        parameter=parameter,
        start=start,
        value=parse_value(parameter=parameter, text=value_text),
        reference=reference,
        note=note,
        proposed_by=actor,
    )
    value.full_clean()
    value.save()
    audit_record(actor=actor, action=AuditAction.PARAMETER_VALUE_PROPOSE, obj=value, after=snapshot(value))
    return value


def _decide(actor, record, approve: bool, pending: str, approved: str, rejected: str) -> None:
    if record.status != pending:
        raise ConflictError(ERR_NOT_PENDING)
    if record.proposed_by_id == actor.pk:
        raise PermissionDeniedError(ERR_SAME_PERSON)
    record.status = approved if approve else rejected
    record.decided_by = actor
    record.decided_at = timezone.now()
    record.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])


@transaction.atomic
def parameter_value_decide(*, actor, value: ParameterValue, approve: bool) -> ParameterValue:
    """Approve or reject a proposed value (four eyes: never the proposer's own)."""
    _require(actor, "eligibility.approve_parameter")
    value = ParameterValue.objects.select_for_update().get(pk=value.pk)
    before = snapshot(value)
    if approve and value.status == ApprovalStatus.PROPOSED:
        _check_start(value.parameter, value.start)
    _decide(actor, value, approve, ApprovalStatus.PROPOSED, ApprovalStatus.APPROVED, ApprovalStatus.REJECTED)
    action = AuditAction.PARAMETER_VALUE_APPROVE if approve else AuditAction.PARAMETER_VALUE_REJECT
    audit_record(actor=actor, action=action, obj=value, before=before, after=snapshot(value))
    return value


def validate_spec(*, code: str, spec: dict[str, Any]) -> None:
    """Raise ValidationError(spec) unless the custom package (spec.py) accepts the definition."""
    try:
        program_from_spec({"label": code, **spec, "code": code})
    except (CustomProgramError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError({"spec": ERR_SPEC.format(detail=exc)}) from None


@transaction.atomic
def custom_program_propose(*, actor, code: str, name: str, spec: dict[str, Any]) -> CustomProgram:
    """Define a custom program for the actor's office, as a draft awaiting a second manager's approval."""
    _require(actor, "eligibility.propose_custom_program")
    office = office_for_user(actor)
    if office is None:
        raise PermissionDeniedError(ERR_NO_OFFICE)
    program = CustomProgram(office=office, code=code, name=name, spec=spec, proposed_by=actor)
    program.full_clean()
    validate_spec(code=program.engine_code, spec=spec)
    program.save()
    audit_record(actor=actor, action=AuditAction.CUSTOM_PROGRAM_PROPOSE, obj=program, after=snapshot(program))
    return program


@transaction.atomic
def custom_program_decide(*, actor, program: CustomProgram, approve: bool) -> CustomProgram:
    """Approve or reject a draft custom program of the actor's own office (never the proposer's own)."""
    _require(actor, "eligibility.approve_custom_program")
    program = CustomProgram.objects.select_for_update().get(pk=program.pk)
    office = office_for_user(actor)
    if office is None or office.pk != program.office_id:
        raise PermissionDeniedError(ERR_OTHER_OFFICE)
    before = snapshot(program)
    statuses = (CustomProgramStatus.DRAFT, CustomProgramStatus.APPROVED, CustomProgramStatus.REJECTED)
    _decide(actor, program, approve, *statuses)
    action = AuditAction.CUSTOM_PROGRAM_APPROVE if approve else AuditAction.CUSTOM_PROGRAM_REJECT
    audit_record(actor=actor, action=action, obj=program, before=before, after=snapshot(program))
    return program
