"""Screens of group programmes: the list (with the form of a new one), a programme with its sessions and the
attendance grid (a select per person and session, usable on a phone), the enrol form."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from refah.casework import forms, selectors, services
from refah.casework.enums import AttendanceStatus
from refah.casework.roles import ADD_PROGRAMME, VIEW_PROGRAMME, WORK_PROGRAMME
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.common.views import error_text, form_errors, screen
from refah.registry.models import Person


@screen(permission=VIEW_PROGRAMME, methods=("GET",))
def programme_list(request):
    rows = list(selectors.programme_list(user=request.user).order_by("-starts_on", "title")[:200])
    return render(request, "casework/programme_list.html", {"rows": rows})


@screen(permission=ADD_PROGRAMME, methods=("GET", "POST"))
def programme_add(request):
    form = forms.ProgrammeForm(request.POST or None, initial={"completion_percent": 75})
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, **form.cleaned_data)
        except RefahError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The group programme is created; add its sessions."))
            return redirect("casework:programme_detail", programme_id=programme.pk)
    return render(request, "casework/programme_form.html", {"form": form}, status=400 if form.errors else 200)


@screen(permission=VIEW_PROGRAMME, methods=("GET", "POST"))
def programme_detail(request, programme_id):
    """A programme: its sessions, the enrolled persons of the user's area with their attendance and completion; the
    attendance of a session is recorded from the grid."""
    view = selectors.programme_read(user=request.user, programme_id=programme_id)
    action = request.POST.get("action") if request.method == "POST" else None
    session_form = forms.GroupSessionForm(request.POST if action == "session_add" else None, prefix="gs")
    if action and request.user.has_perm(WORK_PROGRAMME):
        if _programme_post(request, view, action, session_form):
            return redirect("casework:programme_detail", programme_id=view.programme.pk)
    elif action:
        raise PermissionDeniedError(_("You do not have permission to do this."))
    context = {
        "v": view,
        "p": view.programme,
        "session_form": session_form,
        "choices": AttendanceStatus.choices,
        "grid": [(row, list(zip(view.sessions, row.marks, strict=True))) for row in view.rows],
    }
    return render(request, "casework/programme_detail.html", context, status=400 if session_form.errors else 200)


def _programme_post(request, view, action: str, session_form) -> bool:
    try:
        if action == "session_add":
            if not session_form.is_valid():
                return False
            services.group_session_add(actor=request.user, programme=view.programme, **session_form.cleaned_data)
            messages.success(request, _("The session is added."))
            return True
        if action == "attendance":
            session = selectors.access_group_session_by_id(user=request.user, session_id=request.POST.get("session"))
            prefix = f"mark-{session.pk}-"
            marks = {
                key.removeprefix(prefix): value
                for key, value in request.POST.items()
                if key.startswith(prefix) and value
            }
            count = services.attendance_record(actor=request.user, session=session, marks=marks)
            messages.success(request, _("Attendance recorded for %(count)s persons.") % {"count": count})
            return True
    except NotFoundError:
        raise
    except ConflictError as exc:
        messages.error(request, error_text(exc))
        return True
    except RefahError as exc:
        if action == "session_add":
            form_errors(session_form, exc)
            return False
        messages.error(request, error_text(exc))
        return True
    return False


@screen(permission=WORK_PROGRAMME, methods=("GET", "POST"))
def enrol(request, programme_id):
    """Enrol a person by TC Kimlik No (of a household in the user's jurisdiction) while places remain."""
    programme = selectors.access_programme_by_id(user=request.user, programme_id=programme_id)
    form = forms.EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = Person.objects.filter(national_id=form.cleaned_data["national_id"]).only("pk").first()
        try:
            if person is None:
                raise RefahError(_("No person with this TC Kimlik No in your area."), field="national_id")
            services.enrol(actor=request.user, programme=programme, person=person)
        except NotFoundError:
            form.add_error("national_id", _("No person with this TC Kimlik No in your area."))
        except RefahError as exc:
            form_errors(form, exc, field_map={"person": "national_id", "programme": "national_id"})
        else:
            messages.success(request, _("The person is enrolled."))
            return redirect("casework:programme_detail", programme_id=programme.pk)
    context = {"p": programme, "form": form}
    return render(request, "casework/enrol.html", context, status=400 if form.errors else 200)
