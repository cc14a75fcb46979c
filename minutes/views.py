from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from committees import access
from committees.models import Person
from committees.roles import officer_required, require_manager
from meetings.models import Meeting
from scrutiny.announce import announce
from scrutiny.csp import print_view

from . import services
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
    PublicSpeaker,
)
from .papers import render_printed_html
from .selectors import PrintedMinutes, member_rows, minutes_for_print


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
    """
    Save a valid form of the minutes' details or of a minute; on approved minutes only as a
    recorded correction. What the services refuse (approved since the page was read, say)
    is said on the form, with everything typed kept.
    """
    try:
        if locked:
            original = type(form.instance).objects.get(pk=form.instance.pk)
            services.record_correction(
                original,
                user=request.user,
                reason=form.cleaned_data["correction_reason"],
                changes={
                    name: form.cleaned_data[name]
                    for name in form.changed_data
                    if name != "correction_reason"
                },
            )
        elif isinstance(form.instance, Minutes):
            services.save_details(
                form.instance, {name: form.cleaned_data[name] for name in form.Meta.fields}
            )
        else:
            services.save_part(form.save(commit=False))
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


def _minutes_for_officer(request, meeting_pk) -> Minutes:
    """The meeting's minutes, if this officer runs its committee's council (403, then 404)."""
    meeting = _meeting_for_officer(request, meeting_pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    minutes.meeting = meeting
    return minutes


# The minutes editor: one page (minutes_edit) whose forms each post to a view of their own.
# A refused form comes back on the page with its errors (the others empty); a saved one
# redirects to the page, as does a step the minutes refuse (said in a message).


def _editor_form(name: str, minutes: Minutes, data=None):
    meeting = minutes.meeting
    # Prefixed, so that no two fields on the page share an id ("heading", "person", "name").
    if name == "minutes_form":
        return MinutesForm(data, instance=minutes, locked=minutes.is_locked, prefix="details")
    if name == "attendance_form":
        return AttendanceForm(
            data,
            instance=AttendanceEntry(minutes=minutes),
            people=_people_for(meeting),
            prefix="other",
        )
    if name == "declaration_form":
        return DeclarationForm(
            data,
            instance=Declaration(minutes=minutes),
            minutes=minutes,
            people=_people_for(meeting),
            prefix="declaration",
        )
    if name == "minute_form":
        number, paragraph = minutes.next_number()
        return MinuteForm(
            data,
            instance=Minute(minutes=minutes),
            initial={"number": number, "paragraph": paragraph},
            meeting=meeting,
            button="Add minute",
            action="add_minute",
        )
    if name == "approve_form":
        return ApproveForm(data, meetings=_later_meetings(minutes), prefix="approval")
    raise ValueError(name)


EDITOR_FORMS = (
    "minutes_form",
    "attendance_form",
    "declaration_form",
    "minute_form",
    "approve_form",
)


def _editor_page(request, minutes: Minutes, failed=None, failed_as: str = ""):
    """The minutes editor, with `failed` (the form called `failed_as`) shown with its errors."""
    meeting = minutes.meeting
    forms = {
        name: failed if name == failed_as else _editor_form(name, minutes) for name in EDITOR_FORMS
    }
    printed = minutes_for_print(
        minutes, sees_exempt=access.sees_exempt(request.user, meeting.committee)
    )
    return render(
        request,
        "minutes/minutes_edit.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "failed_form": failed,
            "listed": minutes.attendance.filter(
                status=AttendanceEntry.Status.LISTED, substitute_of=None
            ).select_related("person"),
            "declarations": minutes.declarations.select_related("person"),
            "printed": printed,
            "not_recorded": sum(
                entry.status == AttendanceEntry.Status.NOT_RECORDED
                for entry in printed.minutes.attendance.all()
            ),
            "locked": minutes.is_locked,
            **forms,
        },
    )


def _saved(request, minutes: Minutes):
    messages.success(request, "Saved.")
    return redirect("minutes:edit", minutes.meeting_id)


def _refused(request, minutes: Minutes, error: ValidationError):
    messages.error(request, " ".join(error.messages))
    return redirect("minutes:edit", minutes.meeting_id)


@require_safe
@officer_required
def minutes_edit(request, meeting_pk):
    """The minutes editor; before the minutes are started, what starting them will add."""
    meeting = _meeting_for_officer(request, meeting_pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None:
        minutes.meeting = meeting
        return _editor_page(request, minutes)
    seats = list(services.seats_on_the_day(meeting))
    for seat in seats:
        seat.committee = meeting.committee  # for its role as this council prints it
    items = services.items_in_agenda_order(meeting)
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


@require_POST
@officer_required
def minutes_start(request, meeting_pk):
    meeting = _meeting_for_officer(request, meeting_pk)
    # Started already (a second press, or another officer first): nothing is added.
    minutes, created = services.start_minutes(meeting)
    if not created:
        messages.info(request, ALREADY_STARTED)
        return redirect("minutes:edit", meeting.pk)
    messages.success(
        request,
        "Minutes started from the agenda and the committee's members on the day. "
        "Record who attended.",
    )
    return redirect("minutes:attendance", meeting.pk)


@require_POST
@officer_required
def minutes_save_details(request, meeting_pk):
    """The heading, venue and end time; once approved, only with a reason (a correction)."""
    minutes = _minutes_for_officer(request, meeting_pk)
    form = _editor_form("minutes_form", minutes, request.POST)
    if form.is_valid() and _save_or_correct(request, form, minutes.is_locked):
        return _saved(request, minutes)
    return _editor_page(request, minutes, form, "minutes_form")


def _add_from(request, minutes: Minutes, name: str):
    """Add the part the editor's form `name` describes, or show the form with its errors."""
    form = _editor_form(name, minutes, request.POST)
    if form.is_valid():
        try:
            services.add_part(form.save(commit=False))
        except ValidationError as error:
            return _refused(request, minutes, error)
        return _saved(request, minutes)
    return _editor_page(request, minutes, form, name)


@require_POST
@officer_required
def attendance_add(request, meeting_pk):
    """Someone listed by hand (an officer, another councillor), after everyone listed."""
    return _add_from(request, _minutes_for_officer(request, meeting_pk), "attendance_form")


@require_POST
@officer_required
def declaration_add(request, meeting_pk):
    return _add_from(request, _minutes_for_officer(request, meeting_pk), "declaration_form")


@require_POST
@officer_required
def minute_add(request, meeting_pk):
    return _add_from(request, _minutes_for_officer(request, meeting_pk), "minute_form")


@require_POST
@officer_required
def minutes_publish(request, meeting_pk):
    minutes = _minutes_for_officer(request, meeting_pk)
    try:
        services.publish_minutes(minutes)
    except ValidationError as error:
        return _refused(request, minutes, error)
    return _saved(request, minutes)


@require_POST
@officer_required
def minutes_approve(request, meeting_pk):
    minutes = _minutes_for_officer(request, meeting_pk)
    form = _editor_form("approve_form", minutes, request.POST)
    if not form.is_valid():
        return _editor_page(request, minutes, form, "approve_form")
    try:
        services.approve_minutes(
            minutes, form.cleaned_data["at_meeting"], form.cleaned_data["approved_on"]
        )
    except ValidationError as error:
        return _refused(request, minutes, error)
    return _saved(request, minutes)


@require_POST
@officer_required
def minutes_finalise(request, meeting_pk):
    minutes = _minutes_for_officer(request, meeting_pk)
    try:
        services.finalise_minutes(minutes)
    except ValidationError as error:
        return _refused(request, minutes, error)
    return _saved(request, minutes)


@officer_required
def minutes_attendance(request, meeting_pk):
    """
    Who attended, in one form: each member on the day as present, apologies, substitute
    (and who) or absent, saved in one POST. Without JavaScript it is the same form.
    """
    minutes = _minutes_for_officer(request, meeting_pk)
    meeting = minutes.meeting
    locked = minutes.is_locked
    if request.method == "POST" and locked:
        messages.error(request, LOCKED_MESSAGE)
        return redirect("minutes:attendance", meeting.pk)

    rows = member_rows(minutes)
    formset = AttendanceFormSet(
        request.POST if request.method == "POST" else None, entries=rows, prefix="attendance"
    )
    if formset.is_bound and formset.is_valid():
        try:
            services.record_attendance(minutes, formset.answers())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("minutes:attendance", meeting.pk)
        messages.success(request, "Attendance saved.")
        return redirect("minutes:edit", meeting.pk)

    missing, _ = services.seats_not_listed(minutes) if not locked else ([], 0)
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


@require_POST
@officer_required
def attendance_add_missing(request, meeting_pk):
    """A row for each member on the day who joined after the minutes were started."""
    minutes = _minutes_for_officer(request, meeting_pk)
    try:
        added = services.add_members_on_the_day(minutes)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("minutes:attendance", minutes.meeting_id)
    messages.success(request, f"{len(added)} member{'s' if len(added) != 1 else ''} added.")
    return redirect("minutes:attendance", minutes.meeting_id)


# A minute's page: its own form, and a form for each kind of thing recorded under it, each
# posting to a view of its own. Comments and decisions are added in place with htmx: the
# section is sent back, with the form empty again or with its errors.

CHILD_FORMS = {"comment": CommentForm, "decision": DecisionForm, "speaker": SpeakerForm}
IN_PLACE = {
    "comment": "minutes/includes/minute_comments.html",
    "decision": "minutes/includes/minute_decisions.html",
}
IN_PLACE_SAID = {"comment": "Comment added", "decision": "Decision added"}


def _child_form(kind, minute, data=None):
    form_class = CHILD_FORMS[kind]
    return form_class(data, instance=form_class.Meta.model(minute=minute))


def _minute_for_officer(request, pk) -> Minute:
    minute = get_object_or_404(
        Minute.objects.select_related(
            "minutes__meeting__committee__council", "agenda_item__parent"
        ),
        pk=pk,
    )
    require_manager(request.user, minute.minutes.meeting.committee)
    return minute


def _minute_context(minute, *, minute_form=None, child_forms=None, failed=None, saved=None):
    minutes = minute.minutes
    locked = minutes.is_locked
    forms = {kind: _child_form(kind, minute) for kind in CHILD_FORMS} | (child_forms or {})
    return {
        "minute": minute,
        "minutes": minutes,
        "failed_form": failed,
        "locked": locked,
        "saved": saved,
        "minute_form": minute_form
        or MinuteForm(instance=minute, meeting=minutes.meeting, locked=locked),
        "comment_form": forms["comment"],
        "decision_form": forms["decision"],
        "speaker_form": forms["speaker"],
        "comments": minute.comments.all(),
        "decisions": minute.decisions.all(),
        "speakers": minute.speakers.all(),
    }


@require_safe
@officer_required
def minute_edit(request, pk):
    minute = _minute_for_officer(request, pk)
    return render(request, "minutes/minute_edit.html", _minute_context(minute))


@require_POST
@officer_required
def minute_save(request, pk):
    """The minute's own text; once approved, only with a reason (a correction)."""
    minute = _minute_for_officer(request, pk)
    minutes = minute.minutes
    form = MinuteForm(
        request.POST, instance=minute, meeting=minutes.meeting, locked=minutes.is_locked
    )
    if form.is_valid() and _save_or_correct(request, form, minutes.is_locked):
        messages.success(request, "Saved.")
        return redirect("minutes:minute", minute.pk)
    context = _minute_context(minute, minute_form=form, failed=form)
    return render(request, "minutes/minute_edit.html", context)


@require_POST
@officer_required
def minute_child_add(request, pk, kind):
    """A comment, decision or public speaker, after those the minute has."""
    minute = _minute_for_officer(request, pk)
    form = _child_form(kind, minute, request.POST)
    in_place = bool(request.htmx) and kind in IN_PLACE
    saved = False
    if form.is_valid():
        try:
            services.add_part(form.save(commit=False))
            saved = True
        except ValidationError as error:
            if not in_place:
                messages.error(request, " ".join(error.messages))
                return redirect("minutes:minute", minute.pk)
            form.add_error(None, error)
    if saved and not in_place:
        messages.success(request, "Saved.")
        return redirect("minutes:minute", minute.pk)
    if saved:
        form = _child_form(kind, minute)
    context = _minute_context(
        minute,
        child_forms={kind: form},
        failed=form if form.errors else None,
        saved=f"add_{kind}" if saved else None,
    )
    if in_place:
        said = IN_PLACE_SAID[kind] if saved else "Not added: there is a problem with it"
        return announce(render(request, IN_PLACE[kind], context), said)
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
        services.remove_part(part)
        messages.success(request, "Removed.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if kind in ("comment", "decision", "speaker"):
        return redirect("minutes:minute", part.minute_id)
    return redirect("minutes:edit", minutes.meeting_id)
