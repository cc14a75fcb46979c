"""Cancelling, postponing and moving a meeting: actions of their own, told to everyone."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from meetings import rescheduling
from meetings.models import Meeting, MeetingChange
from meetings.services import NotAllowed
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    councillor_user,
    officer_user,
)

SOON = datetime.date.today() + datetime.timedelta(days=20)


def meeting_with_a_member():
    meeting = MeetingFactory(date=SOON)
    user = councillor_user(email="cllr.redman@example.org")
    MembershipFactory(committee=meeting.committee, person=PersonFactory(user=user))
    return meeting


def calendar_event(client, meeting):
    response = client.get(reverse("meetings:committee_calendar", args=[meeting.committee.slug]))
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    return event


@pytest.mark.django_db
def test_cancelling_tells_the_public_closes_questions_and_updates_calendars(
    client, django_capture_on_commit_callbacks
):
    meeting = meeting_with_a_member()
    before = calendar_event(client, meeting)
    client.force_login(officer_user())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("manage:meeting_cancel", args=[meeting.pk]),
            {"reason": "There is no business to consider."},
        )

    assert response.status_code == 302
    client.logout()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "This meeting has been cancelled. There is no business to consider." in page
    assert "Closed: the meeting is cancelled." in page
    assert "Give notice by" not in page
    event = calendar_event(client, meeting)
    assert event["status"] == "CANCELLED"
    assert event["sequence"] > before["sequence"]
    assert [message.to for message in mail.outbox] == [["cllr.redman@example.org"]]
    assert "There is no business to consider." in mail.outbox[0].body
    change = MeetingChange.objects.get(meeting=meeting, action="meeting.cancelled")
    assert change.fields == [{"field": "Status", "before": "Published", "after": "Cancelled"}]


@pytest.mark.django_db
def test_moving_gives_the_new_time_a_higher_sequence_and_says_where_it_was(client):
    meeting = meeting_with_a_member()
    before = calendar_event(client, meeting)
    new_day = SOON + datetime.timedelta(days=7)

    rescheduling.move_meeting(
        meeting, date=new_day, start_time=datetime.time(14, 0), venue="Council Chamber",
        reason="The room is needed for the election count.", user=None,
    )  # fmt: skip

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "This meeting has moved" in page and "Council Chamber" in page
    event = calendar_event(client, meeting)
    assert event.decoded("dtstart").date() == new_day
    assert event.decoded("dtstart").time() == datetime.time(14, 0)
    assert event["location"] == "Council Chamber"
    assert event["sequence"] > before["sequence"]
    assert event["status"] == "CONFIRMED"


@pytest.mark.django_db
def test_a_postponed_meeting_can_be_moved_to_its_new_date_and_a_held_one_cannot_change():
    meeting = meeting_with_a_member()
    rescheduling.postpone_meeting(meeting, reason="", user=None)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.POSTPONED
    assert not meeting.takes_public_questions

    rescheduling.move_meeting(
        meeting, date=SOON, start_time=datetime.time(11, 0), venue=meeting.venue, reason="",
        user=None,
    )  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED

    held = MeetingFactory(status=Meeting.Status.HELD)
    with pytest.raises(NotAllowed, match="cannot be cancelled, postponed or moved"):
        rescheduling.cancel_meeting(held, reason="Too late", user=None)


@pytest.mark.django_db
def test_a_cancellation_without_a_reason_is_refused_with_a_message(client):
    meeting = MeetingFactory(date=SOON)
    client.force_login(officer_user())

    response = client.post(reverse("manage:meeting_cancel", args=[meeting.pk]), {"reason": ""})

    assert "Give the reason: it is printed on the public page." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


@pytest.mark.django_db
def test_only_officers_may_reschedule(client):
    meeting = MeetingFactory(date=SOON)
    client.force_login(councillor_user())
    for name in ("meeting_cancel", "meeting_postpone", "meeting_move"):
        assert client.post(reverse(f"manage:{name}", args=[meeting.pk])).status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


@pytest.mark.browser
def test_an_officer_moves_then_cancels_a_meeting_in_a_browser(live_server, page, tmp_path):
    from playwright.sync_api import expect

    meeting = MeetingFactory(date=datetime.date(2030, 7, 12), venue="Luttrell Room")
    officer_user(username="officer")
    page.goto(f"{live_server.url}/sign-in/?next=/manage/meetings/{meeting.pk}/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse battery")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Meeting details").click()
    page.get_by_label("Venue").fill("New Council Chamber")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The meeting's details have been saved.")).to_be_visible()
    expect(page.get_by_text("New Council Chamber")).to_be_visible()

    page.get_by_role("link", name="Move", exact=True).click()
    page.fill("#id_date_0", "19")
    page.get_by_role("button", name="Move the meeting").click()
    expect(page.get_by_text("The meeting has moved")).to_be_visible()

    page.get_by_role("link", name="Cancel", exact=True).click()
    page.get_by_role("button", name="Cancel the meeting").click()
    expect(
        page.get_by_text("Give the reason: it is printed on the public page.").first
    ).to_be_visible()
    page.get_by_label("Reason, as the public page will give it").fill("No business.")
    page.get_by_role("button", name="Cancel the meeting").click()

    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    expect(page.locator("#meeting-notice")).to_contain_text(
        "This meeting has been cancelled. No business."
    )
    expect(page.get_by_text("Closed: the meeting is cancelled.")).to_be_visible()
    page.screenshot(path=tmp_path / "cancelled.png", full_page=True)
    meeting.refresh_from_db()
    assert (meeting.date, meeting.venue) == (datetime.date(2030, 7, 19), "New Council Chamber")
