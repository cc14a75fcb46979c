"""The tracker as shown: current, archived, or as it stood on a past day (for a pack).

Every read of entries here goes through committees/access.py: a page is built for the person
looking (`user`); the pack paper, which everyone may be sent, never holds an exempt entry.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from committees import access

from .models import LegendStatus, StatusChange, Tracker, TrackerEntry


@dataclass
class Row:
    entry: TrackerEntry
    status: LegendStatus
    status_note: str
    update_form: object = None


@dataclass
class MeetingGroup:
    meeting: object
    rows: list[Row] = field(default_factory=list)


@dataclass
class TrackerView:
    tracker: Tracker
    legend: list[LegendStatus]
    groups: list[MeetingGroup]

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


def _group(rows: list[Row]) -> list[MeetingGroup]:
    groups: dict[int, MeetingGroup] = {}
    for row in rows:
        meeting = row.entry.meeting
        groups.setdefault(meeting.pk, MeetingGroup(meeting=meeting)).rows.append(row)
    return sorted(groups.values(), key=lambda group: (group.meeting.date, group.meeting.start_time))


def visible_entries(tracker: Tracker, user):
    """The tracker's entries, current and archived, that this person may see."""
    return access.visible(user, TrackerEntry.objects.filter(tracker=tracker), tracker.committee)


def current_view(tracker: Tracker, *, user, archived: bool = False) -> TrackerView:
    """The tracker (or its archive) as this person may see it: exempt entries only for
    officers and the committee's current members."""
    entries = visible_entries(tracker, user).for_display().in_print_order()
    entries = entries.archived() if archived else entries.on_tracker()
    rows = [
        Row(entry=entry, status=entry.status, status_note=entry.status_note) for entry in entries
    ]
    return TrackerView(tracker=tracker, legend=list(tracker.statuses.all()), groups=_group(rows))


def view_as_at(tracker: Tracker, day: datetime.date) -> TrackerView:
    """What the public tracker showed on `day`, replayed from each entry's history.

    For the pack paper, so it ALWAYS leaves out exempt entries (agreed or minuted under an
    exempt item or a sub-part of one), whoever asks: the paper is rendered once for both the
    public and the confidential pack, which share their page numbers.
    """
    entries = list(
        TrackerEntry.objects.unrestricted()
        .filter(tracker=tracker, agreed_on__lte=day)
        .exclude(archived_on__lte=day)
        .for_display()
        .in_print_order()
    )
    end_of_day = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    latest_change = {}
    for change in (
        StatusChange.objects.filter(entry__in=entries, changed_at__lte=end_of_day)
        .select_related("to_status")
        .order_by("changed_at", "pk")
    ):
        latest_change[change.entry_id] = change
    rows = []
    for entry in entries:
        change = latest_change.get(entry.pk)
        if change is None:
            continue
        rows.append(Row(entry=entry, status=change.to_status, status_note=change.status_note))
    return TrackerView(tracker=tracker, legend=list(tracker.statuses.all()), groups=_group(rows))
