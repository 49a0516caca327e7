"""What every JSON request body of the API shares."""

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.schema import DjangoGetter
from pydantic import model_validator
from pydantic_core import PydanticCustomError


class ObjectIn(Schema):
    """A request body that must be a JSON object.

    Ninja reads any other value (an array, a number, a string) attribute by attribute, finds nothing and takes
    every default: `[]` sent as a PATCH changed nothing and answered 200. Here it is a 422.
    """

    @model_validator(mode="before")
    @classmethod
    def _json_object(cls, values):
        # Schema's own (outer) validator has already wrapped the input in a DjangoGetter.
        body = values._obj if isinstance(values, DjangoGetter) else values
        if not isinstance(body, dict):
            raise PydanticCustomError(
                "object_type", _("The request body must be a JSON object, not an array or a single value.")
            )
        return values


class ErrorItem(Schema):
    field: str | None = Field(None, description="The input field at fault, dotted for nested fields.")
    reason: str
    code: str


class ErrorOut(Schema):
    """Every 4xx answer: a summary and the reasons, one per field."""

    detail: str
    errors: list[ErrorItem]
