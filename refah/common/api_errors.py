"""Pydantic's field messages in the request's language: an API answer is Turkish or English throughout.

django-ninja passes pydantic's errors through, whose `msg` is always English. The common error types are mapped
to gettext messages here, filled with the error's `ctx` (the limit, the allowed length...); other types keep
pydantic's message.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "missing": _("This field is required."),
    "string_too_short": _("Must be at least %(min_length)s characters long."),
    "string_too_long": _("Must be at most %(max_length)s characters long."),
    "too_short": _("Must have at least %(min_length)s items."),
    "too_long": _("Must have at most %(max_length)s items."),
    "greater_than_equal": _("Must be greater than or equal to %(ge)s."),
    "greater_than": _("Must be greater than %(gt)s."),
    "less_than_equal": _("Must be less than or equal to %(le)s."),
    "less_than": _("Must be less than %(lt)s."),
    "string_pattern_mismatch": _("Does not have the expected form."),
    "string_type": _("Must be text."),
    "int_parsing": _("Must be a whole number."),
    "int_type": _("Must be a whole number."),
    "int_from_float": _("Must be a whole number."),
    "decimal_parsing": _("Must be a number."),
    "decimal_type": _("Must be a number."),
    "float_parsing": _("Must be a number."),
    "float_type": _("Must be a number."),
    "decimal_max_places": _("Must have at most %(decimal_places)s decimal places."),
    "decimal_max_digits": _("Must have at most %(max_digits)s digits."),
    "bool_parsing": _("Must be true or false."),
    "bool_type": _("Must be true or false."),
    "date_parsing": _("Must be a date written as YYYY-MM-DD."),
    "date_from_datetime_parsing": _("Must be a date written as YYYY-MM-DD."),
    "date_type": _("Must be a date written as YYYY-MM-DD."),
    "datetime_parsing": _("Must be a date and time (ISO 8601)."),
    "datetime_from_date_parsing": _("Must be a date and time (ISO 8601)."),
    "datetime_type": _("Must be a date and time (ISO 8601)."),
    "uuid_parsing": _("Must be an identifier (UUID)."),
    "uuid_type": _("Must be an identifier (UUID)."),
    "enum": _("Must be one of: %(expected)s."),
    "literal_error": _("Must be one of: %(expected)s."),
    "list_type": _("Must be a list."),
    "dict_type": _("Must be an object."),
    "model_type": _("Must be an object."),
    "model_attributes_type": _("Must be an object."),
    "extra_forbidden": _("This field is not allowed."),
    "json_invalid": _("The request body is not valid JSON."),
}
VALUE_ERROR_PREFIX = "Value error, "  # pydantic's prefix before a validator's own (already translated) message


def error_reason(error: dict[str, Any]) -> str:
    """The reason of one pydantic error in the active language."""
    message = MESSAGES.get(error.get("type", ""))
    if message is None:
        return str(error.get("msg", "")).removeprefix(VALUE_ERROR_PREFIX)
    ctx = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return str(message) % ctx
    except KeyError:  # a context value the message needs is missing: pydantic's own words, never a crash
        return str(error.get("msg", ""))
