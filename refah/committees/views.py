"""Committee screens: meetings, the meeting screen (attendance, agenda, recusals, votes, decisions),
minutes download and the deviation report.

Thin: every write is one service call; a domain error becomes a message on the meeting screen,
NotFoundError the 404 page and PermissionDeniedError the 403 page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from refah.cases.reasons import REASON_CODES, reason_label
from refah.committees import deviation, minutes, selectors, services
from refah.committees.enums import MeetingStatus, VoteChoice
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError, validation_error_items
from refah.common.i18n import active_language
from refah.common.views import screen


def _attempt(request, service, **kwargs) -> bool:
    """Call a write service; a validation or domain error becomes an error message."""
    try:
        service(**kwargs)
    except (NotFoundError, PermissionDeniedError):
        raise
    except ValidationError as exc:
        for item in validation_error_items(exc):
            messages.error(request, item["reason"])
        return False
    except RefahError as exc:
        messages.error(request, str(exc.message))
        return False
    return True


@require_GET
@screen
def meeting_list(request):
    context = {
        "meetings": selectors.meeting_list(user=request.user)[:100],
        "committees": selectors.committee_list(user=request.user).filter(active=True),
        "can_manage": request.user.has_perm("committees.manage_meeting"),
    }
    return render(request, "committees/meeting_list.html", context)


@require_POST
@screen
def meeting_create(request):
    committee = selectors.access_committee_by_id(user=request.user, committee_id=request.POST.get("committee"))
    scheduled_at = parse_datetime(request.POST.get("scheduled_at") or "")
    if scheduled_at is None:
        messages.error(request, _("Enter the date and time of the meeting."))
        return redirect("committees:meeting_list")
    if timezone.is_naive(scheduled_at):  # <input type="datetime-local"> sends local time without an offset
        scheduled_at = timezone.make_aware(scheduled_at)
    done = _attempt(
        request,
        services.meeting_create,
        actor=request.user,
        committee=committee,
        reference=request.POST.get("reference", "").strip(),
        scheduled_at=scheduled_at,
        location=request.POST.get("location", "").strip(),
    )
    if done:
        messages.success(request, _("Meeting planned."))
    return redirect("committees:meeting_list")


def _member_rows(meeting, present_ids, user) -> list[dict]:
    manager = user.has_perm("committees.manage_meeting")
    return [
        {
            "member": m,
            "present": m.pk in present_ids,
            "can_act": user.has_perm("committees.cast_vote") and (m.user_id == user.pk or (manager and m.is_external)),
        }
        for m in selectors.meeting_members(meeting=meeting)
    ]


@require_GET
@screen
def meeting_detail(request, meeting_id):
    meeting = selectors.meeting_read(user=request.user, meeting_id=meeting_id)
    present_ids = selectors.present_member_ids(meeting=meeting)
    rows = _member_rows(meeting, present_ids, request.user)
    agenda = selectors.meeting_agenda(meeting=meeting)
    for view in agenda:
        recused = {r.member_id for r in view.recusals}
        view.member_rows = [
            {
                **row,
                "recused": row["member"].pk in recused,
                "cells": [
                    {"program": p.program, "vote": view.vote_of(row["member"].pk, p.program)}
                    for p in view.case.programs
                ],
            }
            for row in rows
            if row["present"]
        ]
    context = {
        "meeting": meeting,
        "members": rows,
        "quorum": selectors.meeting_quorum(meeting=meeting, present_ids=present_ids),
        "agenda": agenda,
        "vote_choices": VoteChoice.choices,
        "reason_codes": _reason_codes(),
        "can_manage": request.user.has_perm("committees.manage_meeting"),
        "is_open": meeting.status == MeetingStatus.OPEN,
        "is_planned": meeting.status == MeetingStatus.PLANNED,
    }
    return render(request, "committees/meeting_detail.html", context)


@require_POST
@screen
def agenda_build(request, meeting_id):
    meeting = selectors.access_meeting_by_id(user=request.user, meeting_id=meeting_id)
    if _attempt(request, services.agenda_build, actor=request.user, meeting=meeting):
        messages.success(request, _("Agenda built in random order."))
    return redirect("committees:meeting_detail", meeting_id=meeting.pk)


@require_POST
@screen
def meeting_open(request, meeting_id):
    meeting = selectors.access_meeting_by_id(user=request.user, meeting_id=meeting_id)
    present = [
        selectors.member_get(committee=meeting.committee, member_id=pk) for pk in request.POST.getlist("present")
    ]
    if _attempt(request, services.meeting_open, actor=request.user, meeting=meeting, present=present):
        messages.success(request, _("Attendance recorded; the meeting is open."))
    return redirect("committees:meeting_detail", meeting_id=meeting.pk)


@require_POST
@screen
def meeting_close(request, meeting_id):
    meeting = selectors.access_meeting_by_id(user=request.user, meeting_id=meeting_id)
    if _attempt(request, services.meeting_close, actor=request.user, meeting=meeting):
        messages.success(request, _("The meeting is closed."))
    return redirect("committees:meeting_detail", meeting_id=meeting.pk)


def _item_and_member(request, item_id):
    item = selectors.access_item_by_id(user=request.user, item_id=item_id)
    member = selectors.member_get(committee=item.meeting.committee, member_id=request.POST.get("member"))
    return item, member


@require_POST
@screen
def recusal_declare(request, item_id):
    item, member = _item_and_member(request, item_id)
    reason = request.POST.get("reason", "")
    if _attempt(request, services.recusal_declare, actor=request.user, item=item, member=member, reason=reason):
        messages.success(request, _("Recusal recorded."))
    return redirect(f"{_meeting_url(item)}#item-{item.position}")


@require_POST
@screen
def vote_cast(request, item_id):
    item, member = _item_and_member(request, item_id)
    _attempt(
        request,
        services.vote_cast,
        actor=request.user,
        item=item,
        member=member,
        program=request.POST.get("program", ""),
        choice=request.POST.get("choice", ""),
    )
    return redirect(f"{_meeting_url(item)}#item-{item.position}")


@require_POST
@screen
def item_decide(request, item_id):
    item = selectors.access_item_by_id(user=request.user, item_id=item_id)
    programs = list(item.application.programs.values_list("program", flat=True))
    codes = {p: _codes(request.POST.get(f"reason_codes_{p}", "")) for p in programs}
    texts = {p: request.POST.get(f"justification_{p}", "") for p in programs}
    done = _attempt(
        request,
        services.item_decide,
        actor=request.user,
        item=item,
        reason_codes=codes,
        justifications=texts,
        justification=request.POST.get("justification", ""),
    )
    if done:
        messages.success(request, _("Decision recorded."))
    return redirect(f"{_meeting_url(item)}#item-{item.position}")


def _reason_codes() -> list[tuple[str, str]]:
    """The standard reason codes with their meaning in the active language, for the decision form."""
    lang = active_language()
    return [(code, reason_label(code, lang)) for code in REASON_CODES]


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]


def _meeting_url(item) -> str:
    return reverse("committees:meeting_detail", kwargs={"meeting_id": item.meeting_id})


@require_GET
@screen
def minutes_download(request, meeting_id):
    meeting = selectors.meeting_minutes_read(user=request.user, meeting_id=meeting_id)
    response = HttpResponse(minutes.minutes_pdf(meeting=meeting), content_type="application/pdf")
    name = f"minutes-{meeting.reference}".replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@require_GET
@screen
def deviation_report(request):
    context = {
        "rows": deviation.committee_deviation(user=request.user),
        "min_decisions": deviation.MIN_DECISIONS,
        "min_gap": int(deviation.MIN_GAP * 100),
    }
    return render(request, "committees/deviation.html", context)
