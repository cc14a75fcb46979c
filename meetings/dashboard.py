"""The officer dashboard: what needs doing before each upcoming meeting."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .models import Meeting
from .pack_state import pack_states


@dataclass
class DashboardRow:
    meeting: Meeting
    publication_deadline: datetime.date
    days_left: int
    to_follow: int
    item_count: int
    pack_state: str | None

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


def upcoming_meetings(today: datetime.date | None = None) -> tuple[list[DashboardRow], bool]:
    """Rows for every upcoming meeting, and whether pack states are available."""
    today = today or timezone.localdate()
    meetings = list(
        Meeting.objects.upcoming(today)
        .with_committee()
        .annotate(
            to_follow_count=Count(
                "items", filter=Q(items__is_to_follow=True, items__deferred_to__isnull=True)
            ),
            item_count=Count("items", filter=Q(items__parent__isnull=True)),
        )
        .order_by("date", "start_time", "committee__name")
    )
    states = pack_states(meetings)
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
            )
        )
    return rows, states is not None
