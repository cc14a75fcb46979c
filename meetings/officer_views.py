"""
Pages where democratic services officers prepare meetings. Every view here is
for officers only, and every change goes through meetings.services.

Actions that htmx sends (move, reorder) are ordinary form POSTs too: without
JavaScript they redirect back to the agenda; with htmx they return the agenda
list to swap in place.
"""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from committees.formatting import plain_date
from committees.models import Committee
from committees.roles import officer_required, require_manager
from scrutiny.announce import announce

from . import forms, selectors, services
from .models import AgendaItem, Document, Meeting, MeetingChange, StandardItem
from .uploads import UNTAGGED_WARNING


def _agenda_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("manage:agenda", args=[meeting.pk])
    return f"{url}#{anchor}" if anchor else url


def _with_revision(data, revision: int):
    """The officer's own input, ready to be saved over the newer revision if they choose."""
    data = data.copy()
    data["revision"] = str(revision)
    return data


def _loaded_revision(form) -> int | None:
    return form.cleaned_data.get("revision")


def _save_edit(request, form_class, load, save):
    """
    The one stale-edit mechanism of the edit forms: bind the form to a fresh copy (a form
    changes its instance while it validates, and the service compares with what is stored),
    save, and when someone else changed the same thing meanwhile, keep the officer's input,
    show what changed and offer "Save anyway" (at the newer revision).
    Returns (form, stale changes or None, saved).
    """
    form = form_class(request.POST, instance=load())
    if not form.is_valid():
        return form, None, False
    try:
        save(load(), form.cleaned_data, _loaded_revision(form))
    except services.StaleEdit as exc:
        form = form_class(_with_revision(request.POST, exc.current_revision), instance=load())
        form.is_valid()
        forms.offer_save_anyway(form)
        return form, exc.changes, False
    return form, None, True


# The loaders every officer view uses: an officer of another council is refused here.


def _meeting_for_edit(user, pk):
    meeting = get_object_or_404(Meeting.objects.with_committee(), pk=pk)
    require_manager(user, meeting.committee)
    return meeting


def _item_for_edit(user, pk):
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__committee__council", "parent"), pk=pk
    )
    require_manager(user, item.meeting.committee)
    return item


def _document_for_edit(user, pk):
    document = get_object_or_404(
        Document.objects.current().select_related(
            "meeting__committee__council", "agenda_item__parent"
        ),
        pk=pk,
    )
    require_manager(user, document.meeting.committee)
    return document


def _committee_for_edit(user, slug):
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    require_manager(user, committee)
    return committee


def _standard_item_for_edit(user, pk):
    item = get_object_or_404(StandardItem.objects.select_related("committee"), pk=pk)
    require_manager(user, item.committee)
    return item


# Dashboard and meetings


@officer_required
def meeting_create(request):
    form = forms.MeetingCreateForm(
        request.POST or None, initial=request.GET.dict(), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = services.create_meeting(
            data["committee"],
            date=data["date"],
            start_time=data["start_time"],
            venue=data["venue"] or None,
            with_standard_items=data["with_standard_items"],
            user=request.user,
        )
        messages.success(request, f"The meeting on {plain_date(meeting.date)} has been created.")
        return redirect(_agenda_url(meeting))
    return render(
        request, "meetings/manage/form_page.html", {"form": form, "title": "Create a meeting"}
    )


@officer_required
def meeting_series(request):
    form = forms.MeetingSeriesForm(
        request.POST or None, initial=request.GET.dict(), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meetings = services.create_series(
            data["committee"],
            data["dates"],
            start_time=data["start_time"],
            venue=data["venue"] or None,
            user=request.user,
        )
        messages.success(
            request, f"{len(meetings)} meetings of {data['committee'].name} have been created."
        )
        return redirect("manage:dashboard")
    return render(
        request,
        "meetings/manage/form_page.html",
        {"form": form, "title": "Create a series of meetings"},
    )


def _agenda_context(meeting: Meeting) -> dict:
    """The agenda for editing, with papers: a fixed number of queries however long it is."""
    tree = selectors.agenda_tree(
        meeting, items=AgendaItem.objects.select_related("deferred_to", "deferred_from__meeting")
    )
    for item in tree.items:
        for each in [item, *item.children]:
            each.current_papers = tree.papers(each)
    annexes = tree.annexes
    papers = [paper for item_papers in tree.papers_by_item.values() for paper in item_papers]
    return {
        "meeting": meeting,
        "items": tree.items,
        "annexes": annexes,
        "untagged_papers": sum(paper.is_untagged_upload for paper in papers),
    }


@officer_required
def agenda(request, pk):
    meeting = _meeting_for_edit(request.user, pk)
    return render(request, "meetings/manage/agenda.html", _agenda_context(meeting))


def _redirect(request, url: str):
    """After an in-place (htmx) edit, the browser loads the agenda; otherwise a plain redirect."""
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


def _confirm(request, meeting: Meeting, *, title: str, question: str, button: str):
    """Ask before deleting; the meeting's history keeps a record either way."""
    context = {
        "meeting": meeting,
        "title": title,
        "question": f"{question} The history of the meeting keeps a record of it.",
        "button": button,
    }
    return render(request, "meetings/manage/confirm.html", context)


def _direction(request) -> str | None:
    direction = request.POST.get("direction")
    return direction if direction in ("up", "down") else None


def _agenda_response(request, meeting: Meeting, anchor: str = "agenda-items", said: str = ""):
    """The agenda again: in place for htmx, saying `said` to a screen reader; else a redirect."""
    if request.htmx:
        meeting.refresh_from_db(fields=["revision"])
        response = render(request, "meetings/manage/_agenda_items.html", _agenda_context(meeting))
        return announce(response, said)
    return redirect(_agenda_url(meeting, anchor))


@officer_required
def meeting_edit(request, pk):
    meeting = _meeting_for_edit(request.user, pk)
    stale = None
    if request.method == "POST":

        def save(current, data, loaded_revision):
            services.update_meeting(
                current, data, user=request.user, loaded_revision=loaded_revision
            )

        form, stale, saved = _save_edit(
            request, forms.MeetingForm, lambda: _meeting_for_edit(request.user, pk), save
        )
        if saved:
            messages.success(request, "The meeting's details have been saved.")
            return redirect(_agenda_url(meeting))
    else:
        form = forms.MeetingForm(instance=meeting, initial={"revision": meeting.revision})
    return render(
        request,
        "meetings/manage/form_page.html",
        {
            "meeting": meeting,
            "form": form,
            "stale": stale,
            "title": "Meeting details",
        },
    )


@officer_required
def meeting_history(request, pk):
    meeting = _meeting_for_edit(request.user, pk)
    changes = MeetingChange.objects.filter(meeting=meeting).select_related("user")
    return render(request, "meetings/manage/history.html", {"meeting": meeting, "changes": changes})


# Agenda items


@officer_required
def item_add(request, pk):
    meeting = _meeting_for_edit(request.user, pk)
    parent = None
    parent_id = request.POST.get("parent") or request.GET.get("parent")
    if parent_id:
        parent = get_object_or_404(AgendaItem, pk=parent_id, meeting=meeting, parent__isnull=True)
    form = forms.AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = services.add_item(meeting, form.cleaned_data, user=request.user, parent=parent)
        messages.success(request, f"Item {item.label} “{item.title}” has been added.")
        return redirect(_agenda_url(meeting, f"item-{item.pk}"))
    title = f"Add a sub-part to item {parent.label}" if parent else "Add an agenda item"
    return render(
        request,
        "meetings/manage/form_page.html",
        {"meeting": meeting, "form": form, "title": title, "parent": parent},
    )


@officer_required
def item_edit(request, pk):
    item = _item_for_edit(request.user, pk)
    meeting = item.meeting
    stale = None
    if request.method == "POST":

        def save(current, data, loaded_revision):
            services.update_item(current, data, user=request.user, loaded_revision=loaded_revision)

        form, stale, saved = _save_edit(
            request, forms.AgendaItemForm, lambda: _item_for_edit(request.user, pk), save
        )
        if saved:
            messages.success(request, f"Item {item.label} has been saved.")
            return _redirect(request, _agenda_url(meeting, f"item-{item.pk}"))
    else:
        form = forms.AgendaItemForm(instance=item, initial={"revision": meeting.revision})
    if request.htmx:
        form.helper.attrs = {
            "hx-post": request.path,
            "hx-target": f"#item-{item.pk}-editor",
            "hx-swap": "innerHTML",
        }
    return render(
        request,
        "meetings/manage/_inline_form.html" if request.htmx else "meetings/manage/form_page.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "stale": stale,
            "title": f"Edit item {item.label}",
        },
    )


@officer_required
def item_delete(request, pk):
    item = _item_for_edit(request.user, pk)
    meeting = item.meeting
    if request.method == "POST":
        try:
            services.delete_item(item, user=request.user)
        except services.NotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"“{item.title}” has been deleted.")
        return redirect(_agenda_url(meeting, "agenda-items"))
    return _confirm(
        request,
        meeting,
        title=f"Delete item {item.label}?",
        question=f"“{item.title}” and its papers will be removed from this agenda.",
        button="Delete item",
    )


@officer_required
@require_POST
def item_move(request, pk):
    item = _item_for_edit(request.user, pk)
    direction = _direction(request)
    if direction is None:
        return HttpResponseBadRequest("Say whether to move the item up or down.")
    before = item.label
    try:
        moved = services.move_item(item, direction, user=request.user)
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
        return _agenda_response(request, item.meeting, said=str(exc))
    name = f"Sub-part {before}" if item.parent_id else f"Item {before}"
    said = f"{name} moved {direction} to {item.label}" if moved else f"{name} did not move"
    return _agenda_response(request, item.meeting, said=said)


@officer_required
@require_POST
def items_reorder(request, pk):
    meeting = _meeting_for_edit(request.user, pk)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(AgendaItem, pk=request.POST["parent"], meeting=meeting)
    try:
        ordered_ids = [int(pk) for pk in request.POST.get("order", "").split(",") if pk]
        services.reorder_items(meeting, ordered_ids, user=request.user, parent=parent)
    except ValueError:
        return HttpResponseBadRequest("The new order was not understood.")
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
        return _agenda_response(request, meeting, said=str(exc))
    return _agenda_response(request, meeting, said="The agenda has been put in the new order")


@officer_required
def item_defer(request, pk):
    item = _item_for_edit(request.user, pk)
    meeting = item.meeting
    form = forms.DeferForm(request.POST or None, meetings=services.later_meetings(item))
    error = None
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        try:
            services.defer_item(item, target, user=request.user)
        except services.NotAllowed as exc:
            error = str(exc)
            form.add_error("target", error)
        else:
            messages.success(
                request,
                f"“{item.title}” has been deferred to the meeting on {plain_date(target.date)}, "
                "and added to its agenda.",
            )
            return redirect(_agenda_url(meeting, f"item-{item.pk}"))
    return render(
        request,
        "meetings/manage/form_page.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "title": f"Defer item {item.label} to a later meeting",
            "no_later_meetings": not form.fields["target"].queryset.exists(),
        },
    )


# Papers


def _paper_url(document: Document) -> str:
    """The agenda, at the paper's item or at the annexes."""
    if document.is_annex:
        return _agenda_url(document.meeting, "annexes")
    return _agenda_url(document.meeting, f"item-{document.agenda_item_id}")


def _upload(request, meeting: Meeting, item: AgendaItem | None):
    form = forms.UploadPaperForm(request.POST or None, request.FILES or None, annex=item is None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = services.add_pdf(meeting, data["file"], data, user=request.user, item=item)
        messages.success(
            request,
            f"“{document.title}” has been uploaded ({document.page_count} "
            f"page{'s' if document.page_count != 1 else ''}).",
        )
        if document.is_untagged_upload:
            messages.warning(request, UNTAGGED_WARNING)
        return redirect(_paper_url(document))
    return render(
        request,
        "meetings/manage/form_page.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "title": f"Upload a paper for item {item.label}" if item else "Upload an annex",
        },
    )


def _write(request, meeting: Meeting, item: AgendaItem | None):
    form = forms.WrittenPaperForm(request.POST or None, annex=item is None)
    if request.method == "POST" and form.is_valid():
        document = services.add_written_paper(
            meeting, form.cleaned_data, user=request.user, item=item
        )
        messages.success(request, f"“{document.title}” has been saved.")
        return redirect(_paper_url(document))
    return render(
        request,
        "meetings/manage/form_page.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "title": f"Write a paper for item {item.label}" if item else "Write an annex",
        },
    )


@officer_required
def paper_upload(request, pk):
    item = _item_for_edit(request.user, pk)
    return _upload(request, item.meeting, item)


@officer_required
def paper_write(request, pk):
    item = _item_for_edit(request.user, pk)
    return _write(request, item.meeting, item)


@officer_required
def annex_upload(request, pk):
    return _upload(request, _meeting_for_edit(request.user, pk), None)


@officer_required
def annex_write(request, pk):
    return _write(request, _meeting_for_edit(request.user, pk), None)


@officer_required
def paper_edit(request, pk):
    document = _document_for_edit(request.user, pk)
    meeting = document.meeting
    form_class = forms.WrittenPaperForm if document.body else forms.PaperDetailsForm
    stale = None
    if request.method == "POST":

        def save(current, data, loaded_revision):
            services.update_paper(current, data, user=request.user, loaded_revision=loaded_revision)

        form, stale, saved = _save_edit(
            request, form_class, lambda: _document_for_edit(request.user, pk), save
        )
        if saved:
            messages.success(request, f"“{document.title}” has been saved.")
            return redirect(_paper_url(document))
    else:
        form = form_class(instance=document, initial={"revision": meeting.revision})
    return render(
        request,
        "meetings/manage/form_page.html",
        {
            "meeting": meeting,
            "item": document.agenda_item,
            "form": form,
            "stale": stale,
            "title": f"Edit “{document.title}”",
        },
    )


@officer_required
def paper_replace(request, pk):
    document = _document_for_edit(request.user, pk)
    meeting = document.meeting
    stale = None
    form = forms.ReplacePaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.replace_pdf(
                document,
                form.cleaned_data["file"],
                user=request.user,
                loaded_revision=_loaded_revision(form),
            )
        except services.StaleEdit as exc:
            stale = exc.changes
        else:
            messages.success(request, f"A new version of “{document.title}” has been uploaded.")
            if not form.cleaned_data["file"].is_tagged:
                messages.warning(request, UNTAGGED_WARNING)
            return redirect(_paper_url(document))
    if request.method == "GET":
        form = forms.ReplacePaperForm(initial={"revision": meeting.revision})
    return render(
        request,
        "meetings/manage/form_page.html",
        {
            "meeting": meeting,
            "item": document.agenda_item,
            "document": document,
            "form": form,
            "stale": stale,
            "title": f"Replace “{document.title}”",
        },
    )


@officer_required
def paper_remove(request, pk):
    document = _document_for_edit(request.user, pk)
    meeting = document.meeting
    if request.method == "POST":
        services.remove_paper(document, user=request.user)
        messages.success(request, f"“{document.title}” has been removed.")
        return redirect(_paper_url(document))
    return _confirm(
        request,
        meeting,
        title=f"Remove “{document.title}”?",
        question="The paper and its earlier versions will be removed from this agenda.",
        button="Remove paper",
    )


@officer_required
@require_POST
def paper_move(request, pk):
    document = _document_for_edit(request.user, pk)
    direction = _direction(request)
    if direction is None:
        return HttpResponseBadRequest("Say whether to move the paper up or down.")
    moved = services.move_paper(document, direction, user=request.user)
    said = f"“{document.title}” moved {direction}" if moved else f"“{document.title}” did not move"
    return _agenda_response(
        request, document.meeting, "annexes" if document.is_annex else "agenda-items", said
    )


# Standard items: the committee's template for new agendas


@officer_required
def standard_items(request, slug):
    committee = _committee_for_edit(request.user, slug)
    items = list(StandardItem.objects.filter(committee=committee).order_by("parent_id", "position"))
    top_level = [item for item in items if item.parent_id is None]
    for item in top_level:
        item.children = [child for child in items if child.parent_id == item.pk]
    return render(
        request,
        "meetings/manage/standard_items.html",
        {"committee": committee, "items": top_level},
    )


@officer_required
def standard_item_add(request, slug):
    committee = _committee_for_edit(request.user, slug)
    parent = None
    parent_id = request.POST.get("parent") or request.GET.get("parent")
    if parent_id:
        parent = get_object_or_404(
            StandardItem, pk=parent_id, committee=committee, parent__isnull=True
        )
    form = forms.StandardItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_standard_item(committee, form.cleaned_data, parent=parent)
        messages.success(request, "The standard item has been added.")
        return redirect("manage:standard_items", committee.slug)
    return render(
        request,
        "meetings/manage/form_page.html",
        {"committee": committee, "form": form, "parent": parent, "title": "Add a standard item"},
    )


@officer_required
def standard_item_edit(request, pk):
    item = _standard_item_for_edit(request.user, pk)
    form = forms.StandardItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The standard item has been saved.")
        return redirect("manage:standard_items", item.committee.slug)
    return render(
        request,
        "meetings/manage/form_page.html",
        {"committee": item.committee, "form": form, "title": "Edit a standard item"},
    )


@officer_required
@require_POST
def standard_item_delete(request, pk):
    item = _standard_item_for_edit(request.user, pk)
    services.delete_standard_item(item)
    messages.success(request, f"“{item.title}” has been removed from the standard items.")
    return redirect("manage:standard_items", item.committee.slug)


@officer_required
@require_POST
def standard_item_move(request, pk):
    item = _standard_item_for_edit(request.user, pk)
    direction = _direction(request)
    if direction is None:
        return HttpResponseBadRequest("Say whether to move the item up or down.")
    services.move_standard_item(item, direction)
    return redirect("manage:standard_items", item.committee.slug)
