from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from committees import access
from committees.models import Person
from committees.roles import officer_required, require_manager
from meetings.models import Meeting
from scrutiny.announce import announce
from scrutiny.csp import print_view

from .forms import (
    ApproveForm,
    AttendanceForm,
    AttendanceFormSet,
    CommentForm,
    DecisionForm,
    DeclarationForm,
    MinuteForm,
    MinutesForm,
    SpeakerForm,
)
from .models import (
    LOCKED_MESSAGE,
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
from .selectors import PrintedMinutes, member_rows, minutes_for_print
from .services import (
    add_members_on_the_day,
    items_in_agenda_order,
    record_attendance,
    record_correction,
    seats_not_listed,
    seats_on_the_day,
    start_minutes,
)


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


@print_view
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


ALREADY_STARTED = "These minutes were started already; here they are."


def _meeting_for_officer(request, meeting_pk) -> Meeting:
    """The meeting, if this officer runs its committee's council (403 if not)."""
    meeting = get_object_or_404(Meeting.objects.with_committee(), pk=meeting_pk)
    require_manager(request.user, meeting.committee)
    return meeting


@officer_required
def minutes_edit(request, meeting_pk):
    meeting = _meeting_for_officer(request, meeting_pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    action = request.POST.get("action") if request.method == "POST" else None
    if minutes is None:
        if request.method == "POST" and action in (None, "start"):
            minutes, created = start_minutes(meeting)
            if created:
                messages.success(
                    request,
                    "Minutes started from the agenda and the committee's members on the day. "
                    "Record who attended.",
                )
                return redirect("minutes:attendance", meeting.pk)
            messages.info(request, ALREADY_STARTED)
            return redirect("minutes:edit", meeting.pk)
        seats = list(seats_on_the_day(meeting))
        for seat in seats:
            seat.committee = meeting.committee  # for its role as this council prints it
        items = items_in_agenda_order(meeting)
        return render(
            request,
            "minutes/minutes_start.html",
            {
                "meeting": meeting,
                "seats": seats,
                "items": items,
                "sub_parts": sum(len(parts) for _, parts in items),
            },
        )
    if request.method == "POST" and action in (None, "start"):
        # Started already (a second press, or another officer first): nothing is added.
        messages.info(request, ALREADY_STARTED)
        return redirect("minutes:edit", meeting.pk)

    locked = minutes.is_locked
    people = _people_for(meeting)
    data = request.POST if request.method == "POST" else None

    # Prefixed, so that no two fields on the page share an id ("heading", "person", "name").
    minutes_form = MinutesForm(
        data if action == "save_minutes" else None,
        instance=minutes,
        locked=locked,
        prefix="details",
    )
    attendance_form = AttendanceForm(
        data if action == "add_attendance" else None,
        instance=AttendanceEntry(minutes=minutes),
        people=people,
        prefix="other",
    )
    declaration_form = DeclarationForm(
        data if action == "add_declaration" else None,
        instance=Declaration(minutes=minutes),
        minutes=minutes,
        people=people,
        prefix="declaration",
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
        data if action == "approve" else None,
        meetings=_later_meetings(minutes),
        prefix="approval",
    )

    if action:
        done = False
        try:
            if action == "save_minutes" and minutes_form.is_valid():
                done = _save_or_correct(request, minutes_form, locked)
            elif action == "add_attendance" and attendance_form.is_valid():
                attendance_form.instance.position = _next_position(minutes)
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

    printed = minutes_for_print(
        minutes, sees_exempt=access.sees_exempt(request.user, meeting.committee)
    )
    forms_sent = {
        "save_minutes": minutes_form,
        "add_attendance": attendance_form,
        "add_declaration": declaration_form,
        "add_minute": minute_form,
        "approve": approve_form,
    }
    return render(
        request,
        "minutes/minutes_edit.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "failed_form": forms_sent.get(action),
            "listed": minutes.attendance.filter(
                status=AttendanceEntry.Status.LISTED, substitute_of=None
            ).select_related("person"),
            "declarations": minutes.declarations.select_related("person"),
            "printed": printed,
            "not_recorded": sum(
                entry.status == AttendanceEntry.Status.NOT_RECORDED
                for entry in printed.minutes.attendance.all()
            ),
            "locked": locked,
            "minutes_form": minutes_form,
            "attendance_form": attendance_form,
            "declaration_form": declaration_form,
            "minute_form": minute_form,
            "approve_form": approve_form,
        },
    )


def _next_position(minutes) -> int:
    """After everyone listed so far."""
    last = minutes.attendance.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


@officer_required
def minutes_attendance(request, meeting_pk):
    """
    Who attended, in one form: each member on the day as present, apologies, substitute
    (and who) or absent, saved in one POST. Without JavaScript it is the same form.
    """
    meeting = _meeting_for_officer(request, meeting_pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    minutes.meeting = meeting
    locked = minutes.is_locked
    action = request.POST.get("action") if request.method == "POST" else None
    if action and locked:
        messages.error(request, LOCKED_MESSAGE)
        return redirect("minutes:attendance", meeting.pk)
    if action == "add_missing":
        added = add_members_on_the_day(minutes)
        messages.success(request, f"{len(added)} member{'s' if len(added) != 1 else ''} added.")
        return redirect("minutes:attendance", meeting.pk)

    rows = member_rows(minutes)
    formset = AttendanceFormSet(
        request.POST if action == "save_attendance" else None, entries=rows, prefix="attendance"
    )
    if action == "save_attendance" and formset.is_valid():
        try:
            record_attendance(minutes, formset.answers())
        except MinutesLocked as error:
            messages.error(request, " ".join(error.messages))
            return redirect("minutes:attendance", meeting.pk)
        messages.success(request, "Attendance saved.")
        return redirect("minutes:edit", meeting.pk)

    missing, _ = seats_not_listed(minutes) if not locked else ([], 0)
    first_field_id = formset.forms[0].first_radio_id if formset.forms else "main-content"
    errors = [
        {"href": f"#{target or first_field_id}", "text": message}
        for target, message in (formset.error_list() if formset.is_bound else [])
    ]
    return render(
        request,
        "minutes/minutes_attendance.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "locked": locked,
            "formset": formset,
            "errors": errors,
            "missing": missing,
            "printed": minutes_for_print(minutes, sees_exempt=False) if locked else None,
        },
    )


CHILD_FORMS = {"add_comment": CommentForm, "add_decision": DecisionForm, "add_speaker": SpeakerForm}
# Comments and decisions are added in place with htmx with htmx: the section that is sent back.
IN_PLACE = {
    "add_comment": "minutes/includes/minute_comments.html",
    "add_decision": "minutes/includes/minute_decisions.html",
}
IN_PLACE_SAID = {"add_comment": "Comment added", "add_decision": "Decision added"}


def _child_form(name, minute, data=None):
    form_class = CHILD_FORMS[name]
    return form_class(data, instance=form_class.Meta.model(minute=minute))


@officer_required
def minute_edit(request, pk):
    minute = get_object_or_404(
        Minute.objects.select_related(
            "minutes__meeting__committee__council", "agenda_item__parent"
        ),
        pk=pk,
    )
    minutes = minute.minutes
    require_manager(request.user, minutes.meeting.committee)
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
    sent = minute_form if action == "save_minute" else child_forms.get(action)
    context = {
        "minute": minute,
        "minutes": minutes,
        "failed_form": sent if sent is not None and sent.errors else None,
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
        said = IN_PLACE_SAID[action] if saved else "Not added: there is a problem with it"
        return announce(render(request, IN_PLACE[action], context), said)
    return render(request, "minutes/minute_edit.html", context)


PART_MODELS = {
    "attendance": AttendanceEntry,
    "declaration": Declaration,
    "minute": Minute,
    "comment": Comment,
    "decision": Decision,
    "speaker": PublicSpeaker,
}


@officer_required
def part_delete(request, kind, pk):
    model = PART_MODELS.get(kind)
    if model is None:
        raise Http404("Nothing of that kind.")
    part = get_object_or_404(model, pk=pk)
    minutes = part.owning_minutes()
    # Another council's officer is refused before anything else is said, even for a GET.
    require_manager(request.user, minutes.meeting.committee)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        part.delete()
        messages.success(request, "Removed.")
    except MinutesLocked as error:
        messages.error(request, " ".join(error.messages))
    if kind in ("comment", "decision", "speaker"):
        return redirect("minutes:minute", part.minute_id)
    return redirect("minutes:edit", minutes.meeting_id)
