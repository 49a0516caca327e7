"""Staff sign-in screens: password (throttled), then the TOTP or recovery code when enrolled; enrolment with a QR
code; recovery codes; an administrator's reset of another user's second factor."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from refah.accounts import errors, forms, second_factor, sessions, signin, totp
from refah.accounts.backends import second_factor_missing
from refah.common.errors import RefahError

_CREDENTIALS = [sensitive_post_parameters(), csrf_protect, never_cache, require_http_methods(["GET", "POST"])]


def _credentials_screen(view):
    """A screen that takes a password or a code: its POST kept out of error reports, CSRF-checked, never
    cached. (Not `refah.common.views.screen`: these pages answer a refusal on the form or with their own
    never-cached 403, and the sign-in steps come before any login.)"""
    for decorator in reversed(_CREDENTIALS):
        view = decorator(view)
    return view


def _next_url(request, value: str | None) -> str:
    """`next` when it points back at this site, else the page after sign-in."""
    safe = url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return value if value and safe else resolve_url(settings.LOGIN_REDIRECT_URL)


@_credentials_screen
def sign_in(request):
    """Username and password; on to the code when the user has a second factor."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = forms.SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, attempt = signin.password_check(request=request, **form.cleaned_data)
        except RefahError as exc:
            form.add_error(None, exc.message)
        else:
            if second_factor.is_enrolled(user):
                sessions.pending_set(request, user, next_url=_next_url(request, next_url))
                return redirect("accounts:sign_in_code")
            signin.sign_in_succeeded(user=user, attempt=attempt, second_factor=False)
            sessions.staff_login(request, user, second_factor=False)
            return redirect(_next_url(request, next_url))
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@_credentials_screen
def sign_in_code(request):
    """The second step: a TOTP code or a recovery code for the user whose password was just accepted."""
    user, pending = sessions.pending_get(request)
    if user is None:
        messages.error(request, errors.ERR_CODE_STEP_EXPIRED)
        return redirect("accounts:login")
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = second_factor.code_verify(request=request, user=user, code=form.cleaned_data["code"])
        except RefahError as exc:
            form.add_error("code", exc.message)
        else:
            signin.sign_in_succeeded(user=user, attempt=attempt, second_factor=True)
            sessions.staff_login(request, user, second_factor=True, backend=pending["backend"])
            return redirect(pending["next"])
    return render(request, "accounts/sign_in_code.html", {"form": form})


@login_required
@_credentials_screen
def two_factor(request):
    """Enrolment (QR code, secret as text, confirmed by a first code) or, once enrolled, its state and new
    recovery codes."""
    factor = second_factor.factor_for(request.user)
    if factor is not None:
        return _two_factor_enrolled(request, factor)
    pending = second_factor.enrolment_begin(actor=request.user)
    form = forms.EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.enrolment_confirm(actor=request.user, code=form.cleaned_data["code"])
        except RefahError as exc:
            form.add_error("code", exc.message)
        else:
            sessions.mark_second_factor_passed(request)
            messages.success(request, _("Two-step sign-in is set up. You will be asked for a code at each sign-in."))
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
    secret = totp.secret_decrypt(pending.secret)
    context = {
        "form": form,
        "qr_svg": totp.qr_svg(totp.provisioning_uri(secret, request.user.get_username())),
        "secret": totp.secret_grouped(secret),
        "required": settings.REFAH_REQUIRE_2FA,
    }
    return render(request, "accounts/two_factor_enrol.html", context)


def _two_factor_enrolled(request, factor):
    if request.method == "POST":
        if not sessions.second_factor_passed(request):  # a session older than the enrolment
            return render(request, "403.html", {"reason": errors.ERR_RENEW_NEEDS_SECOND_FACTOR}, status=403)
        codes = second_factor.recovery_codes_renew(actor=request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes})
    left = factor.recovery_codes.filter(used_at__isnull=True).count()
    return render(request, "accounts/two_factor.html", {"factor": factor, "codes_left": left})


@login_required
@_credentials_screen
def two_factor_reset(request):
    """An administrator removes another user's second factor (lost phone); audited."""
    if not request.user.has_perm(second_factor.RESET_PERMISSION) or second_factor_missing(request.user):
        return render(request, "403.html", {"reason": errors.ERR_RESET_NOT_ALLOWED}, status=403)
    form = forms.ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        try:
            second_factor.second_factor_reset(actor=request.user, username=username)
        except RefahError as exc:
            form.add_error("username", exc.message)
        else:
            messages.success(request, _("Two-step sign-in of %(username)s was reset.") % {"username": username})
            return redirect("accounts:two_factor_reset")
    return render(request, "accounts/two_factor_reset.html", {"form": form})
