import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def soon(days):
    return datetime.date.today() + datetime.timedelta(days=days)


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_the_calendar_has_announced_meetings_with_agenda_to_follow_until_published(client):
    meeting = MeetingFactory(date=soon(10), end_time=datetime.time(12, 30))
    draft = MeetingFactory(date=soon(12), status=Meeting.Status.DRAFT)
    event, announced = events(client.get(reverse("meetings:calendar")))
    assert announced["summary"] == f"{draft.committee.name} (agenda to follow)"
    assert "Agenda to be published by" in announced["description"]
    assert event["summary"] == meeting.committee.name
    assert event["location"] == meeting.venue
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend").time() == datetime.time(12, 30)
    assert str(event["url"]).endswith(meeting.get_absolute_url())
    assert event["status"] == "CONFIRMED"


def test_a_cancelled_meeting_stays_in_the_calendar_as_cancelled_with_a_new_sequence(client):
    meeting = MeetingFactory(date=soon(10))
    (before,) = events(client.get(reverse("meetings:calendar")))
    meeting.status = Meeting.Status.CANCELLED
    meeting.revision += 1
    meeting.save()
    (after,) = events(client.get(reverse("meetings:calendar")))
    assert after["uid"] == before["uid"]
    assert after["status"] == "CANCELLED"
    assert after["sequence"] > before["sequence"]


def test_a_committee_calendar_has_that_committees_meetings(client):
    committee = CommitteeFactory()
    MeetingFactory(committee=committee, date=soon(5))
    MeetingFactory(date=soon(6))
    response = client.get(reverse("meetings:committee_calendar", args=[committee.slug]))
    assert [str(event["summary"]) for event in events(response)] == [committee.name]
    assert client.get("/meetings/committee/no-such-committee.ics").status_code == 404


def test_the_calendar_costs_the_same_however_many_meetings(client, django_assert_num_queries):
    MeetingFactory.create_batch(2, date=soon(3))
    with django_assert_num_queries(1):
        client.get(reverse("meetings:calendar"))
    MeetingFactory.create_batch(10, date=soon(4))
    with django_assert_num_queries(1):
        assert len(events(client.get(reverse("meetings:calendar")))) == 12


def test_the_atom_feed_lists_published_agendas_newest_first(client):
    older = MeetingFactory(issue_date=datetime.date(2023, 4, 25))
    newer = MeetingFactory(issue_date=datetime.date(2023, 6, 21), date=datetime.date(2023, 6, 29))
    MeetingFactory(issue_date=None)
    feed = ET.fromstring(client.get(reverse("meetings:published_feed")).content)
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert [link.split("testserver")[-1] for link in links] == [
        newer.get_absolute_url(),
        older.get_absolute_url(),
    ]
