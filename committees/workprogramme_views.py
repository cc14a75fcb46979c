from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .dates import municipal_year_start
from .models import Committee
from .roles import is_councillor, is_officer, officer_required
from .workprogramme import WorkProgramme, WorkProgrammeItem
from .workprogramme_forms import DecideForm, ProposalForm
from .workprogramme_papers import render_work_plan_html
from .workprogramme_selectors import work_plan


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


def work_programme(request, slug, year=None):
    programme = _programme(slug, year)
    user = request.user
    return render(
        request,
        "committees/workprogramme/work_programme.html",
        {
            "committee": programme.committee,
            "plan": work_plan(programme),
            "can_propose": is_councillor(user) or is_officer(user),
        },
    )


def work_programme_print(request, slug, year):
    return HttpResponse(render_work_plan_html(_programme(slug, year)))


def propose(request, slug, year):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (is_councillor(request.user) or is_officer(request.user)):
        raise PermissionDenied("Only councillors can propose work programme items.")
    programme = _programme(slug, year)
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
        "committees/workprogramme/propose.html",
        {"form": form, "programme": programme, "committee": programme.committee},
    )


@officer_required
def decide(request, pk):
    item = get_object_or_404(
        WorkProgrammeItem.objects.select_related("programme__committee"), pk=pk
    )
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
        "committees/workprogramme/decide.html",
        {"form": form, "item": item, "committee": item.programme.committee},
    )


@require_POST
@officer_required
def to_agenda(request, pk):
    item = get_object_or_404(
        WorkProgrammeItem.objects.select_related("programme__committee", "meeting"), pk=pk
    )
    try:
        agenda_item = item.add_to_agenda(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(item.programme)
    messages.success(request, f"Added to the agenda as item {agenda_item.label}.")
    if request.POST.get("next") == "agenda":
        return redirect("manage:agenda", agenda_item.meeting_id)
    return redirect(item.programme)
