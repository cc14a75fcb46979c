"""
Officer pages for councils, committees, people and memberships, mounted at /manage/ by
committees/manage_urls.py. Every view is for officers only, and each one that changes
something checks that the officer runs the council concerned; the forms hold the rules
(manage_forms.py) and every write goes through committees/services.py.
"""

import copy
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from . import manage_forms as forms
from . import services
from .models import Committee, Council, Membership, Person
from .roles import manages_council, officer_required, require_manager

FORM_PAGE = "committees/manage/form_page.html"
PEOPLE_PER_PAGE = 50

form_view = require_http_methods(["GET", "POST"])


def _council_for_edit(user, slug) -> Council:
    council = get_object_or_404(Council, slug=slug)
    if not manages_council(user, council):
        raise PermissionDenied("This council is not one you run.")
    return council


def _committee_for_edit(user, slug) -> Committee:
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    require_manager(user, committee)
    return committee


def _membership_for_edit(user, pk) -> Membership:
    membership = get_object_or_404(
        Membership.objects.select_related("committee__council", "person"), pk=pk
    )
    require_manager(user, membership.committee)
    return membership


def _person_for_edit(user, pk) -> Person:
    person = get_object_or_404(Person, pk=pk)
    if not forms.may_edit_person(user, person):
        raise PermissionDenied("This person sits only on committees of councils you do not run.")
    return person


def _editable(request, instance):
    """
    What the form edits: a copy when it is posted, since a form changes its instance while it
    validates, and the page around a refused form shows the record as stored.
    """
    return copy.copy(instance) if request.method == "POST" else instance


def _form_page(request, form, title, **context):
    return render(request, FORM_PAGE, {"form": form, "title": title, **context})


# Councils


@officer_required
@require_safe
def council_list(request):
    councils = forms.councils_run_by(request.user).annotate(committee_count=Count("committees"))
    return render(request, "committees/manage/council_list.html", {"councils": councils})


@officer_required
@form_view
def council_create(request):
    form = forms.CouncilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        council = services.create_council(form.cleaned_data, user=request.user)
        messages.success(request, f"{council.name} has been added. You run its committees.")
        return redirect("committees_manage:council_list")
    return _form_page(request, form, "Add a council", section="councils")


@officer_required
@form_view
def council_edit(request, slug):
    council = _council_for_edit(request.user, slug)
    form = forms.CouncilForm(request.POST or None, instance=_editable(request, council))
    if request.method == "POST" and form.is_valid():
        services.update_council(council, form.cleaned_data)
        messages.success(request, f"{council.name} has been saved.")
        return redirect("committees_manage:council_list")
    return _form_page(request, form, council.name, section="councils", caption="Council details")


# Committees


@officer_required
@require_safe
def committee_list(request):
    today = datetime.date.today()
    current = Q(memberships__start_date__isnull=True) | Q(memberships__start_date__lte=today)
    current &= Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
    committees = (
        forms.committees_run_by(request.user)
        .select_related("council")
        .annotate(member_count=Count("memberships", filter=current))
    )
    return render(request, "committees/manage/committee_list.html", {"committees": committees})


@officer_required
@form_view
def committee_create(request):
    form = forms.CommitteeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        committee = services.create_committee(form.cleaned_data)
        messages.success(request, f"{committee.name} has been added. Now add its members.")
        return redirect("committees_manage:members", committee.slug)
    return _form_page(request, form, "Add a committee", section="committees")


@officer_required
@form_view
def committee_edit(request, slug):
    committee = _committee_for_edit(request.user, slug)
    form = forms.CommitteeForm(
        request.POST or None, instance=_editable(request, committee), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        services.update_committee(committee, form.cleaned_data)
        messages.success(request, f"{committee.name} has been saved.")
        return redirect("committees_manage:committee_edit", committee.slug)
    return _form_page(
        request,
        form,
        committee.name,
        section="committees",
        caption=committee.council.name,
        committee_links=committee,
    )


# Members


def _seats(committee: Committee) -> tuple[list[Membership], list[Membership]]:
    """The committee's seats in print order: current and future ones, then ended ones."""
    today = datetime.date.today()
    seats = list(
        Membership.objects.filter(committee=committee)
        .in_print_order()
        .select_related("committee__council")
    )
    ended = [seat for seat in seats if seat.end_date and seat.end_date < today]
    return [seat for seat in seats if seat not in ended], ended


@officer_required
@require_safe
def members(request, slug):
    committee = _committee_for_edit(request.user, slug)
    seats, ended = _seats(committee)
    return render(
        request,
        "committees/manage/members.html",
        {"committee": committee, "seats": seats, "ended": ended, "today": datetime.date.today()},
    )


@officer_required
@form_view
def membership_add(request, slug):
    committee = _committee_for_edit(request.user, slug)
    form = forms.MembershipForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        membership = services.add_membership(committee, form.cleaned_data)
        messages.success(request, f"{membership.display_name} has been added to the committee.")
        return redirect("committees_manage:members", committee.slug)
    return _form_page(
        request,
        form,
        "Add a seat",
        section="committees",
        committee=committee,
        caption=committee.name,
    )


@officer_required
@form_view
def membership_edit(request, pk):
    membership = _membership_for_edit(request.user, pk)
    committee = membership.committee
    form = forms.MembershipForm(
        request.POST or None, instance=_editable(request, membership), committee=committee
    )
    if request.method == "POST" and form.is_valid():
        services.update_membership(membership, form.cleaned_data)
        messages.success(request, f"The seat of {membership.display_name} has been saved.")
        return redirect("committees_manage:members", committee.slug)
    return _form_page(
        request,
        form,
        f"Edit the seat of {membership.display_name}",
        section="committees",
        committee=committee,
        caption=committee.name,
    )


@officer_required
@form_view
def membership_end(request, pk):
    membership = _membership_for_edit(request.user, pk)
    committee = membership.committee
    form = forms.EndMembershipForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        services.end_membership(membership, form.cleaned_data["end_date"])
        messages.success(request, f"The seat of {membership.display_name} has been ended.")
        return redirect("committees_manage:members", committee.slug)
    return _form_page(
        request,
        form,
        f"End the seat of {membership.display_name}",
        section="committees",
        committee=committee,
        caption=committee.name,
    )


@officer_required
@form_view
def membership_delete(request, pk):
    """A GET asks for confirmation; the POST it sends deletes."""
    membership = _membership_for_edit(request.user, pk)
    committee = membership.committee
    if request.method == "POST":
        services.delete_membership(membership)
        messages.success(
            request, f"The seat of {membership.display_name} has been deleted from the committee."
        )
        return redirect("committees_manage:members", committee.slug)
    return render(
        request,
        "committees/manage/confirm_delete.html",
        {"membership": membership, "committee": committee, "section": "committees"},
    )


# People


@officer_required
@require_safe
def people(request):
    query = request.GET.get("q", "").strip()
    found = forms.search_people(forms.people_run_by(request.user), query)
    page = Paginator(found, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "committees/manage/people.html",
        {"page": page, "people": page.object_list, "query": query, "section": "people"},
    )


@officer_required
@form_view
def person_create(request):
    form = forms.PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = services.create_person(form.cleaned_data)
        messages.success(request, f"{person.formal_name} has been added.")
        return redirect("committees_manage:people")
    return _form_page(request, form, "Add a person", section="people")


@officer_required
@form_view
def person_edit(request, pk):
    person = _person_for_edit(request.user, pk)
    form = forms.PersonForm(request.POST or None, instance=_editable(request, person))
    if request.method == "POST" and form.is_valid():
        services.update_person(person, form.cleaned_data)
        messages.success(request, f"{person.formal_name} has been saved.")
        return redirect("committees_manage:people")
    return _form_page(request, form, f"Edit {person.formal_name}", section="people")
