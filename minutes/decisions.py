"""
The decisions register: every decision and recommendation in published minutes, newest
first, with its meeting and agenda item and what the outcome tracker says became of it.

Only published minutes are read, whoever asks (an officer's draft minutes are not a
register). Exempt decisions, and tracker entries made from them, are for the officers of the
committee's council and its current members only (committees/access.py, asked through
minutes/outcomes.py). Years are municipal years, May to April, as the work programme and
the dashboard count them.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.db.models import F, QuerySet

from committees import access
from committees.dates import municipal_year_start
from committees.models import Committee
from scrutiny.error_summary import error_items

from .models import Decision
from .outcomes import by_access, number_prefixes, outcomes_of, with_outcomes

PER_PAGE = 25
YEAR_ERROR = "Choose a municipal year from the list"
COMMITTEE_ERROR = "Choose a committee from the list"
COMMITTEE_PATH = "minute__minutes__meeting__committee"
MEETING_DATE = "minute__minutes__meeting__date"
NEWEST_FIRST = (
    f"-{MEETING_DATE}",
    "-minute__minutes__meeting__start_time",
    "minute__number",
    F("minute__paragraph").asc(nulls_first=True),
    "position",
    "pk",
)


def year_label(year: int) -> str:
    return f"{year} to {year + 1}"


class RegisterFilterForm(forms.Form):
    """Which decisions to list: a municipal year and (on the overall register) a committee."""

    year = forms.IntegerField(
        required=False,
        min_value=1900,
        max_value=2200,
        error_messages={"invalid": YEAR_ERROR, "min_value": YEAR_ERROR, "max_value": YEAR_ERROR},
    )
    committee = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": COMMITTEE_ERROR}
    )

    def __init__(self, data, *, committees, years, with_committee: bool):
        # The template writes the selects itself, with ids "year" and "committee".
        super().__init__(data, auto_id="%s")
        self.committees = {committee.slug: committee for committee in committees}
        self.years = years
        if with_committee:
            self.fields["committee"].choices = [("", "All committees")] + [
                (committee.slug, committee.name) for committee in committees
            ]
        else:
            del self.fields["committee"]

    def value(self, name):
        """The valid value of a field, or None when it is empty or wrong."""
        if name not in self.fields or (not self.is_valid() and name in self.errors):
            return None
        return self.cleaned_data.get(name) or None

    @property
    def error_summary(self) -> list[dict]:
        return error_items(self)

    @property
    def chosen_year(self) -> int | None:
        return self.value("year")

    @property
    def chosen_committee(self):
        slug = self.value("committee")
        return self.committees.get(slug) if slug else None

    @property
    def is_filtered(self) -> bool:
        return self.chosen_year is not None or self.chosen_committee is not None

    def year_choices(self) -> list[tuple[str, str]]:
        years = list(self.years)
        if self.chosen_year is not None and self.chosen_year not in years:
            years = sorted([*years, self.chosen_year], reverse=True)
        return [("", "All years")] + [(str(year), year_label(year)) for year in years]

    def committee_groups(self):
        """The committee choices, grouped by council."""
        groups: dict[str, list] = {}
        for committee in self.committees.values():
            groups.setdefault(committee.council.name, []).append(committee)
        return list(groups.items())


@dataclass
class RegisterRow:
    decision: Decision
    outcomes: list

    @property
    def minute(self):
        return self.decision.minute

    @property
    def meeting(self):
        return self.decision.minute.minutes.meeting

    @property
    def committee(self):
        return self.meeting.committee

    @property
    def item(self):
        return self.decision.minute.agenda_item


def committees_with_decisions() -> list[Committee]:
    """The committees with a decision in published minutes (one query)."""
    return list(
        Committee.objects.filter(pk__in=Decision.objects.published().values(f"{COMMITTEE_PATH}_id"))
        .select_related("council")
        .order_by("council__name", "name")
    )


def visible_decisions(user, committees) -> QuerySet:
    """Published decisions of these committees that this person may see, newest first."""
    return by_access(
        user,
        Decision.objects.published().select_related(
            "minute__minutes__meeting__committee__council", "minute__agenda_item__parent"
        ),
        committees,
        COMMITTEE_PATH,
    ).order_by(*NEWEST_FIRST)


def municipal_years(decisions: QuerySet) -> list[int]:
    """The municipal years (by their first year) these decisions were made in, newest first."""
    days = decisions.order_by().values_list(MEETING_DATE, flat=True).distinct()
    return sorted({municipal_year_start(day) for day in days}, reverse=True)


def in_municipal_year(decisions: QuerySet, year: int) -> QuerySet:
    return decisions.filter(
        **{
            f"{MEETING_DATE}__gte": datetime.date(year, 5, 1),
            f"{MEETING_DATE}__lt": datetime.date(year + 1, 5, 1),
        }
    )


def page_rows(user, page) -> list[RegisterRow]:
    """One page of the register, with the tracker outcomes, in three more queries."""
    decisions = [decision for decision in page.object_list if access.may_see(user, decision)]
    prefixes = number_prefixes(
        decision.minute.minutes.meeting.committee_id for decision in decisions
    )
    rows = []
    for decision in decisions:
        decision.minute.number_prefix = prefixes.get(
            decision.minute.minutes.meeting.committee_id, ""
        )
        rows.append(RegisterRow(decision=decision, outcomes=outcomes_of(decision, user)))
    return rows


def paginate(decisions: QuerySet, page_number):
    return Paginator(with_outcomes(decisions), PER_PAGE).get_page(page_number)
