"""Fields only some users see: health and disability data (KVKK special category), an audit event's details."""

from typing import ClassVar

from ninja import Schema
from pydantic import PrivateAttr, ValidationInfo, model_serializer, model_validator

SENSITIVE_FIELDS = frozenset({"health_insurance", "disability_percent", "dependency", "chronic_illness", "pregnant"})


def _viewer(info: ValidationInfo):
    request = (info.context or {}).get("request")
    return getattr(request, "user", None)


class _Restricted(Schema):
    """A schema whose RESTRICTED fields are dumped only when the request's user may see them."""

    RESTRICTED: ClassVar[frozenset[str]] = frozenset()
    _show_restricted: bool = PrivateAttr(False)

    @staticmethod
    def may_see(user) -> bool:
        return False

    @model_validator(mode="after")
    def _check_viewer(self, info: ValidationInfo):
        user = _viewer(info)
        self._show_restricted = user is not None and self.may_see(user)
        return self

    @model_serializer(mode="wrap")
    def _omit_restricted(self, handler):
        data = handler(self)
        if not self._show_restricted:
            for name in self.RESTRICTED:
                data.pop(name, None)
        return data
