"""A calendar feed per person: the meetings of every committee they sit on today."""

import datetime

import icalendar
import pytest

from meetings.models import Meeting
from tests.factories import CommitteeFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def summaries(response) -> list[str]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return sorted(str(event["summary"]) for event in calendar.walk("VEVENT"))


def test_it_holds_the_meetings_of_each_committee_the_person_sits_on(client):
    person = PersonFactory()
    first = CommitteeFactory(name="Children")
    second = CommitteeFactory(name="Adults")
    left = CommitteeFactory(name="Left long ago")
    MembershipFactory(committee=first, person=person)
    MembershipFactory(committee=second, person=person)
    MembershipFactory(
        committee=left,
        person=person,
        start_date=datetime.date(2019, 5, 1),
        end_date=datetime.date(2020, 5, 1),
    )
    soon = datetime.date.today() + datetime.timedelta(days=10)
    MeetingFactory(committee=first, date=soon)
    MeetingFactory(committee=second, date=soon, status=Meeting.Status.DRAFT)
    MeetingFactory(committee=left, date=soon)
    MeetingFactory(date=soon)  # someone else's committee

    response = client.get(f"/people/{person.pk}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert summaries(response) == ["Adults (agenda to follow)", "Children"]


def test_the_person_page_links_to_it(client):
    membership = MembershipFactory(person=PersonFactory())
    page = client.get(f"/people/{membership.person.pk}/").content.decode()
    assert f"/people/{membership.person.pk}/calendar.ics" in page


def test_someone_without_a_page_has_no_calendar(client):
    officer = PersonFactory(is_councillor=False)
    assert client.get(f"/people/{officer.pk}/calendar.ics").status_code == 404
    assert client.get("/people/999999/calendar.ics").status_code == 404
