"""The work plan as printed and shown, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from committees.lineage import lineage_ids
from meetings.models import Meeting

from .models import Theme, WorkProgramme, WorkProgrammeItem, work_plan_date


@dataclass
class MeetingRow:
    meeting: Meeting
    items: list = field(default_factory=list)

    @property
    def heading(self) -> str:
        return work_plan_date(self.meeting)


@dataclass
class GroupRow:
    heading: str
    items: list = field(default_factory=list)


@dataclass
class WorkPlan:
    programme: WorkProgramme
    header_groups: list[GroupRow]
    meetings: list[MeetingRow]
    to_be_scheduled: list
    future_dates: list[str]
    themes: list[Theme]
    proposals: list
    declined: list


SECTION_HEADINGS = {
    WorkProgrammeItem.Section.OUTSTANDING: "Outstanding items from last year",
    WorkProgrammeItem.Section.WORKSHOP: "Workshop - to be scheduled",
}


def work_plan(programme: WorkProgramme) -> WorkPlan:
    items = list(
        WorkProgrammeItem.objects.filter(programme=programme)
        .select_related("meeting", "agenda_item", "proposed_by")
        .order_by("position", "pk")
    )
    meetings = list(
        Meeting.objects.filter(
            committee_id__in=lineage_ids(programme.committee),
            date__gte=programme.starts_on,
            date__lt=programme.dates_until,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "start_time")
    )
    themes = list(programme.themes.prefetch_related(Prefetch("topics")))

    live = [item for item in items if item.status != WorkProgrammeItem.Status.PROPOSED]
    live = [item for item in live if item.status != WorkProgrammeItem.Status.DROPPED]
    rows = {meeting.pk: MeetingRow(meeting=meeting) for meeting in meetings}
    groups: dict[str, GroupRow] = {}
    to_be_scheduled = []
    for item in live:
        if item.section == WorkProgrammeItem.Section.MEETING and item.meeting_id in rows:
            rows[item.meeting_id].items.append(item)
        elif item.section in SECTION_HEADINGS:
            heading = item.group_heading or SECTION_HEADINGS[item.section]
            groups.setdefault(heading, GroupRow(heading=heading)).items.append(item)
        else:
            to_be_scheduled.append(item)
    planned = [row for row in rows.values() if row.items]
    future = [work_plan_date(row.meeting) for row in rows.values() if not row.items]
    return WorkPlan(
        programme=programme,
        header_groups=list(groups.values()),
        meetings=planned,
        to_be_scheduled=to_be_scheduled,
        future_dates=future,
        themes=themes,
        proposals=[item for item in items if item.status == WorkProgrammeItem.Status.PROPOSED],
        declined=[item for item in items if item.status == WorkProgrammeItem.Status.DROPPED],
    )
