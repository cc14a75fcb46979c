"""
The officer dashboard at /manage/: upcoming meetings, draft agendas and past meetings
(those awaiting minutes first), for the councils the officer runs, filtered by
committee and municipal year with a plain GET form.
"""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from committees.roles import officer_required
from scrutiny.error_summary import error_items
from scrutiny.pagination import govuk_pagination

from . import dashboard as lists
from . import page_sections

YEAR_ERROR = "Choose a municipal year from the list"
COMMITTEE_ERROR = "Choose a committee from the list"


class DashboardFilterForm(forms.Form):
    """Which meetings to list. Only the committees the officer runs are choices."""

    committee = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": COMMITTEE_ERROR}
    )
    year = forms.IntegerField(
        required=False,
        min_value=1900,
        max_value=2200,
        error_messages={
            "invalid": YEAR_ERROR,
            "min_value": YEAR_ERROR,
            "max_value": YEAR_ERROR,
        },
    )

    def __init__(self, data, *, committees, years):
        # The template writes the selects itself, with ids "committee" and "year".
        super().__init__(data, auto_id="%s")
        self.committees = {committee.slug: committee for committee in committees}
        self.fields["committee"].choices = [("", "All committees")] + [
            (committee.slug, committee.name) for committee in committees
        ]
        self.years = years

    def value(self, name):
        """The valid value of a field, or None when it is empty or wrong."""
        if not self.is_valid() and name in self.errors:
            return None
        return self.cleaned_data.get(name) or None

    @property
    def error_summary(self) -> list[dict]:
        return error_items(self)

    @property
    def chosen_committee(self):
        slug = self.value("committee")
        return self.committees.get(slug) if slug else None

    @property
    def chosen_year(self) -> int | None:
        return self.value("year")

    def year_choices(self) -> list[tuple[str, str]]:
        years = list(self.years)
        if self.chosen_year is not None and self.chosen_year not in years:
            years = sorted([*years, self.chosen_year], reverse=True)
        return [("", "All years")] + [(str(year), f"{year} to {year + 1}") for year in years]

    def committee_groups(self):
        """The committee choices, grouped by council when there is more than one."""
        groups: dict[str, list] = {}
        for committee in self.committees.values():
            groups.setdefault(committee.council.name, []).append(committee)
        return list(groups.items())

    @property
    def is_filtered(self) -> bool:
        return self.chosen_committee is not None or self.chosen_year is not None


def _links(row, *, with_pack: bool) -> list[dict]:
    """
    Where an officer goes from a row: the agenda, minutes, pack, what other apps add
    (meetings/page_sections.py: the work programme), the tracker.
    """
    meeting = row.meeting
    committee = meeting.committee
    agenda = reverse("manage:agenda", args=[meeting.pk])
    links = [
        {"text": "Agenda", "url": agenda},
        {
            "text": "Minutes" if row.has_minutes else "Start minutes",
            "url": reverse("minutes:edit", args=[meeting.pk]),
        },
    ]
    if with_pack:
        links.append({"text": "Pack", "url": f"{agenda}#pack"})
    links += page_sections.dashboard_links(committee)
    if getattr(committee, "has_tracker", False):
        links.append({"text": "Tracker", "url": reverse("tracker:detail", args=[committee.slug])})
    return links


@officer_required
def dashboard(request):
    today = timezone.localdate()
    meetings = lists.meetings_for(request.user)
    committees = lists.committees_for(request.user)
    form = DashboardFilterForm(
        request.GET, committees=committees, years=lists.municipal_years(meetings)
    )
    if form.chosen_committee is not None:
        meetings = meetings.filter(committee=form.chosen_committee)
    if form.chosen_year is not None:
        meetings = lists.in_municipal_year(meetings, form.chosen_year)

    upcoming, shows_packs = lists.upcoming_meetings(today, meetings)
    drafts = lists.draft_meetings(today, meetings)
    past_page = Paginator(lists.past_meetings(today, meetings), lists.PAST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    past = lists.past_rows(past_page, today)
    # Each row's committee, marked with whether it has a tracker (and a work programme).
    by_pk = {committee.pk: committee for committee in committees}
    for row in [*upcoming, *drafts, *past]:
        row.meeting.committee = by_pk.get(row.meeting.committee_id, row.meeting.committee)
        row.links = _links(row, with_pack=shows_packs)
    return render(
        request,
        "meetings/manage/dashboard.html",
        {
            "form": form,
            "rows": upcoming,
            "shows_packs": shows_packs,
            "drafts": drafts,
            "past": past,
            "past_page": past_page,
            "awaiting_minutes": past_page.paginator.object_list.filter(awaits_minutes=True).count(),
            "pagination": govuk_pagination(request, past_page, anchor="#past-meetings"),
            "committees": [committee for committee in committees if committee.is_active],
        },
    )
