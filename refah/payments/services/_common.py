"""What every payment service checks first: the actor's permission."""

from refah.common.errors import PermissionDeniedError
from refah.payments import errors


def require(actor, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)
