"""
Ways to follow meetings without checking the website: calendar (iCalendar)
feeds of meetings, and an Atom feed of newly published agendas.

The calendars hold every announced meeting (committees/access.py): one whose agenda is not
yet published says "agenda to follow" and when it is due, and nothing of the agenda. Times
are in Europe/London, with its VTIMEZONE in the calendar, so a meeting at 10am is at 10am in
summer and winter alike in every calendar program.
"""

import datetime

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from committees.formatting import long_date, plain_date
from committees.models import Committee

from .models import Meeting

CALENDAR_DAYS_BACK = 365
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def meetings_calendar(request):
    return _calendar_response(
        Meeting.objects.all(), name="Council scrutiny meetings", filename="meetings.ics"
    )


def committee_calendar(request, slug):
    committee = get_object_or_404(Committee, slug=slug)
    return _calendar_response(
        Meeting.objects.filter(committee=committee),
        name=committee.name,
        filename=f"{committee.slug}.ics",
    )


def _calendar_response(meetings, *, name: str, filename: str) -> HttpResponse:
    since = timezone.localdate() - datetime.timedelta(days=CALENDAR_DAYS_BACK)
    meetings = meetings.with_committee().announced().filter(date__gte=since)
    response = HttpResponse(
        meetings_to_ical(meetings, name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meetings_to_ical(meetings, name: str) -> bytes:
    """One event per meeting. SEQUENCE follows the meeting's revision, so a moved or
    cancelled meeting updates in people's calendars rather than being added again."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Council scrutiny portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    first = last = None
    for meeting in meetings:
        first = min(first or meeting.date, meeting.date)
        last = max(last or meeting.date, meeting.date)
        start = meeting.starts_at
        end = (
            timezone.make_aware(datetime.datetime.combine(meeting.date, meeting.end_time))
            if meeting.end_time
            else start + DEFAULT_LENGTH
        )
        url = settings.SITE_URL + meeting.get_absolute_url()
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.pk}@{settings.SITE_URL.split('://')[-1]}")
        event.add("summary", _summary(meeting))
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("dtstamp", meeting.updated_at)
        event.add("sequence", meeting.revision)
        event.add("location", meeting.venue)
        event.add("url", url)
        if meeting.is_agenda_published:
            event.add("description", f"Agenda and papers: {url}")
        else:
            deadline = plain_date(meeting.publication_deadline)
            event.add("description", f"Agenda to be published by {deadline}: {url}")
        event.add("status", "CANCELLED" if meeting.is_called_off else "CONFIRMED")
        if meeting.notice:
            event.add("comment", meeting.notice)
        calendar.add_component(event)
    if first is not None:
        # The VTIMEZONE of every zone the events use (Europe/London), from the year before
        # the first meeting to some years after the last: DTSTART;TZID=Europe/London.
        calendar.add_missing_timezones(
            first_date=datetime.date(first.year - 1, 1, 1),
            last_date=datetime.date(max(last.year, timezone.localdate().year) + 5, 1, 1),
        )
    return calendar.to_ical()


def _summary(meeting: Meeting) -> str:
    if meeting.is_called_off:
        return f"{meeting.get_status_display()}: {meeting.committee.name}"
    if not meeting.is_agenda_published:
        return f"{meeting.committee.name} (agenda to follow)"
    return meeting.committee.name


class PublishedAgendasFeed(Feed):
    """Newly published agendas, newest first."""

    feed_type = Atom1Feed
    title = "Council scrutiny: published agendas"
    link = "/"
    subtitle = "Agendas of council scrutiny committees, as they are published."

    def items(self):
        return (
            Meeting.objects.with_committee()
            .published()
            .filter(issue_date__isnull=False)
            .order_by("-issue_date", "-date")[:30]
        )

    def item_title(self, meeting):
        return f"{meeting.committee.name}, {long_date(meeting.date)}"

    def item_description(self, meeting):
        return f"The agenda for the meeting on {long_date(meeting.date)} is published."

    def item_pubdate(self, meeting):
        return timezone.make_aware(datetime.datetime.combine(meeting.issue_date, datetime.time()))

    def item_updateddate(self, meeting):
        return meeting.updated_at
