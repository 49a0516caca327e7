"""What every registry write shares: permission and jurisdiction checks, input no channel may store (future dates,
invisible characters, emptied required fields), and the audit that also tells other apps the household changed."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst

from refah.accounts.selectors import district_in_jurisdiction
from refah.audit.services import audit_record
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.common.signals import household_changed
from refah.common.text import hidden_character
from refah.geo.models import District
from refah.registry import errors, selectors
from refah.registry.models import Person


def audit(**kwargs) -> None:
    """Audit the change and tell other apps (eligibility) that the household changed."""
    audit_record(**kwargs)
    if kwargs.get("household_id"):
        household_changed.send(sender=None, household_id=kwargs["household_id"])


def require(actor, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def require_district(actor, district: District) -> None:
    if not district_in_jurisdiction(actor, district):
        raise PermissionDeniedError(errors.ERR_OUTSIDE_JURISDICTION, field="district")


def require_person_in_reach(actor, person: Person) -> None:
    """A person registered outside the actor's jurisdiction is "not found", exactly as the API answers it."""
    if not selectors.person_in_reach(user=actor, person=person):
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND, field="person")


def not_future(value: dt.date | None, field_name: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({field_name: errors.ERR_FUTURE_DATE})


def visible_text(field: str, label, text: str | None) -> None:
    """Refuse bidi overrides, zero-width and other invisible characters in text that identifies a person or a
    household: they make a name or an address look like another one on screen, in lists and in exports."""
    char = hidden_character(text)
    if char:
        params = {"field": capfirst(label), "char": char}
        raise ValidationError(
            {field: ValidationError(errors.ERR_HIDDEN_CHARACTER, code="hidden_character", params=params)}
        )


def visible_fields(obj, names: list[str]) -> None:
    for name in names:
        visible_text(name, obj._meta.get_field(name).verbose_name, getattr(obj, name))


def assign(instance, data: dict, fields: list[str]) -> None:
    """Set the fields that `data` names. None empties a field that may be empty and is refused for one that may
    not (a PATCH with "first_name": null), rather than reaching the database or the cleaning as None."""
    refused = {}
    for key in fields:
        if key not in data:
            continue
        value, field = data[key], instance._meta.get_field(key)
        if value is None and not field.null:
            if not (field.blank and field.empty_strings_allowed):
                refused[key] = errors.ERR_CANNOT_EMPTY
                continue
            value = ""
        setattr(instance, key, value)
    if refused:
        raise ValidationError(refused)
