"""What a staff session remembers about its sign-in: when it began, when it was last used, whether it passed the
second factor, and a password accepted while the code is awaited."""

import time

from django.contrib.auth import get_user_model, login

PENDING_KEY = "refah_signin_pending"  # {"user": pk, "at": epoch, "backend": path, "next": url}
PASSED_KEY = "refah_second_factor"  # True once the session passed a TOTP or recovery code
SINCE_KEY = "refah_signed_in_at"
SEEN_KEY = "refah_seen_at"
PENDING_SECONDS = 5 * 60  # to type the code after the password


def staff_login(request, user, *, second_factor: bool, backend: str | None = None) -> None:
    """Sign the user in on this session (a new session key), recording the time and the second factor."""
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend=backend)
    now = time.time()
    request.session[SINCE_KEY] = request.session[SEEN_KEY] = now
    request.session[PASSED_KEY] = second_factor


def pending_set(request, user, *, next_url: str) -> None:
    """The password was right and a code is due: remember who, for a few minutes."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "backend": user.backend, "next": next_url}


def pending_get(request) -> tuple[object, dict] | tuple[None, None]:
    """The user awaiting a code on this session and what was remembered, or (None, None) when expired."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else (None, None)


def second_factor_passed(request) -> bool:
    return bool(request.session.get(PASSED_KEY))


def mark_second_factor_passed(request) -> None:
    request.session[PASSED_KEY] = True
    request.user.second_factor_passed = True
