"""
The work programme page, proposals, and the pages where officers keep the programme.

Every officer view loads what it changes through `_programme_for_manager` or
`_item_for_manager`, which call committees.roles.require_manager right after loading: an officer of
another council gets 403, whatever the method. Changes go through workprogramme/services.py.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from committees.dates import municipal_year_start
from committees.models import Committee
from committees.roles import is_councillor, manages, officer_required, require_manager
from scrutiny.csp import print_view

from . import services
from .forms import DecideForm, ItemForm, ProposalForm
from .models import WorkProgramme, WorkProgrammeItem
from .papers import render_work_plan_html
from .selectors import work_plan


def _programme(slug, year=None) -> WorkProgramme:
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    programmes = WorkProgramme.objects.filter(committee=committee).select_related("committee")
    if year is not None:
        return get_object_or_404(programmes, municipal_year=year)
    programme = (
        programmes.filter(municipal_year=municipal_year_start(timezone.localdate())).first()
        or programmes.first()
    )
    if programme is None:
        raise Http404("This committee has no work programme yet.")
    return programme


def _programme_for_manager(view):
    """Pass the view the programme named in the URL, refusing an officer of another council."""

    @wraps(view)
    def wrapper(request, slug, year, **kwargs):
        programme = _programme(slug, year)
        require_manager(request.user, programme.committee)
        return view(request, programme, **kwargs)

    return wrapper


def _item_for_manager(view):
    """Pass the view the item named in the URL, refusing an officer of another council."""

    @wraps(view)
    def wrapper(request, pk, **kwargs):
        item = get_object_or_404(
            WorkProgrammeItem.objects.select_related(
                "programme__committee__council", "meeting", "agenda_item"
            ),
            pk=pk,
        )
        require_manager(request.user, item.programme.committee)
        return view(request, item, **kwargs)

    return wrapper


def _back(programme: WorkProgramme, item: WorkProgrammeItem | None = None):
    url = programme.get_absolute_url()
    return redirect(f"{url}#wp-item-{item.pk}" if item else url)


def work_programme(request, slug, year=None):
    programme = _programme(slug, year)
    user = request.user
    can_manage = manages(user, programme.committee)
    return render(
        request,
        "workprogramme/work_programme.html",
        {
            "committee": programme.committee,
            "plan": work_plan(programme),
            "can_manage": can_manage,
            "can_propose": can_manage or is_councillor(user),
        },
    )


@print_view
def work_programme_print(request, slug, year):
    return HttpResponse(render_work_plan_html(_programme(slug, year)))


def propose(request, slug, year):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    programme = _programme(slug, year)
    if not (is_councillor(request.user) or manages(request.user, programme.committee)):
        raise PermissionDenied("Only councillors can propose work programme items.")
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        person = getattr(request.user, "person", None)
        item.programme = programme
        item.status = WorkProgrammeItem.Status.PROPOSED
        item.section = WorkProgrammeItem.Section.TO_BE_SCHEDULED
        item.proposed_by = request.user
        item.proposed_by_name = (
            person.formal_name if person else request.user.get_full_name() or request.user.username
        )
        item.proposed_at = timezone.now()
        item.save()
        messages.success(request, "Thank you: your proposal is with Democratic Services.")
        return redirect(programme)
    return render(
        request,
        "workprogramme/propose.html",
        {"form": form, "programme": programme, "committee": programme.committee},
    )


# Officers: proposals and the agenda


@officer_required
@_item_for_manager
def decide(request, item):
    form = DecideForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "accept":
            item.accept(user=request.user, meeting=data["meeting"], reason=data["reason"])
            messages.success(request, "The item is on the work programme.")
        else:
            item.decline(user=request.user, reason=data["reason"])
            messages.success(request, "The proposal is declined; the reason is published.")
        return redirect(item.programme)
    return render(
        request,
        "workprogramme/decide.html",
        {"form": form, "item": item, "committee": item.programme.committee},
    )


@officer_required
@_item_for_manager
@require_POST
def to_agenda(request, item):
    try:
        agenda_item = item.add_to_agenda(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(item.programme)
    messages.success(request, f"Added to the agenda as item {agenda_item.label}.")
    if request.POST.get("next") == "agenda":
        return redirect("manage:agenda", agenda_item.meeting_id)
    return redirect(item.programme)


# Officers: keeping the programme's items


def _item_form_page(request, form, programme, *, item=None, link=None):
    return render(
        request,
        "workprogramme/item_form.html",
        {
            "form": form,
            "programme": programme,
            "committee": programme.committee,
            "item": item,
            "link": link,
            "title": "Edit a work programme item" if item else "Add a work programme item",
        },
    )


@officer_required
@_programme_for_manager
@require_http_methods(["GET", "POST"])
def item_add(request, programme):
    if request.method == "GET":
        initial = {}
        if request.GET.get("planned_for"):
            initial["planned_for"] = request.GET["planned_for"]
        form = ItemForm(programme=programme, initial=initial)
        return _item_form_page(request, form, programme)
    form = ItemForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            item = services.add_item(programme, form.item_data(), user=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"“{item.title}” is on the work programme.")
            return _back(programme, item)
    return _item_form_page(request, form, programme)


@officer_required
@_item_for_manager
@require_http_methods(["GET", "POST"])
def item_edit(request, item):
    programme = item.programme
    link = services.agenda_link(item)
    data = request.POST if request.method == "POST" else None
    form = ItemForm(data, programme=programme, item=item, link=link)
    if form.is_bound and form.is_valid():
        try:
            taken_off = services.update_item(item, form.item_data(), user=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            message = f"“{form.cleaned_data['title']}” has been saved."
            if taken_off:
                message += f" It is no longer {taken_off.where}: that agenda item was deleted."
            messages.success(request, message)
            return _back(programme, item)
    return _item_form_page(request, form, programme, item=item, link=link)


@officer_required
@_item_for_manager
@require_http_methods(["GET", "POST"])
def item_remove(request, item):
    programme = item.programme
    if request.method == "POST":
        try:
            link = services.remove_item(item, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _back(programme, item)
        message = f"“{item.title}” has been removed from the work programme."
        if link:
            message += f" Its agenda item ({link.where}) was deleted too."
        messages.success(request, message)
        return _back(programme)
    return render(
        request,
        "workprogramme/item_remove.html",
        {
            "item": item,
            "programme": programme,
            "committee": programme.committee,
            "link": services.agenda_link(item),
        },
    )


@officer_required
@_item_for_manager
@require_POST
def item_move(request, item):
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest("Say whether to move the item up or down.")
    services.move_item(item, direction)
    return _back(item.programme, item)
