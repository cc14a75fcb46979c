import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from meetings import dashboard
from meetings.models import Meeting
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2023, 4, 20, 9, 0), tick=False)
def test_dashboard_shows_deadline_days_left_and_to_follow(officer_client):
    meeting = MeetingFactory(date=datetime.date(2023, 5, 4), status=Meeting.Status.DRAFT)
    AgendaItemFactory(meeting=meeting, position=1, title="Apologies")
    AgendaItemFactory(meeting=meeting, position=2, is_to_follow=True)
    AgendaItemFactory(meeting=meeting, position=3, is_to_follow=True)
    MeetingFactory(date=datetime.date(2023, 4, 1), committee=meeting.committee)
    MeetingFactory(date=datetime.date(2023, 6, 1), status=Meeting.Status.CANCELLED)

    rows, shows_packs = dashboard.upcoming_meetings()

    assert [row.meeting for row in rows] == [meeting]
    (row,) = rows
    assert row.publication_deadline == datetime.date(2023, 4, 25)
    assert row.days_left == 5
    assert row.to_follow == 2
    assert row.item_count == 3
    assert shows_packs is True
    assert row.pack_state == "Not published"
    page = officer_client.get(reverse("manage:dashboard")).content.decode()
    assert "25 April 2023" in page
    assert "5 days" in page
    assert ">Pack<" in page


@time_machine.travel(datetime.datetime(2023, 4, 27, 9, 0), tick=False)
def test_a_draft_past_its_deadline_is_overdue(officer_client):
    MeetingFactory(date=datetime.date(2023, 5, 4), status=Meeting.Status.DRAFT)

    page = officer_client.get(reverse("manage:dashboard")).content.decode()

    assert "Overdue: 2 days ago" in page


@time_machine.travel(datetime.datetime(2023, 4, 20, 9, 0), tick=False)
def test_pack_state_is_shown_when_the_packs_app_provides_it(officer_client, monkeypatch):
    meeting = MeetingFactory(date=datetime.date(2023, 5, 4))
    monkeypatch.setattr(
        dashboard, "pack_states", lambda meetings: {m.pk: "Published" for m in meetings}
    )

    rows, shows_packs = dashboard.upcoming_meetings()
    page = officer_client.get(reverse("manage:dashboard")).content.decode()

    assert shows_packs and rows[0].pack_state == "Published"
    assert rows[0].meeting == meeting
    assert ">Pack<" in page


def test_without_the_packs_app_there_is_no_pack_state(officer_client, monkeypatch):
    from meetings import pack_state

    monkeypatch.setattr(pack_state.apps, "is_installed", lambda name: name != "packs")
    MeetingFactory(date=timezone.localdate() + datetime.timedelta(days=30))

    assert pack_state.pack_states([]) is None
    page = officer_client.get(reverse("manage:dashboard")).content.decode()
    assert ">Pack<" not in page
