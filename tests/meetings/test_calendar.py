"""
The calendar of meetings (issue 11): every meeting is announced from the moment it exists
(committee, date, time, venue, notice), and nothing of its agenda is public until it is
published (committees/access.py). Month and list views, the home page, the meeting page and
the iCalendar feeds.
"""

import datetime
import re
from unittest import mock
from urllib.parse import urlsplit

import icalendar
import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from committees.formatting import long_date, plain_date
from meetings import rescheduling
from meetings.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    councillor_user,
    officer_user,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)
MONTH_URL = reverse("meetings:calendar_month")
LIST_URL = reverse("meetings:calendar_list")
DRAFT_TEXT = ["Draft item title", "Draft item description", "Draft sub-part", "Draft paper"]


@pytest.fixture(autouse=True)
def today(request):
    """2 December 2026, as when the demo's two January 2027 meetings were found missing.
    Browser tests keep the real clock (a live server and Chromium run alongside)."""
    if request.node.get_closest_marker("browser"):
        yield datetime.date.today()
        return
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0), tick=False):
        yield TODAY


@pytest.fixture
def committee():
    return CommitteeFactory(name="Scrutiny Committee - Childrens and Families", slug="children")


@pytest.fixture
def draft(committee):
    """A January 2027 meeting whose agenda is being prepared, as in the demo."""
    meeting = MeetingFactory(
        committee=committee, date=datetime.date(2027, 1, 6), status=Meeting.Status.DRAFT
    )
    item = AgendaItemFactory(
        meeting=meeting,
        position=1,
        title="Draft item title",
        description="<p>Draft item description</p>",
    )
    AgendaItemFactory(meeting=meeting, parent=item, position=1, title="Draft sub-part")
    DocumentFactory(agenda_item=item, title="Draft paper")
    return meeting


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def day_cell(page: str, day: datetime.date) -> str:
    match = re.search(rf'id="day-{day:%Y-%m-%d}".*?</td>', page, re.S)
    assert match, f"no cell for {day}"
    return match[0]


def without_draft_text(page: str) -> bool:
    return not any(draft_text in page for draft_text in DRAFT_TEXT)


# The month view


def test_the_month_view_puts_meetings_on_their_days_with_links_to_the_next_months(
    client, committee
):
    meeting = MeetingFactory(committee=committee, date=datetime.date(2027, 1, 14))
    MeetingFactory(date=datetime.date(2027, 2, 3))  # another month
    page = text(client.get(MONTH_URL, {"month": "2027-01"}))
    assert '<h1 class="govuk-heading-xl" id="calendar-month">January 2027</h1>' in page
    cell = day_cell(page, datetime.date(2027, 1, 14))
    assert meeting.get_absolute_url() in cell
    assert committee.name in cell
    assert "10.00 am" in cell
    assert "Meetings in January 2027: 1" in page
    assert 'href="?month=2026-12"' in page
    assert 'href="?month=2027-02"' in page
    # Monday first; 28 to 31 December 2026 fill the first week, with no meetings on them.
    assert page.index(">Mon<") < page.index(">Sun<")
    assert 'id="day-2026-12-28"' not in page
    weeks = client.get(MONTH_URL, {"month": "2027-01"}).context["weeks"]
    assert [day.date for day in weeks[0]][:4] == [
        datetime.date(2026, 12, d) for d in (28, 29, 30, 31)
    ]
    assert len(weeks) == 5


def test_the_month_view_shows_the_current_month_by_default_with_today_marked(client):
    meeting = MeetingFactory(date=datetime.date(2026, 12, 9))
    page = text(client.get(MONTH_URL))
    assert "December 2026" in page
    assert 'id="day-2026-12-02" aria-current="date"' in page
    assert meeting.get_absolute_url() in day_cell(page, datetime.date(2026, 12, 9))
    assert 'id="calendar-this-month"' not in page


def test_the_calendar_filters_by_committee(client, committee):
    mine = MeetingFactory(committee=committee, date=datetime.date(2027, 1, 14))
    other = MeetingFactory(date=datetime.date(2027, 1, 20))
    page = text(client.get(MONTH_URL, {"month": "2027-01", "committee": "children"}))
    assert mine.get_absolute_url() in page
    assert other.get_absolute_url() not in page
    assert 'href="?month=2027-02&amp;committee=children"' in page
    assert '<option value="children" selected>' in page
    listed = text(client.get(LIST_URL, {"committee": "children"}))
    assert mine.get_absolute_url() in listed
    assert other.get_absolute_url() not in listed


def test_an_unknown_committee_is_said_and_all_meetings_are_shown(client):
    meeting = MeetingFactory(date=datetime.date(2026, 12, 9))
    for url in (MONTH_URL, LIST_URL):
        page = text(client.get(url, {"committee": "no-such-committee"}))
        assert "There is no such committee" in page
        assert meeting.get_absolute_url() in page


@pytest.mark.parametrize(
    "month",
    ["2027-13", "abc", "2027-00", "0000-01", "99999-01", "2027-1-1", "-1", "2027-01-", "x" * 500],
)
def test_a_bad_month_says_so_and_shows_the_current_month(client, month):
    response = client.get(MONTH_URL, {"month": month})
    page = text(response)
    assert 'id="calendar-problem"' in page
    assert "is not a month the calendar can show" in page
    assert response.context["month"] == datetime.date(2026, 12, 1)
    assert "x" * 21 not in page


def test_the_first_and_last_months_the_calendar_shows_have_no_link_beyond(client):
    first = client.get(MONTH_URL, {"month": "1900-01"})
    assert first.context["previous_month"] is None
    assert first.context["next_month"] == datetime.date(1900, 2, 1)
    last = client.get(MONTH_URL, {"month": "2999-12"})
    assert last.context["next_month"] is None
    assert 'id="calendar-problem"' not in text(last)


def test_a_month_without_meetings_says_so(client):
    page = text(client.get(MONTH_URL, {"month": "2027-03"}))
    assert "No meetings are scheduled in March 2027." in page
    page = text(client.get(MONTH_URL, {"month": "2025-03"}))
    assert "No meetings were held in March 2025." in page


# The list view


def test_the_list_groups_upcoming_then_recent_meetings_by_month(client, committee):
    january = MeetingFactory(committee=committee, date=datetime.date(2027, 1, 14))
    december = MeetingFactory(committee=committee, date=datetime.date(2026, 12, 9))
    later_december = MeetingFactory(committee=committee, date=datetime.date(2026, 12, 16))
    october = MeetingFactory(committee=committee, date=datetime.date(2026, 10, 1))
    november = MeetingFactory(committee=committee, date=datetime.date(2026, 11, 5))
    MeetingFactory(committee=committee, date=datetime.date(2026, 1, 8))  # not recent
    response = client.get(LIST_URL)
    upcoming = [(g.month, g.meetings) for g in response.context["upcoming"]]
    assert upcoming == [
        (datetime.date(2026, 12, 1), [december, later_december]),
        (datetime.date(2027, 1, 1), [january]),
    ]
    recent = [(g.month, g.meetings) for g in response.context["recent"]]
    assert recent == [
        (datetime.date(2026, 11, 1), [november]),
        (datetime.date(2026, 10, 1), [october]),
    ]
    page = text(response)
    assert page.index("December 2026") < page.index("January 2027") < page.index("November 2026")
    assert 'href="/meetings/calendar/?month=2027-01"' in page
    # ?view=list is the same list.
    same = client.get(MONTH_URL, {"view": "list"})
    assert [g.meetings for g in same.context["upcoming"]] == [m for _, m in upcoming]
    assert [g.meetings for g in same.context["recent"]] == [m for _, m in recent]


# Announced meetings: the date, and nothing of the agenda


def test_a_draft_meeting_is_on_the_calendar_with_its_publication_deadline(client, draft):
    deadline = plain_date(draft.council.publication_deadline(draft.date))
    month = text(client.get(MONTH_URL, {"month": "2027-01"}))
    cell = day_cell(month, draft.date)
    assert draft.get_absolute_url() in cell
    assert f"Agenda to be published by {deadline}" in cell
    listed = text(client.get(LIST_URL))
    assert draft.get_absolute_url() in listed
    assert f"Agenda to be published by {deadline}" in listed
    home = client.get("/")
    assert list(home.context["upcoming"]) == [draft]
    assert f"Agenda to be published by {deadline}" in text(home)
    assert 'id="calendar-link"' in text(home)
    for page in (month, listed, text(home)):
        assert without_draft_text(page)


def test_a_draft_meetings_page_shows_when_and_where_and_nothing_of_its_agenda(client, draft):
    page = text(client.get(draft.get_absolute_url()))
    assert long_date(draft.date) in page
    assert draft.venue in page
    assert "10.00 am" in page
    assert (
        f"Agenda to be published by {long_date(draft.council.publication_deadline(draft.date))}."
        in page
    )
    assert 'id="agenda-items"' not in page
    assert without_draft_text(page)


def test_a_published_meeting_says_nothing_of_a_publication_deadline(client, committee):
    meeting = MeetingFactory(committee=committee, date=datetime.date(2027, 1, 6))
    AgendaItemFactory(meeting=meeting, position=1, title="Budget monitor")
    page = text(client.get(meeting.get_absolute_url()))
    assert "Budget monitor" in page
    assert "Agenda to be published by" not in page
    assert "Agenda to be published by" not in text(client.get(MONTH_URL, {"month": "2027-01"}))


def test_only_the_councils_officers_see_a_draft_agenda(client, draft):
    member = councillor_user(username="member")
    MembershipFactory(committee=draft.committee, person=PersonFactory(user=member))
    elsewhere = officer_user(
        username="elsewhere", council=CouncilFactory(name="Bath Council", slug="bath")
    )
    for user in (member, elsewhere):
        client.force_login(user)
        page = text(client.get(draft.get_absolute_url()))
        assert "Agenda to be published by" in page
        assert without_draft_text(page), user.username
    client.force_login(officer_user(username="dso", council=draft.council))
    page = text(client.get(draft.get_absolute_url()))
    assert "Draft item title" in page
    assert 'id="agenda-draft-note"' in page


def test_a_past_draft_meeting_says_no_agenda_was_published(client, committee):
    past = MeetingFactory(
        committee=committee, date=datetime.date(2026, 11, 4), status=Meeting.Status.DRAFT
    )
    AgendaItemFactory(meeting=past, position=1, title="Draft item title")
    assert "No agenda was published" in text(client.get(past.get_absolute_url()))
    listed = text(client.get(LIST_URL))
    assert "No agenda was published" in listed
    assert without_draft_text(listed)


# Cancelled, postponed and moved meetings


@pytest.fixture
def called_off(committee):
    with mock.patch("meetings.rescheduling.tell_members"):
        cancelled = rescheduling.cancel_meeting(
            MeetingFactory(committee=committee, date=datetime.date(2027, 1, 13)),
            reason="The business has moved to February.",
            user=None,
        )
        postponed = rescheduling.postpone_meeting(
            MeetingFactory(committee=committee, date=datetime.date(2027, 1, 20)),
            reason="",
            user=None,
        )
        moved = rescheduling.move_meeting(
            MeetingFactory(committee=committee, date=datetime.date(2027, 1, 26)),
            date=datetime.date(2027, 1, 27),
            start_time=datetime.time(14),
            venue="Council Chamber",
            reason="",
            user=None,
        )
    return {"Cancelled": cancelled, "Postponed": postponed, "Moved": moved}


def test_cancelled_postponed_and_moved_meetings_are_marked_with_their_notice(client, called_off):
    month = text(client.get(MONTH_URL, {"month": "2027-01"}))
    listed = text(client.get(LIST_URL))
    home_response = client.get("/")
    home = text(home_response)
    for label, meeting in called_off.items():
        assert meeting.notice_label == label
        assert f'meeting-notice-tag">{label}</strong>' in day_cell(month, meeting.date)
        for page in (listed, home):
            assert f'meeting-notice-tag">{label}</strong>' in page
            assert meeting.notice in page
    assert "The business has moved to February." in listed
    assert "it is now Wednesday, 27 January 2027 at 2.00 pm, Council Chamber" in listed
    # A cancelled meeting is still on the home page's upcoming list, marked.
    assert called_off["Cancelled"] in home_response.context["upcoming"]


def test_a_moved_draft_meetings_banner_says_moved_not_draft(client, draft):
    with mock.patch("meetings.rescheduling.tell_members"):
        rescheduling.move_meeting(
            draft, date=datetime.date(2027, 1, 8), start_time=datetime.time(14),
            venue="Council Chamber", reason="", user=None,
        )  # fmt: skip
    page = text(client.get(draft.get_absolute_url()))
    assert 'id="meeting-notice-title">Moved</h2>' in page
    assert "Agenda to be published by" in page
    assert without_draft_text(page)


def test_a_cancelled_or_postponed_draft_meetings_agenda_stays_private(client, draft):
    """Only a pack publishes an agenda (Meeting.agenda_published_at), whatever its status."""
    with mock.patch("meetings.rescheduling.tell_members"):
        rescheduling.postpone_meeting(draft, reason="", user=None)
        assert without_draft_text(text(client.get(draft.get_absolute_url())))
        rescheduling.move_meeting(
            draft, date=draft.date + datetime.timedelta(days=7), start_time=draft.start_time,
            venue=draft.venue, reason="", user=None,
        )  # fmt: skip
        draft.refresh_from_db()
        assert draft.status == draft.Status.DRAFT
        assert without_draft_text(text(client.get(draft.get_absolute_url())))
        rescheduling.cancel_meeting(draft, reason="", user=None)
    assert without_draft_text(text(client.get(draft.get_absolute_url())))


# iCalendar


def calendar_of(response) -> icalendar.Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_the_ical_feeds_carry_a_vtimezone_for_europe_london(client, committee):
    summer = MeetingFactory(committee=committee, date=datetime.date(2027, 7, 14))
    MeetingFactory(committee=committee, date=datetime.date(2027, 1, 14))
    for url in (
        reverse("meetings:calendar"),
        reverse("meetings:committee_calendar", args=[committee.slug]),
    ):
        response = client.get(url)
        raw = response.content.decode()
        calendar = calendar_of(response)
        (timezone,) = calendar.walk("VTIMEZONE")
        assert timezone["tzid"] == "Europe/London"
        assert calendar.get_missing_tzids() == set()
        assert "DTSTART;TZID=Europe/London:20270714T100000" in raw
        assert "DTSTART;TZID=Europe/London:20270114T100000" in raw
        assert raw.index("BEGIN:VTIMEZONE") < raw.index("BEGIN:VEVENT")
        (event,) = [e for e in calendar.walk("VEVENT") if e.decoded("dtstart").month == 7]
        # 10am in summer is 9am UTC.
        assert event.decoded("dtstart") == summer.starts_at
        assert event.decoded("dtstart").utcoffset() == datetime.timedelta(hours=1)


def test_the_ical_feed_has_announced_meetings_with_agenda_to_follow(client, draft):
    published = MeetingFactory(committee=draft.committee, date=datetime.date(2027, 2, 3))
    response = client.get(reverse("meetings:calendar"))
    events = {urlsplit(str(e["url"])).path: e for e in calendar_of(response).walk("VEVENT")}
    announced = events[draft.get_absolute_url()]
    assert announced["summary"] == f"{draft.committee.name} (agenda to follow)"
    deadline = plain_date(draft.council.publication_deadline(draft.date))
    assert f"Agenda to be published by {deadline}" in announced["description"]
    assert announced["status"] == "CONFIRMED"
    assert events[published.get_absolute_url()]["summary"] == draft.committee.name
    assert without_draft_text(response.content.decode())
    # Once published, the summary is the committee's name.
    draft.status, draft.agenda_published_at = Meeting.Status.PUBLISHED, timezone.now()
    draft.save()
    events = calendar_of(client.get(reverse("meetings:calendar"))).walk("VEVENT")
    assert {str(e["summary"]) for e in events} == {draft.committee.name}


def test_cancelled_and_postponed_meetings_are_status_cancelled_in_the_ical_feed(client, called_off):
    events = {
        urlsplit(str(e["url"])).path: e
        for e in calendar_of(client.get(reverse("meetings:calendar"))).walk("VEVENT")
    }
    for label, meeting in called_off.items():
        event = events[meeting.get_absolute_url()]
        assert event["status"] == ("CONFIRMED" if label == "Moved" else "CANCELLED")
        assert str(event["comment"]) == meeting.notice
    assert events[called_off["Cancelled"].get_absolute_url()]["summary"].startswith("Cancelled: ")


def test_the_atom_feed_still_lists_published_agendas_only(client, draft):
    draft.issue_date = datetime.date(2026, 12, 1)
    draft.save()
    assert (
        draft.get_absolute_url()
        not in client.get(reverse("meetings:published_feed")).content.decode()
    )


# Cost and side effects


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_calendar_pages_cost_the_same_however_many_meetings(
    client, django_assert_num_queries, signed_in
):
    """Two queries for the public (the committees to filter by, the meetings), for 3
    meetings as for 30, drafts among them; a few more, as many, for a signed-in officer."""
    committees = CommitteeFactory.create_batch(3)
    if signed_in:
        client.force_login(officer_user(username="dso"))

    def add(count, status):
        for n in range(count):
            MeetingFactory(
                committee=committees[n % 3], date=datetime.date(2026, 12, 1 + n % 28), status=status
            )

    def cost(url, params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    urls = [
        (MONTH_URL, {}),
        (MONTH_URL, {"committee": committees[0].slug, "month": "2026-12"}),
        (LIST_URL, {}),
        (MONTH_URL, {"view": "list", "committee": committees[1].slug}),
        ("/", {}),
    ]
    add(2, Meeting.Status.PUBLISHED)
    add(1, Meeting.Status.DRAFT)
    costs = [cost(url, params) for url, params in urls]
    if not signed_in:
        assert costs == [2, 2, 2, 2, 2]
    add(20, Meeting.Status.PUBLISHED)
    add(7, Meeting.Status.DRAFT)
    assert Meeting.objects.count() == 30
    for (url, params), expected in zip(urls, costs, strict=True):
        with django_assert_num_queries(expected):
            client.get(url, params)
    assert len(client.get(MONTH_URL).context["meetings"]) == 30


WRITES = ("INSERT", "UPDATE", "DELETE")


def test_no_calendar_page_writes_anything(client, draft, called_off):
    client.force_login(officer_user(username="dso", council=draft.council))
    urls = [
        MONTH_URL,
        f"{MONTH_URL}?month=2027-01",
        f"{MONTH_URL}?month=2027-13",
        f"{MONTH_URL}?view=list&committee=nope",
        LIST_URL,
        "/",
        draft.get_absolute_url(),
        reverse("meetings:calendar"),
    ]
    for signed_in in (True, False):
        if not signed_in:
            client.logout()
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            assert [q["sql"] for q in queries if q["sql"].startswith(WRITES)] == [], url


# The planted draft meeting of tests/scrutiny/test_no_leaks.py: its date shows, no marker does.


def test_the_planted_draft_meetings_date_is_public_and_none_of_its_agenda(
    client, settings, tmp_path
):
    from tests.scrutiny.test_no_leaks import MARKER, plant

    with mock.patch("packs.tasks.build_pack_version.delay"):
        plant()
    draft = Meeting.objects.get(status=Meeting.Status.DRAFT, items__title=f"{MARKER} draft item")
    assert draft.items.filter(title__contains=MARKER).exists()
    assert draft.documents.filter(published_at__isnull=False).exists()
    urls = [
        "/",
        MONTH_URL,
        f"{MONTH_URL}?month={draft.date:%Y-%m}",
        LIST_URL,
        draft.get_absolute_url(),
        reverse("meetings:calendar"),
        reverse("meetings:committee_calendar", args=[draft.committee.slug]),
        reverse("meetings:published_feed"),
        *[document.get_absolute_url() for document in draft.documents.all()],
    ]
    for username in (None, "member", "elsewhere"):
        if username:
            client.force_login(User.objects.get(username=username))
        for url in urls:
            response = client.get(url)
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            assert MARKER not in content.decode(errors="replace"), (username, url)
        assert long_date(draft.date) in text(client.get(draft.get_absolute_url()))
        assert f"{draft.date:%Y-%m-%d}" in text(client.get(f"{MONTH_URL}?month={draft.date:%Y-%m}"))
        assert draft.get_absolute_url() in text(client.get("/"))
    client.force_login(User.objects.get(username="officer"))
    assert MARKER in text(client.get(draft.get_absolute_url()))


# Accessibility (axe-core in Chromium, as tests/scrutiny/test_accessibility.py)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_calendar_pages_have_no_serious_accessibility_failures(live_server, browser):
    from tests.scrutiny.test_accessibility import AXE, serious_violations

    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm install)")
    committee = CommitteeFactory(name="Scrutiny Committee - Childrens and Families")
    soon = datetime.date.today() + datetime.timedelta(days=7)
    MeetingFactory(committee=committee, date=soon)
    MeetingFactory(committee=committee, date=soon, status=Meeting.Status.DRAFT)
    MeetingFactory(
        committee=committee,
        date=soon + datetime.timedelta(days=1),
        status=Meeting.Status.CANCELLED,
        notice="This meeting has been cancelled.",
    )
    context = browser.new_context(
        viewport={"width": 1200, "height": 2000}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    failures = {}
    for path in [MONTH_URL, f"{MONTH_URL}?month={soon:%Y-%m}", f"{MONTH_URL}?month=abc", LIST_URL]:
        page.goto(live_server.url + path)
        found = serious_violations(page)
        if found:
            failures[path] = found
    context.close()
    assert failures == {}


def test_the_committee_page_says_when_a_draft_meetings_agenda_is_due(client, draft):
    page = text(client.get(draft.committee.get_absolute_url()))
    deadline = long_date(draft.council.publication_deadline(draft.date))
    assert f"Agenda to be published by {deadline}" in page
    assert without_draft_text(page)
