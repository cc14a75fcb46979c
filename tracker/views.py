from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from committees import access
from committees.models import Committee
from committees.roles import manages, officer_required, require_manager
from minutes.models import Decision
from scrutiny.announce import announce
from scrutiny.csp import print_view

from . import exports
from .forms import EntryForm, UpdateForm, tracker_meetings
from .models import Tracker, TrackerEntry
from .papers import render_tracker_html
from .selectors import Row, current_view
from .services import (
    apply_rules,
    change_status,
    create_entry,
    entry_from_decision,
    record_update,
)


def _tracker(slug) -> Tracker:
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    tracker = Tracker.objects.filter(committee=committee).select_related("committee").first()
    if tracker is None:
        raise Http404("This committee has no outcome tracker yet.")
    return tracker


def tracker_detail(request, slug):
    tracker = _tracker(slug)
    view = current_view(tracker, user=request.user)
    if manages(request.user, tracker.committee):
        meetings = list(tracker_meetings(tracker))
        for group in view.groups:
            for row in group.rows:
                row.update_form = _row_form(row.entry, view.legend, meetings)
    return render(request, "tracker/tracker_detail.html", {"view": view, "archive": False})


def _row_form(entry, statuses, meetings, data=None) -> UpdateForm:
    return UpdateForm(
        data, entry=entry, statuses=statuses, meetings=meetings, auto_id=f"entry-{entry.pk}-%s"
    )


def tracker_archive(request, slug):
    tracker = _tracker(slug)
    return render(
        request,
        "tracker/tracker_detail.html",
        {"view": current_view(tracker, user=request.user, archived=True), "archive": True},
    )


@print_view
def tracker_print(request, slug):
    return HttpResponse(render_tracker_html(current_view(_tracker(slug), user=request.user)))


def tracker_csv(request, slug):
    tracker = _tracker(slug)
    response = HttpResponse(
        exports.as_csv(tracker, request.user), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-outcome-tracker.csv"'
    return response


def tracker_xlsx(request, slug):
    tracker = _tracker(slug)
    response = HttpResponse(
        exports.as_xlsx(tracker, request.user),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-outcome-tracker.xlsx"'
    return response


def entry_detail(request, pk):
    """An exempt entry is not found for anyone but officers and the committee's current members."""
    entry = get_object_or_404(
        TrackerEntry.objects.for_display().select_related("tracker__committee", "decision"), pk=pk
    )
    if not access.may_see(request.user, entry):
        raise Http404("No such entry.")
    history = entry.history.select_related("from_status", "to_status", "changed_by")
    return render(
        request,
        "tracker/entry_detail.html",
        {"entry": entry, "history": history, "update_form": UpdateForm(entry=entry)},
    )


@officer_required
def entry_add(request, slug):
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    require_manager(request.user, committee)
    tracker = Tracker.objects.filter(committee=committee).first()
    if tracker is None:
        # Starting a tracker is a change of its own: a GET never writes.
        if request.method == "POST" and "start" in request.POST:
            Tracker.for_committee(committee)
            return redirect("tracker:entry_add", slug)
        return render(request, "tracker/start.html", {"committee": committee})
    form = EntryForm(request.POST or None, tracker=tracker)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "owners"}
        entry = create_entry(
            user=request.user, tracker=tracker, owners=form.cleaned_data["owners"], **data
        )
        messages.success(request, "Entry added to the tracker.")
        return redirect(entry)
    return render(
        request, "tracker/entry_form.html", {"form": form, "tracker": tracker, "entry": None}
    )


@officer_required
def entry_edit(request, pk):
    entry = get_object_or_404(TrackerEntry.objects.select_related("tracker__committee"), pk=pk)
    require_manager(request.user, entry.tracker.committee)
    status_before = entry.status
    form = EntryForm(request.POST or None, instance=entry, tracker=entry.tracker)
    if request.method == "POST" and form.is_valid():
        new_status = form.cleaned_data["status"]
        entry = form.save(commit=False)
        entry.status = status_before
        entry.save()
        form.save_m2m()
        if new_status != status_before:
            change_status(
                entry, new_status, user=request.user, note="Changed when the entry was edited."
            )
        messages.success(request, "Entry saved.")
        return redirect(entry)
    return render(
        request, "tracker/entry_form.html", {"form": form, "tracker": entry.tracker, "entry": entry}
    )


@require_POST
@officer_required
def entry_update(request, pk):
    """Record an update. From a tracker row it comes back to that row: in place with htmx."""
    entry = get_object_or_404(
        TrackerEntry.objects.for_display().select_related("tracker__committee"), pk=pk
    )
    require_manager(request.user, entry.tracker.committee)
    from_row = request.htmx or request.POST.get("next") == "tracker"
    statuses = list(entry.tracker.statuses.all())
    meetings = list(tracker_meetings(entry.tracker))
    form = _row_form(entry, statuses, meetings, request.POST)
    saved = form.is_valid()
    if saved:
        record_update(entry, user=request.user, **form.cleaned_data)
        if request.htmx:
            form = _row_form(entry, statuses, meetings)
        elif from_row:
            messages.success(request, f"Update recorded: {entry.item_title}.")
            return redirect(
                f"{reverse('tracker:detail', args=[entry.tracker.committee.slug])}#entry-{entry.pk}"
            )
        else:
            messages.success(request, "Update recorded.")
            return redirect(entry)
    if request.htmx:
        row = Row(entry=entry, status=entry.status, status_note=entry.status_note, update_form=form)
        response = render(
            request,
            "tracker/includes/tracker_row.html",
            {"row": row, "saved": saved},
        )
        if saved:
            said = f"Update recorded: {entry.item_title} is {entry.status.label}"
        else:
            said = "The update was not recorded: there is a problem with it"
        return announce(response, said)
    history = entry.history.select_related("from_status", "to_status", "changed_by")
    return render(
        request,
        "tracker/entry_detail.html",
        {"entry": entry, "history": history, "update_form": form},
        status=400,
    )


@require_POST
@officer_required
def from_decision(request, decision_pk):
    decision = get_object_or_404(
        Decision.objects.select_related(
            "minute__minutes__meeting__committee", "minute__agenda_item"
        ),
        pk=decision_pk,
    )
    require_manager(request.user, decision.minute.minutes.meeting.committee)
    entry = entry_from_decision(decision, user=request.user)
    messages.success(
        request, "The decision is on the outcome tracker. Add its owners and target meeting."
    )
    return redirect("tracker:entry_edit", entry.pk)


@require_POST
@officer_required
def run_rules(request, slug):
    require_manager(request.user, get_object_or_404(Committee, slug=slug))
    result = apply_rules()
    messages.success(
        request,
        f"{len(result.made_incomplete)} entries marked Incomplete; "
        f"{len(result.archived)} completed entries removed from the tracker.",
    )
    return redirect("tracker:detail", slug)
