"""
Ways to follow meetings without checking the website: calendar (iCalendar)
feeds of meetings, and an Atom feed of newly published agendas.
"""

import datetime

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from committees.formatting import long_date
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
    meetings = meetings.with_committee().visible_to_public().filter(date__gte=since)
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
    for meeting in meetings:
        start = meeting.starts_at
        end = (
            timezone.make_aware(datetime.datetime.combine(meeting.date, meeting.end_time))
            if meeting.end_time
            else start + DEFAULT_LENGTH
        )
        url = settings.SITE_URL + meeting.get_absolute_url()
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.pk}@{settings.SITE_URL.split('://')[-1]}")
        event.add(
            "summary",
            f"{meeting.get_status_display()}: {meeting.committee.name}"
            if meeting.is_called_off
            else meeting.committee.name,
        )
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("dtstamp", meeting.updated_at)
        event.add("sequence", meeting.revision)
        event.add("location", meeting.venue)
        event.add("url", url)
        event.add("description", f"Agenda and papers: {url}")
        event.add("status", "CANCELLED" if meeting.is_called_off else "CONFIRMED")
        if meeting.notice:
            event.add("comment", meeting.notice)
        calendar.add_component(event)
    return calendar.to_ical()


class PublishedAgendasFeed(Feed):
    """Newly published agendas, newest first."""

    feed_type = Atom1Feed
    title = "Council scrutiny: published agendas"
    link = "/"
    subtitle = "Agendas of council scrutiny committees, as they are published."

    def items(self):
        return (
            Meeting.objects.with_committee()
            .visible_to_public()
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
