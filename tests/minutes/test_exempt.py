"""
Exempt (Part 2, Schedule 12A) minutes: the minute of an exempt item, or of a sub-part of one,
is printed for the public as its number, heading and "Exempt information: Schedule 12A
paragraph N", on the minutes page, the print view, the PDF and the previous-minutes pack paper.
Officers and the committee's current members read it in full.
"""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from committees import access
from meetings.models import Document, Meeting
from meetings.paper_sources import render_html
from minutes.models import (
    Comment,
    Decision,
    Declaration,
    Minute,
    Minutes,
    MinutesLocked,
    PublicSpeaker,
)
from minutes.services import record_correction, save_part
from tests.factories import (
    ENTITLED_PERSONAS,
    PUBLIC_PERSONAS,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MinuteFactory,
    MinutesFactory,
    officer_user,
    persona,
)

pytestmark = pytest.mark.django_db

SECRET = "EXEMPT-MINUTE-SECRET"
EXEMPT_LINE = "Exempt information: Schedule 12A paragraph 3"
EXEMPT_HEADING = "Award of the home to school transport contract"
SUBPART_HEADING = "Transport contract: the bidders"
PUBLIC_TEXT = "The Committee welcomed the annual report."


def _exempt_minute(minutes, item, number, heading):
    """A minute with the secret in every part a minute has."""
    minute = MinuteFactory(
        minutes=minutes,
        number=number,
        heading=heading,
        agenda_item=item,
        body=f"<p>{SECRET} body</p>",
        comments_intro=f"{SECRET} comments intro",
        closing=f"<p>{SECRET} closing</p>",
    )
    Comment.objects.create(minute=minute, text=f"{SECRET} comment", response=f"{SECRET} response")
    Decision.objects.create(minute=minute, wording=f"It was RESOLVED that {SECRET} decision")
    PublicSpeaker.objects.create(
        minute=minute, name=f"{SECRET} speaker", statement=f"{SECRET} statement"
    )
    Declaration.objects.create(
        minutes=minutes, minute=minute, name="Cllr A Person", description=f"as {SECRET} director"
    )
    return minute


@pytest.fixture
def committee():
    return CommitteeFactory()


@pytest.fixture
def minutes(committee):
    """Minute 1 public; minute 2 on exempt item 5; minute 3 on a sub-part of exempt item 6."""
    meeting = MeetingFactory(
        committee=committee, date=datetime.date(2023, 3, 6), status=Meeting.Status.HELD
    )
    minutes = MinutesFactory(meeting=meeting)
    public_item = AgendaItemFactory(meeting=meeting, position=4, title="Annual report")
    MinuteFactory(
        minutes=minutes,
        number=1,
        heading="Annual report",
        agenda_item=public_item,
        body=f"<p>{PUBLIC_TEXT}</p>",
    )
    exempt_item = AgendaItemFactory(
        meeting=meeting, position=5, title=EXEMPT_HEADING, is_exempt=True, exempt_paragraph=3
    )
    _exempt_minute(minutes, exempt_item, 2, EXEMPT_HEADING)
    parent = AgendaItemFactory(
        meeting=meeting, position=6, title="Transport", is_exempt=True, exempt_paragraph=3
    )
    sub_part = AgendaItemFactory(meeting=meeting, parent=parent, position=1, title="Bidders")
    _exempt_minute(minutes, sub_part, 3, SUBPART_HEADING)
    minutes.publish()
    return minutes


def _viewer(kind, committee):
    return persona(kind, committee)


PUBLIC_VIEWERS = PUBLIC_PERSONAS
FULL_VIEWERS = ENTITLED_PERSONAS
VIEWS = ["minutes:detail", "minutes:print", "minutes:pdf"]


def _text_of(response) -> str:
    """What the reader gets, as text with single spaces (the PDF's text extracted by pypdf)."""
    if response["Content-Type"] == "application/pdf":
        from pypdf import PdfReader

        data = b"".join(response.streaming_content)
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    else:
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(text.split())


def _get(client, viewer, view, minutes):
    if viewer is not None:
        client.force_login(viewer)
    response = client.get(reverse(view, args=[minutes.meeting_id]))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("kind", PUBLIC_VIEWERS)
def test_exempt_minutes_are_number_heading_and_paragraph_for_the_public(
    client, minutes, committee, kind, view
):
    response = _get(client, _viewer(kind, committee), view, minutes)
    text = _text_of(response)
    assert SECRET not in text
    assert SECRET not in (response.content.decode() if view != "minutes:pdf" else "")
    assert PUBLIC_TEXT in text
    assert f"2 {EXEMPT_HEADING} - Agenda Item 5" in text
    assert f"3 {SUBPART_HEADING} - Agenda Item (a)" in text
    assert text.count(EXEMPT_LINE) == 2
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("kind", FULL_VIEWERS)
def test_officers_and_current_members_read_exempt_minutes_in_full(
    client, minutes, committee, kind, view
):
    response = _get(client, _viewer(kind, committee), view, minutes)
    text = _text_of(response)
    for part in ("body", "comment", "response", "decision", "speaker", "statement", "closing"):
        assert f"{SECRET} {part}" in text
    assert f"2 {EXEMPT_HEADING} - Agenda Item 5" in text
    assert EXEMPT_LINE not in text
    assert "Not for publication: exempt information under Schedule 12A paragraph 3" in text
    assert response["Cache-Control"] == "private, no-store"


def test_a_minute_under_a_sub_part_of_an_exempt_item_is_withheld(client, committee):
    meeting = MeetingFactory(committee=committee, status=Meeting.Status.HELD)
    minutes = MinutesFactory(meeting=meeting)
    parent = AgendaItemFactory(
        meeting=meeting, position=7, title="Contracts", is_exempt=True, exempt_paragraph=3
    )
    sub_part = AgendaItemFactory(meeting=meeting, parent=parent, position=2, title="Transport")
    assert not sub_part.is_exempt
    _exempt_minute(minutes, sub_part, 9, SUBPART_HEADING)
    minutes.publish()

    for view in VIEWS:
        text = _text_of(_get(client, None, view, minutes))
        assert SECRET not in text
        assert f"9 {SUBPART_HEADING} - Agenda Item (b) {EXEMPT_LINE}" in text


def test_the_previous_minutes_pack_paper_is_always_the_public_form(minutes, committee):
    may = MeetingFactory(committee=committee, date=datetime.date(2023, 5, 4))
    html = render_html(Document(meeting=may, kind=Document.Kind.MINUTES, title="Minutes"))
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert SECRET not in html
    assert PUBLIC_TEXT in text
    assert f"2 {EXEMPT_HEADING} - Agenda Item 5 {EXEMPT_LINE}" in text
    assert f"3 {SUBPART_HEADING} - Agenda Item (a) {EXEMPT_LINE}" in text


def test_corrections_to_minutes_with_exempt_minutes_are_not_published(client, minutes, committee):
    minutes.approve(MeetingFactory(committee=committee, date=datetime.date(2023, 5, 4)))
    decision = Decision.objects.get(minute__number=2)
    with pytest.raises(MinutesLocked):
        save_part(decision)
    record_correction(
        decision,
        user=None,
        reason="Wording as agreed",
        changes={"wording": f"It was RESOLVED that {SECRET} corrected"},
    )
    public = _text_of(_get(client, None, "minutes:detail", minutes))
    assert SECRET not in public
    assert "the record of corrections is not published here" in public
    member = _text_of(_get(client, _viewer("member", committee), "minutes:detail", minutes))
    assert f"{SECRET} corrected" in member
    assert "Wording as agreed" in member


def test_querysets_and_may_see_follow_the_agenda_item(minutes, committee):
    anonymous = AnonymousUser()
    member = _viewer("member", committee)
    public_minute = Minute.objects.get(number=1)

    assert list(Minute.objects.unrestricted().values_list("number", flat=True)) == [1]
    assert list(Minute.objects.published().order_by("number").values_list("number", flat=True)) == [
        1,
        2,
        3,
    ]
    assert list(Decision.objects.unrestricted()) == []
    assert Comment.objects.unrestricted().count() == 0
    visible = access.visible(anonymous, Minute.objects.filter(minutes=minutes), committee)
    assert list(visible) == [public_minute]
    assert access.visible(member, Minute.objects.filter(minutes=minutes), committee).count() == 3

    for minute in Minute.objects.select_related("agenda_item__parent", "minutes__meeting"):
        decision = minute.decisions.first()
        assert minute.is_restricted == (minute.number != 1)
        assert access.may_see(anonymous, minute) == (minute.number == 1)
        assert access.may_see(member, minute)
        if decision:
            assert access.may_see(anonymous, decision) is False
            assert access.may_see(member, decision)
    assert Minute.objects.get(number=3).exempt_paragraph == 3
    assert access.may_see(anonymous, minutes)
    draft = MinutesFactory()
    assert not access.may_see(anonymous, draft)
    assert not access.may_see(member, draft)
    assert access.may_see(officer_user(), draft)
    assert Minutes.objects.published().filter(pk=draft.pk).count() == 0


def test_an_exempt_decision_is_not_offered_to_the_public_outcome_tracker(client, minutes):
    client.force_login(officer_user())
    exempt = client.get(reverse("minutes:minute", args=[Minute.objects.get(number=2).pk]))
    assert "Add to outcome tracker" not in exempt.content.decode()
    assert "not offered to the public outcome tracker" in exempt.content.decode()
    public = Minute.objects.get(number=1)
    Decision.objects.create(minute=public, wording="It was AGREED to note the report.")
    assert (
        "Add to outcome tracker"
        in client.get(reverse("minutes:minute", args=[public.pk])).content.decode()
    )


# The number of queries the minutes page takes, however many minutes it has (for a member,
# one of them is the look-up of the councils they run as an officer: none, once a request).
PAGE_QUERIES = {"anonymous": 10, "member": 15}


@pytest.mark.parametrize("kind", list(PAGE_QUERIES))
@pytest.mark.parametrize("count", [3, 12])
def test_minutes_page_query_count_does_not_grow_with_the_minutes(
    client, django_assert_num_queries, committee, kind, count
):
    viewer = _viewer(kind, committee)
    meeting = MeetingFactory(committee=committee, status=Meeting.Status.HELD)
    minutes = MinutesFactory(meeting=meeting)
    exempt = AgendaItemFactory(meeting=meeting, is_exempt=True, exempt_paragraph=3)
    public = AgendaItemFactory(meeting=meeting)
    for n in range(count):
        # One in three on the exempt item, one in three on a sub-part of it, one in three public.
        item = [exempt, public, None][n % 3] or AgendaItemFactory(
            meeting=meeting, parent=exempt, position=n + 1
        )
        minute = MinuteFactory(minutes=minutes, agenda_item=item, body=f"<p>Body {n}</p>")
        Comment.objects.create(minute=minute, text=f"Comment {n}", response="Answer")
        Decision.objects.create(minute=minute, wording=f"It was AGREED {n}")
    minutes.publish()
    if viewer is not None:
        client.force_login(viewer)
    with django_assert_num_queries(PAGE_QUERIES[kind]):
        response = client.get(reverse("minutes:detail", args=[minutes.meeting_id]))
    page = response.content.decode()
    shown = count if kind == "member" else len(range(1, count, 3))
    assert page.count("It was AGREED") == shown
    assert page.count(EXEMPT_LINE) == (0 if kind == "member" else count - shown)


def test_the_meeting_page_links_to_minutes_only_when_the_viewer_may_read_them(client, committee):
    minutes = MinutesFactory(meeting=MeetingFactory(committee=committee))
    url = minutes.meeting.get_absolute_url()
    assert "Minutes of this meeting" not in client.get(url).content.decode()
    member = _viewer("member", committee)
    client.force_login(member)
    assert "Minutes of this meeting" not in client.get(url).content.decode()
    client.force_login(officer_user())
    assert "Minutes of this meeting" in client.get(url).content.decode()
    minutes.publish()
    client.logout()
    assert "Minutes of this meeting" in client.get(url).content.decode()
