"""Who may import households: one permission, checked in one place for uploads and for reading batches."""

from refah.accounts.selectors import office_for_user
from refah.common.errors import PermissionDeniedError
from refah.registry.imports.messages import ERR_NO_PERMISSION

PERMISSION = "registry.import_households"


def importer_office(user):
    """The office of a user allowed to import (None if the account has no office); raises without permission."""
    if not user.has_perm(PERMISSION):
        raise PermissionDeniedError(ERR_NO_PERMISSION.en)
    return office_for_user(user)
