from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from committees import access
from committees.models import Person
from committees.roles import officer_required
from meetings.models import Meeting

from .forms import (
    ApproveForm,
    AttendanceForm,
    CommentForm,
    DecisionForm,
    DeclarationForm,
    MinuteForm,
    MinutesForm,
    SpeakerForm,
)
from .models import (
    AttendanceEntry,
    Comment,
    Decision,
    Declaration,
    Minute,
    Minutes,
    MinutesLocked,
    PublicSpeaker,
)
from .papers import render_printed_html
from .selectors import PrintedMinutes, minutes_for_print
from .services import record_correction


def _minutes_for_viewer(request, meeting_pk) -> Minutes:
    minutes = get_object_or_404(
        Minutes.objects.select_related("meeting__committee__council"), meeting_id=meeting_pk
    )
    if not access.may_see(request.user, minutes):
        raise Http404("These minutes are not published yet.")
    return minutes


def _printed_for_viewer(request, meeting_pk) -> PrintedMinutes:
    """The minutes as this person may read them: exempt minutes only for those who see them."""
    minutes = _minutes_for_viewer(request, meeting_pk)
    sees_exempt = access.sees_exempt(request.user, minutes.meeting.committee)
    return minutes_for_print(minutes, sees_exempt=sees_exempt)


def _keep_private(response, printed: PrintedMinutes):
    """Exempt text is never kept by a shared cache or left in the browser's."""
    if printed.holds_exempt_text:
        response["Cache-Control"] = "private, no-store"
    return response


def minutes_detail(request, meeting_pk):
    printed = _printed_for_viewer(request, meeting_pk)
    response = render(
        request, "minutes/minutes_detail.html", {"printed": printed, "show_status": False}
    )
    return _keep_private(response, printed)


def minutes_print(request, meeting_pk):
    printed = _printed_for_viewer(request, meeting_pk)
    return _keep_private(HttpResponse(render_printed_html(printed, show_status=True)), printed)


def minutes_pdf(request, meeting_pk):
    """
    Rendered once per version of the minutes: the packs' part cache is keyed by the HTML, so
    the public form and the full form (with exempt minutes) are different entries.
    """
    from packs.builder import html_part

    printed = _printed_for_viewer(request, meeting_pk)
    path, _, _ = html_part(render_printed_html(printed, show_status=True))
    response = FileResponse(
        path.open("rb"),
        content_type="application/pdf",
        filename=f"minutes-{printed.minutes.meeting.date}.pdf",
        as_attachment=False,
    )
    return _keep_private(response, printed)


def _people_for(meeting):
    return Person.objects.filter(memberships__committee=meeting.committee).distinct()


def _later_meetings(minutes):
    """Meetings that may approve these minutes: later ones of this committee or its successors."""
    committee = minutes.meeting.committee
    return (
        Meeting.objects.filter(date__gt=minutes.meeting.date)
        .filter(committee__in=[committee, *committee.successors.all()])
        .select_related("committee")
    )


def _save_or_correct(request, form, locked: bool) -> bool:
    """Save a valid form; on approved minutes only as a recorded correction."""
    try:
        if locked:
            original = type(form.instance).objects.get(pk=form.instance.pk)
            record_correction(
                original,
                user=request.user,
                reason=form.cleaned_data["correction_reason"],
                changes={
                    name: form.cleaned_data[name]
                    for name in form.changed_data
                    if name != "correction_reason"
                },
            )
        else:
            form.save()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@officer_required
def minutes_edit(request, meeting_pk):
    meeting = get_object_or_404(Meeting.objects.with_committee(), pk=meeting_pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        if request.method == "POST":
            minutes = Minutes.objects.create(meeting=meeting, end_time=meeting.end_time)
            messages.success(request, "Minutes started.")
            return redirect("minutes:edit", meeting.pk)
        return render(request, "minutes/minutes_start.html", {"meeting": meeting})

    locked = minutes.is_locked
    people = _people_for(meeting)
    action = request.POST.get("action") if request.method == "POST" else None
    data = request.POST if request.method == "POST" else None

    minutes_form = MinutesForm(
        data if action == "save_minutes" else None, instance=minutes, locked=locked
    )
    attendance_form = AttendanceForm(
        data if action == "add_attendance" else None,
        instance=AttendanceEntry(minutes=minutes),
        people=people,
    )
    declaration_form = DeclarationForm(
        data if action == "add_declaration" else None,
        instance=Declaration(minutes=minutes),
        minutes=minutes,
        people=people,
    )
    number, paragraph = minutes.next_number()
    minute_form = MinuteForm(
        data if action == "add_minute" else None,
        instance=Minute(minutes=minutes),
        initial={"number": number, "paragraph": paragraph},
        meeting=meeting,
        button="Add minute",
        action="add_minute",
    )
    approve_form = ApproveForm(
        data if action == "approve" else None, meetings=_later_meetings(minutes)
    )

    if action:
        done = False
        try:
            if action == "save_minutes" and minutes_form.is_valid():
                done = _save_or_correct(request, minutes_form, locked)
            elif action == "add_attendance" and attendance_form.is_valid():
                attendance_form.instance.position = minutes.attendance.count() + 1
                done = bool(attendance_form.save())
            elif action == "add_declaration" and declaration_form.is_valid():
                done = bool(declaration_form.save())
            elif action == "add_minute" and minute_form.is_valid():
                done = bool(minute_form.save())
            elif action == "publish":
                minutes.publish()
                done = True
            elif action == "approve" and approve_form.is_valid():
                minutes.approve(
                    approve_form.cleaned_data["at_meeting"],
                    approve_form.cleaned_data["approved_on"],
                )
                done = True
            elif action == "finalise":
                minutes.finalise()
                done = True
        except (MinutesLocked, ValidationError) as error:
            messages.error(request, " ".join(error.messages))
            return redirect("minutes:edit", meeting.pk)
        if done:
            messages.success(request, "Saved.")
            return redirect("minutes:edit", meeting.pk)

    return render(
        request,
        "minutes/minutes_edit.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "printed": minutes_for_print(
                minutes, sees_exempt=access.sees_exempt(request.user, meeting.committee)
            ),
            "locked": locked,
            "minutes_form": minutes_form,
            "attendance_form": attendance_form,
            "declaration_form": declaration_form,
            "minute_form": minute_form,
            "approve_form": approve_form,
        },
    )


CHILD_FORMS = {"add_comment": CommentForm, "add_decision": DecisionForm, "add_speaker": SpeakerForm}
# Comments and decisions are added in place with htmx with htmx: the section that is sent back.
IN_PLACE = {
    "add_comment": "minutes/includes/minute_comments.html",
    "add_decision": "minutes/includes/minute_decisions.html",
}


def _child_form(name, minute, data=None):
    form_class = CHILD_FORMS[name]
    return form_class(data, instance=form_class.Meta.model(minute=minute))


@officer_required
def minute_edit(request, pk):
    minute = get_object_or_404(
        Minute.objects.select_related("minutes__meeting__committee", "agenda_item__parent"),
        pk=pk,
    )
    minutes = minute.minutes
    locked = minutes.is_locked
    action = request.POST.get("action") if request.method == "POST" else None
    data = request.POST if request.method == "POST" else None
    minute_form = MinuteForm(
        data if action == "save_minute" else None,
        instance=minute,
        meeting=minutes.meeting,
        locked=locked,
    )
    child_forms = {
        name: _child_form(name, minute, data if action == name else None) for name in CHILD_FORMS
    }
    in_place = bool(request.htmx) and action in IN_PLACE
    saved = None
    if action:
        try:
            if action == "save_minute" and minute_form.is_valid():
                saved = action if _save_or_correct(request, minute_form, locked) else None
            elif action in child_forms and child_forms[action].is_valid():
                form = child_forms[action]
                form.instance.position = (
                    form.instance.__class__.objects.filter(minute=minute).count() + 1
                )
                form.save()
                saved = action
        except MinutesLocked as error:
            if not in_place:
                messages.error(request, " ".join(error.messages))
                return redirect("minutes:minute", minute.pk)
            child_forms[action].add_error(None, error)
        if saved and not in_place:
            messages.success(request, "Saved.")
            return redirect("minutes:minute", minute.pk)
        if saved:
            child_forms[action] = _child_form(action, minute)
    context = {
        "minute": minute,
        "minutes": minutes,
        "minute_url": reverse("minutes:minute", args=[minute.pk]),
        "locked": locked,
        "saved": saved,
        "minute_form": minute_form,
        "comment_form": child_forms["add_comment"],
        "decision_form": child_forms["add_decision"],
        "speaker_form": child_forms["add_speaker"],
        "comments": minute.comments.all(),
        "decisions": minute.decisions.all(),
        "speakers": minute.speakers.all(),
    }
    if in_place:
        return render(request, IN_PLACE[action], context)
    return render(request, "minutes/minute_edit.html", context)


PART_MODELS = {
    "attendance": AttendanceEntry,
    "declaration": Declaration,
    "minute": Minute,
    "comment": Comment,
    "decision": Decision,
    "speaker": PublicSpeaker,
}


@require_POST
@officer_required
def part_delete(request, kind, pk):
    model = PART_MODELS.get(kind)
    if model is None:
        raise Http404("Nothing of that kind.")
    part = get_object_or_404(model, pk=pk)
    minutes = part.owning_minutes()
    try:
        part.delete()
        messages.success(request, "Removed.")
    except MinutesLocked as error:
        messages.error(request, " ".join(error.messages))
    if kind in ("comment", "decision", "speaker"):
        return redirect("minutes:minute", part.minute_id)
    return redirect("minutes:edit", minutes.meeting_id)
