import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings.models import Document
from meetings.paper_sources import render_html
from minutes import services
from minutes.models import (
    AttendanceEntry,
    Comment,
    Decision,
    Minute,
    Minutes,
    MinutesLocked,
    MinutesSettings,
    MinutesStateError,
)
from minutes.services import record_correction
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MinuteFactory,
    MinutesFactory,
    officer_user,
)

pytestmark = pytest.mark.django_db


def _approved_minutes():
    minutes = MinutesFactory(meeting=MeetingFactory(date=datetime.date(2023, 3, 6)))
    minute = MinuteFactory(minutes=minutes, body="<p>As minuted</p>")
    later = MeetingFactory(committee=minutes.meeting.committee, date=datetime.date(2023, 5, 4))
    minutes.publish()
    minutes.approve(later)
    return minutes, minute, later


def test_minutes_move_from_draft_to_published_to_approved_to_final():
    minutes = MinutesFactory(meeting=MeetingFactory(date=datetime.date(2023, 3, 6)))
    later = MeetingFactory(committee=minutes.meeting.committee, date=datetime.date(2023, 5, 4))
    assert minutes.status == Minutes.Status.DRAFT
    with pytest.raises(MinutesStateError):
        minutes.approve(later)
    minutes.publish()
    assert minutes.status == Minutes.Status.PUBLISHED and minutes.published_at
    minutes.approve(later)
    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_at_meeting, minutes.approved_on) == (
        Minutes.Status.APPROVED,
        later,
        datetime.date(2023, 5, 4),
    )
    minutes.finalise()
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.FINAL


def test_minutes_are_approved_at_a_later_meeting_of_the_committee_or_its_successor():
    old = CommitteeFactory()
    new = CommitteeFactory(predecessor=old)
    minutes = MinutesFactory(meeting=MeetingFactory(committee=old, date=datetime.date(2023, 3, 6)))
    minutes.publish()
    with pytest.raises(MinutesStateError, match="later meeting"):
        minutes.approve(MeetingFactory(committee=new, date=datetime.date(2023, 3, 1)))
    with pytest.raises(MinutesStateError, match="same committee"):
        minutes.approve(MeetingFactory(date=datetime.date(2023, 5, 4)))
    minutes.approve(MeetingFactory(committee=new, date=datetime.date(2023, 5, 4)))
    assert minutes.status == Minutes.Status.APPROVED


def test_approved_minutes_refuse_an_unrecorded_edit():
    minutes, minute, _ = _approved_minutes()
    minute.body = "<p>Quietly rewritten</p>"
    with pytest.raises(MinutesLocked):
        services.save_part(minute)
    with pytest.raises(MinutesLocked):
        services.add_part(Comment(minute=minute, text="Added later"))
    with pytest.raises(MinutesLocked):
        services.remove_part(minute)
    with pytest.raises(MinutesLocked):
        services.save_details(minutes, {"end_time": datetime.time(17, 0)})
    with pytest.raises(MinutesLocked):
        services.delete_minutes(minutes)
    assert Minute.objects.get(pk=minute.pk).body == "<p>As minuted</p>"
    assert not Comment.objects.exists()
    assert Minutes.objects.get(pk=minutes.pk).end_time != datetime.time(17, 0)


def test_the_services_read_the_lock_as_it_stands_not_as_it_was_read():
    """Minutes read while published, approved since (by another officer): still refused."""
    minutes = MinutesFactory(meeting=MeetingFactory(date=datetime.date(2023, 3, 6)))
    minute = MinuteFactory(minutes=minutes, body="<p>As minuted</p>")
    minutes.publish()
    stale = Minutes.objects.get(pk=minutes.pk)
    stale_minute = Minute.objects.select_related("minutes").get(pk=minute.pk)
    later = MeetingFactory(committee=minutes.meeting.committee, date=datetime.date(2023, 5, 4))
    services.approve_minutes(minutes, later)
    assert not stale.is_locked and not stale_minute.minutes.is_locked
    stale_minute.body = "<p>Rewritten</p>"
    with pytest.raises(MinutesLocked):
        services.save_part(stale_minute)
    with pytest.raises(MinutesLocked):
        services.save_details(stale, {"heading": "NEW"})
    with pytest.raises(MinutesLocked):
        services.add_members_on_the_day(stale)
    assert Minute.objects.get(pk=minute.pk).body == "<p>As minuted</p>"
    # A step of the life cycle reads them as they are too: published again, no.
    with pytest.raises(MinutesStateError):
        services.publish_minutes(stale)
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.APPROVED


def test_a_correction_is_only_for_approved_minutes():
    minutes = MinutesFactory()
    minute = MinuteFactory(minutes=minutes)
    with pytest.raises(MinutesStateError):
        record_correction(minute, user=None, reason="Why not", changes={"heading": "Other"})
    assert not minutes.corrections.exists()


@pytest.fixture
def admin_client(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "pw"))
    return client


def test_the_admin_cannot_change_approved_minutes(admin_client):
    minutes, minute, _ = _approved_minutes()
    decision = Decision.objects.create(minute=minute, wording="It was AGREED", position=1)
    change = reverse("admin:minutes_minute_change", args=[minute.pk])
    response = admin_client.post(change, {"heading": "Rewritten", "number": 1, "body": "x"})
    assert response.status_code == 403
    response = admin_client.post(
        reverse("admin:minutes_minutes_change", args=[minutes.pk]), {"end_time": "17:00"}
    )
    assert response.status_code == 403
    # Added to approved minutes: refused on the form, nothing saved.
    response = admin_client.post(
        reverse("admin:minutes_decision_add"),
        {"minute": minute.pk, "kind": "agreed", "wording": "Added later", "position": 2},
    )
    assert response.status_code == 200
    assert "They can only be changed by recording a correction." in response.content.decode()
    # "Delete selected" on the change list: refused too.
    admin_client.post(
        reverse("admin:minutes_decision_changelist"),
        {"action": "delete_selected", "_selected_action": [decision.pk], "post": "yes"},
    )
    assert list(Decision.objects.all()) == [decision]
    assert Minute.objects.get(pk=minute.pk).heading == minute.heading


def test_the_admin_edits_minutes_not_yet_approved_through_the_services(admin_client):
    minutes = MinutesFactory()
    minute = MinuteFactory(minutes=minutes, number=1, heading="Apologies")
    response = admin_client.post(
        reverse("admin:minutes_decision_add"),
        {"minute": minute.pk, "kind": "agreed", "wording": "It was AGREED", "position": 1},
    )
    assert response.status_code == 302
    admin_client.post(
        reverse("admin:minutes_decision_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [Decision.objects.get().pk],
            "post": "yes",
        },
    )
    assert not Decision.objects.exists()


def test_a_recorded_correction_changes_approved_minutes_and_keeps_who_when_what_why():
    minutes, minute, _ = _approved_minutes()
    user = officer_user()
    correction = record_correction(
        minute,
        user=user,
        reason="Typo spotted by the Chair",
        changes={"body": "<p>As corrected</p>"},
    )
    assert Minute.objects.get(pk=minute.pk).body == "<p>As corrected</p>"
    assert correction.made_by == user
    assert "As minuted" in correction.before and "As corrected" in correction.after
    assert correction.reason == "Typo spotted by the Chair"
    assert list(minutes.corrections.all()) == [correction]


def test_officer_edit_page_on_approved_minutes_needs_a_reason_and_records_it(client):
    minutes, minute, _ = _approved_minutes()
    client.force_login(officer_user())
    url = reverse("minutes:save_minute", args=[minute.pk])
    data = {"number": minute.number, "heading": "New heading",
            "agenda_item": minute.agenda_item_id, "body": minute.body}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert Minute.objects.get(pk=minute.pk).heading != "New heading"
    response = client.post(url, {**data, "correction_reason": "Wrong title"})
    assert response.status_code == 302
    assert Minute.objects.get(pk=minute.pk).heading == "New heading"
    assert minutes.corrections.get().reason == "Wrong title"


def test_a_minute_pointing_at_another_meetings_item_is_refused():
    minutes = MinutesFactory()
    other_item = AgendaItemFactory()
    minute = Minute(minutes=minutes, number=1, heading="Declarations", agenda_item=other_item)
    with pytest.raises(ValidationError, match="belongs to another meeting"):
        services.add_part(minute)
    assert not Minute.objects.exists()


def test_the_officer_form_refuses_another_meetings_item_with_a_clear_message(client):
    minutes = MinutesFactory()
    client.force_login(officer_user())
    response = client.post(
        reverse("minutes:add_minute", args=[minutes.meeting_id]),
        {
            "number": 1,
            "heading": "Declarations",
            "agenda_item": AgendaItemFactory().pk,
        },
    )
    assert response.status_code == 200
    assert "belongs to another meeting" in response.content.decode()
    assert not minutes.minute_entries.exists()


def test_running_numbers_continue_through_the_municipal_year():
    committee = CommitteeFactory()
    MinutesSettings.objects.create(committee=committee, numbering=MinutesSettings.Numbering.RUNNING)
    january = MinutesFactory(
        meeting=MeetingFactory(committee=committee, date=datetime.date(2018, 1, 26))
    )
    MinuteFactory(minutes=january, number=55, paragraph=0)
    MinuteFactory(minutes=january, number=55, paragraph=1)
    march = MinutesFactory(
        meeting=MeetingFactory(committee=committee, date=datetime.date(2018, 3, 16))
    )
    assert march.next_number() == (56, 0)
    assert MinuteFactory(minutes=january, number=55, paragraph=1).label == "55.1"
    may = MinutesFactory(
        meeting=MeetingFactory(committee=committee, date=datetime.date(2018, 5, 18))
    )
    assert may.next_number() == (1, 0)


def test_draft_minutes_are_not_public(client):
    minutes = MinutesFactory()
    assert client.get(reverse("minutes:detail", args=[minutes.meeting_id])).status_code == 404
    minutes.publish()
    page = client.get(reverse("minutes:detail", args=[minutes.meeting_id])).content.decode()
    assert "subject to approval at the next meeting" in page


@pytest.mark.parametrize("count", [2, 10])
def test_minutes_page_has_a_fixed_query_count(client, django_assert_num_queries, count):
    minutes = MinutesFactory()
    for n in range(count):
        minute = MinuteFactory(minutes=minutes)
        Comment.objects.create(minute=minute, text=f"Comment {n}", response="Answer")
        Decision.objects.create(minute=minute, wording=f"It was AGREED {n}")
        AttendanceEntry.objects.create(minutes=minutes, name=f"Cllr A Person{n}")
    minutes.publish()
    with django_assert_num_queries(10):
        response = client.get(reverse("minutes:detail", args=[minutes.meeting_id]))
    assert response.content.decode().count("It was AGREED") == count


def test_minutes_paper_renders_the_previous_meeting_and_weasyprint_reads_it():
    from weasyprint import HTML

    old = CommitteeFactory(name="Scrutiny for Policies, Children and Families Committee")
    new = CommitteeFactory(predecessor=old)
    march = MeetingFactory(
        committee=old,
        date=datetime.date(2023, 3, 6),
        start_time=datetime.time(13, 0),
        venue="Luttrell Room - County Hall, Taunton",
    )
    minutes = MinutesFactory(meeting=march, end_time=datetime.time(16, 5))
    item = AgendaItemFactory(meeting=march, position=2, title="Declarations of Interest")
    MinuteFactory(
        minutes=minutes,
        number=1,
        heading="Declarations of Interest",
        agenda_item=item,
        body="<p>There were no new declarations of interest made at the meeting.</p>",
    )
    minutes.publish()
    may = MeetingFactory(committee=new, date=datetime.date(2023, 5, 4))
    html = render_html(Document(meeting=may, kind=Document.Kind.MINUTES, title="Minutes"))
    assert (
        "Minutes of a Meeting of the Scrutiny for Policies, Children and Families Committee "
        "held in the Luttrell Room - County Hall, Taunton, on Monday 6 March 2023 at 1.00 pm"
    ) in html
    assert "<strong>Declarations of Interest</strong> - Agenda Item 2" in html
    assert "(The meeting ended at 4.05 pm)" in html
    assert "CHAIR" in html
    assert HTML(string=html).write_pdf().startswith(b"%PDF")


def test_the_minutes_pdf_is_rendered_once_per_version_of_the_minutes(client, monkeypatch):
    import io

    from pypdf import PdfReader

    from packs import rendering

    renders = []
    real_render = rendering.render
    monkeypatch.setattr(
        rendering, "render", lambda *arguments: renders.append(1) or real_render(*arguments)
    )
    minutes = MinutesFactory()
    MinuteFactory(minutes=minutes, body="<p>It was AGREED to receive an update.</p>")
    minutes.publish()
    url = reverse("minutes:pdf", args=[minutes.meeting_id])

    first = b"".join(client.get(url).streaming_content)
    second = b"".join(client.get(url).streaming_content)

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(first)).pages)
    assert "It was AGREED to receive an update." in text
    assert first == second
    assert len(renders) == 1


def test_the_previous_minutes_are_those_of_the_previous_meeting_or_none():
    committee = CommitteeFactory()
    march = MinutesFactory(
        meeting=MeetingFactory(committee=committee, date=datetime.date(2023, 3, 6))
    )
    march.publish()
    may = MeetingFactory(committee=committee, date=datetime.date(2023, 5, 4))
    july = MeetingFactory(committee=committee, date=datetime.date(2023, 7, 12))
    MeetingFactory(committee=committee, date=datetime.date(2023, 6, 1), status="cancelled")

    assert Minutes.objects.previous_for(may) == march
    assert Minutes.objects.previous_for(july) is None, "May's minutes are not written yet"
    may_minutes = MinutesFactory(meeting=may)
    may_minutes.publish()
    assert Minutes.objects.previous_for(july) == may_minutes
