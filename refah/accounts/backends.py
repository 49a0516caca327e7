"""Django's model backend, plus the rule that health and disability data need a session that passed the second
factor when REFAH_REQUIRE_2FA is on."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

SENSITIVE_PERMISSION = "registry.view_sensitive_person"


def second_factor_missing(user_obj) -> bool:
    """REFAH_REQUIRE_2FA is on and this user's session has not passed a second factor. Screens mark request.user
    with the session's state (refah.accounts.middleware); API token users and commands carry no mark and keep
    their permissions."""
    return settings.REFAH_REQUIRE_2FA and getattr(user_obj, "second_factor_passed", True) is False


class StaffBackend(ModelBackend):
    """ModelBackend that withholds `registry.view_sensitive_person` from a session without a second factor."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        permissions = super().get_all_permissions(user_obj, obj)
        return permissions - {SENSITIVE_PERMISSION} if second_factor_missing(user_obj) else permissions

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if perm == SENSITIVE_PERMISSION and second_factor_missing(user_obj):
            return False
        return super().has_perm(user_obj, perm, obj)
