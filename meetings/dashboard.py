"""
The officer dashboard: what needs doing before each upcoming meeting, which agendas
are still drafts, and which past meetings still await their minutes.

Each list is one query however many meetings it holds (the pack states add one more).
minutes.models imports meetings.models, so the Minutes model is reached through the reverse
relation on Meeting, never by importing it.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from committees.dates import municipal_year_start
from committees.models import Committee
from committees.roles import managed_council_ids

from . import page_sections
from .models import Meeting
from .pack_state import pack_states

PAST_PER_PAGE = 50


@dataclass
class DashboardRow:
    meeting: Meeting
    publication_deadline: datetime.date
    days_left: int
    to_follow: int
    item_count: int
    pack_state: str | None
    meeting_has_passed: bool = False
    links: list[dict] = field(default_factory=list)  # filled in by the view

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0 and self.meeting.status == Meeting.Status.DRAFT

    @property
    def days_left_text(self) -> str:
        if self.days_left == 0:
            return "Today"
        if self.days_left < 0:
            days = -self.days_left
            return f"{days} day{'s' if days != 1 else ''} ago"
        return f"{self.days_left} day{'s' if self.days_left != 1 else ''}"

    @property
    def has_minutes(self) -> bool:
        return getattr(self.meeting, "minutes_status", None) is not None

    @property
    def minutes_label(self) -> str:
        """The state of the minutes, as their own Status names it."""
        status = getattr(self.meeting, "minutes_status", None)
        if status is None:
            return "Not started"
        model = _minutes_model()
        return model.Status(status).label if model is not None else status

    @property
    def awaits_minutes(self) -> bool:
        return bool(getattr(self.meeting, "awaits_minutes", False))


def _minutes_model():
    """The Minutes model, through Meeting's reverse relation; None without the minutes app."""
    try:
        return Meeting._meta.get_field("minutes").related_model
    except FieldDoesNotExist:
        return None


def _tracker_model():
    try:
        return Committee._meta.get_field("outcome_tracker").related_model
    except FieldDoesNotExist:
        return None


def meetings_for(user) -> QuerySet:
    """The meetings of the councils this officer runs (every meeting for a superuser)."""
    meetings = Meeting.objects.all()
    if user.is_active and user.is_superuser:
        return meetings
    return meetings.filter(committee__council__in=managed_council_ids(user))


def committees_for(user) -> list[Committee]:
    """
    The committees this officer runs, active or not (past meetings may belong to a
    committee that has been replaced), each marked with whether it has an outcome
    tracker to link to, and with what the apps that add links to the dashboard's rows
    need (meetings/page_sections.py: the work programme's, whether there is one).
    """
    tracker = _tracker_model()
    has_tracker = (
        Exists(tracker.objects.filter(committee=OuterRef("pk")))
        if tracker is not None
        else Value(False)
    )
    committees = Committee.objects.run_by(user).select_related("council")
    committees = page_sections.annotate_committees(committees.annotate(has_tracker=has_tracker))
    return list(committees.order_by("council__name", "name"))


def municipal_years(meetings: QuerySet) -> list[int]:
    """The municipal years (by their first year) that these meetings fall in, newest first."""
    months = meetings.order_by().dates("date", "month")
    return sorted({municipal_year_start(month) for month in months}, reverse=True)


def in_municipal_year(meetings: QuerySet, year: int) -> QuerySet:
    """Municipal years run from May to April: 2023 is 1 May 2023 to 30 April 2024."""
    return meetings.filter(
        date__gte=datetime.date(year, 5, 1), date__lt=datetime.date(year + 1, 5, 1)
    )


def _annotated(meetings: QuerySet) -> QuerySet:
    """The counts every row shows, and the state of the meeting's minutes."""
    meetings = meetings.with_committee().annotate(
        to_follow_count=Count(
            "items", filter=Q(items__is_to_follow=True, items__deferred_to__isnull=True)
        ),
        item_count=Count("items", filter=Q(items__parent__isnull=True)),
    )
    minutes = _minutes_model()
    if minutes is None:
        return meetings.annotate(
            minutes_status=Value(None, output_field=CharField()), awaits_minutes=Value(False)
        )
    of_meeting = minutes.objects.filter(meeting=OuterRef("pk")).order_by()
    called_off = [Meeting.Status.CANCELLED, Meeting.Status.POSTPONED]
    return meetings.annotate(
        minutes_status=Subquery(of_meeting.values("status")[:1]),
        # A meeting that did not take place has nothing to minute.
        awaits_minutes=Case(
            When(status__in=called_off, then=Value(False)),
            When(Exists(of_meeting.published()), then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        ),
    )


def _rows(meetings, today: datetime.date, states: dict | None = None) -> list[DashboardRow]:
    rows = []
    for meeting in meetings:
        deadline = meeting.publication_deadline
        rows.append(
            DashboardRow(
                meeting=meeting,
                publication_deadline=deadline,
                days_left=(deadline - today).days,
                to_follow=meeting.to_follow_count,
                item_count=meeting.item_count,
                pack_state=states.get(meeting.pk) if states is not None else None,
                meeting_has_passed=meeting.date < today,
            )
        )
    return rows


def upcoming_meetings(
    today: datetime.date | None = None, meetings: QuerySet | None = None
) -> tuple[list[DashboardRow], bool]:
    """Rows for every upcoming meeting, and whether pack states are available."""
    today = today or timezone.localdate()
    meetings = Meeting.objects.all() if meetings is None else meetings
    upcoming = list(
        _annotated(meetings.upcoming(today)).order_by("date", "start_time", "committee__name")
    )
    states = pack_states(upcoming)
    return _rows(upcoming, today, states), states is not None


def draft_meetings(
    today: datetime.date | None = None, meetings: QuerySet | None = None
) -> list[DashboardRow]:
    """Every meeting whose agenda is not published yet, whatever its date, soonest first."""
    today = today or timezone.localdate()
    meetings = Meeting.objects.all() if meetings is None else meetings
    drafts = _annotated(meetings.filter(status=Meeting.Status.DRAFT)).order_by(
        "date", "start_time", "committee__name"
    )
    return _rows(drafts, today)


def past_meetings(today: datetime.date | None = None, meetings: QuerySet | None = None):
    """Past meetings, those awaiting minutes first, then the most recent first (a queryset)."""
    today = today or timezone.localdate()
    meetings = Meeting.objects.all() if meetings is None else meetings
    return _annotated(meetings.past(today)).order_by(
        "-awaits_minutes", "-date", "-start_time", "committee__name", "pk"
    )


def past_rows(meetings, today: datetime.date | None = None) -> list[DashboardRow]:
    return _rows(meetings, today or timezone.localdate())
