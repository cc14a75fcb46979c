"""
The public calendar of meetings: a month at a time, or a list of the upcoming and recent
meetings grouped by month. Every meeting is on it from the moment it exists (its date,
time, venue and committee are public notice); nothing of an agenda is (committees/access.py).
Each page reads the committees once and the meetings once, however many there are.
"""

import calendar as stdlib_calendar
import datetime
import re
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Q

from committees.models import Committee

from .models import Meeting

FIRST_YEAR, LAST_YEAR = 1900, 2999
RECENT_DAYS = 90
UPCOMING_DAYS = 366
MONTH = re.compile(r"(\d{4})-(\d{1,2})")
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    meetings: list[Meeting] = field(default_factory=list)


@dataclass
class MonthGroup:
    month: datetime.date  # its first day
    meetings: list[Meeting]


def parse_month(value: str | None, today: datetime.date) -> tuple[datetime.date, str]:
    """The first day of the month asked for as YYYY-MM, and what was wrong with it if
    anything (then the current month)."""
    this_month = today.replace(day=1)
    if value is None or value == "":
        return this_month, ""
    match = MONTH.fullmatch(value.strip())
    if match:
        year, month = int(match[1]), int(match[2])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return datetime.date(year, month, 1), ""
    return this_month, (
        f"“{value[:20]}” is not a month the calendar can show, so this is the current month. "
        f"Give a month as year and month, for example {this_month:%Y-%m}, from {FIRST_YEAR} "
        f"to {LAST_YEAR}."
    )


def previous_month(month: datetime.date) -> datetime.date | None:
    if month.year == FIRST_YEAR and month.month == 1:
        return None
    return (month - datetime.timedelta(days=1)).replace(day=1)


def next_month(month: datetime.date) -> datetime.date | None:
    if month.year == LAST_YEAR and month.month == 12:
        return None
    return (month + datetime.timedelta(days=31)).replace(day=1)


def end_of_month(month: datetime.date) -> datetime.date:
    return month.replace(day=stdlib_calendar.monthrange(month.year, month.month)[1])


def committee_choices(slug: str | None) -> tuple[list[Committee], Committee | None, str]:
    """The committees to filter by (one query), the one asked for, and a message when the
    one asked for does not exist."""
    slug = (slug or "").strip()
    wanted = Q(is_active=True) | Q(slug=slug) if slug else Q(is_active=True)
    committees = list(
        Committee.objects.filter(wanted).select_related("council").order_by("council__name", "name")
    )
    if not slug:
        return committees, None, ""
    chosen = next((committee for committee in committees if committee.slug == slug), None)
    if chosen is None:
        return committees, None, "There is no such committee. These are all committees' meetings."
    return committees, chosen, ""


def meetings_between(
    first: datetime.date, last: datetime.date, committee: Committee | None
) -> list[Meeting]:
    """The announced meetings from the first day to the last, in order (one query)."""
    meetings = (
        Meeting.objects.announced()
        .with_committee()
        .filter(date__gte=first, date__lte=last)
        .order_by("date", "start_time", "committee__name")
    )
    if committee is not None:
        meetings = meetings.filter(committee=committee)
    return list(meetings)


def month_weeks(month: datetime.date, meetings, today: datetime.date) -> list[list[Day]]:
    """The month's weeks, Monday first, each day with its meetings."""
    by_day = {
        day: list(of_day) for day, of_day in groupby(meetings, key=lambda meeting: meeting.date)
    }
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [
        [
            Day(
                date=day,
                in_month=day.month == month.month,
                is_today=day == today,
                meetings=by_day.get(day, []) if day.month == month.month else [],
            )
            for day in week
        ]
        for week in weeks
    ]


def by_month(meetings, *, newest_first: bool = False) -> list[MonthGroup]:
    meetings = sorted(
        meetings, key=lambda meeting: (meeting.date, meeting.start_time), reverse=newest_first
    )
    return [
        MonthGroup(month=month, meetings=list(of_month))
        for month, of_month in groupby(meetings, key=lambda meeting: meeting.date.replace(day=1))
    ]


def list_range(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today - datetime.timedelta(days=RECENT_DAYS), today + datetime.timedelta(
        days=UPCOMING_DAYS
    )
