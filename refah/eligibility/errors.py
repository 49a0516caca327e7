"""Errors of the eligibility engine. Messages are constants so tests and callers can match them."""

import datetime as dt

MISSING_INPUT = "Missing input {field!r} ({where}); the engine never assumes a default."
INVALID_INPUT = "Invalid input {field!r}: {detail}"
NOT_IN_FORCE = "Parameter {name} has no value before {first} (asked for {day})."
UNKNOWN_PROGRAM = "Unknown program {code!r}."


class EligibilityError(Exception):
    """Base class of the engine's errors."""


class MissingInputError(EligibilityError):
    """An input a rule needs is absent or null."""

    def __init__(self, field: str, where: str = "all rows"):
        self.field = field
        super().__init__(MISSING_INPUT.format(field=field, where=where))


class InvalidInputError(EligibilityError):
    """An input has a value outside its code list or range."""

    def __init__(self, field: str, detail: str):
        self.field = field
        super().__init__(INVALID_INPUT.format(field=field, detail=detail))


class ParameterError(EligibilityError):
    """A parameter file or override is malformed or unknown."""


class ParameterNotInForce(ParameterError):
    """The period lies before a parameter's first dated value: the program is not in force."""

    def __init__(self, name: str, day: dt.date, first: dt.date):
        self.name, self.day, self.first = name, day, first
        super().__init__(NOT_IN_FORCE.format(name=name, first=first, day=day))


class UnknownProgramError(EligibilityError):
    def __init__(self, code: str):
        super().__init__(UNKNOWN_PROGRAM.format(code=code))


class CustomProgramError(EligibilityError):
    """A data-defined program spec failed validation."""
