"""The officer dashboard: upcoming meetings, draft agendas and past meetings awaiting minutes."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting
from minutes.models import Minutes
from tests.factories import (
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    UserFactory,
    officer_user,
)
from tracker.models import Tracker
from workprogramme.models import WorkProgramme

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2023, 4, 20, 9, 0)  # a Thursday, in the municipal year 2022-23
DRAFT, PUBLISHED, HELD = Meeting.Status.DRAFT, Meeting.Status.PUBLISHED, Meeting.Status.HELD
CANCELLED = Meeting.Status.CANCELLED
DASHBOARD = reverse("manage:dashboard")
# The session and the user, officer roles and councillor record (for the header), the
# committees, the municipal years, then the upcoming meetings and their packs, the drafts,
# and the past meetings: how many, how many awaiting minutes, and this page of them.
QUERIES = 11


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def somerset():
    return CouncilFactory()


@pytest.fixture
def officer(somerset):
    return officer_user(council=somerset)


def meeting(day, status=PUBLISHED, minutes=None, **fields):
    made = MeetingFactory(date=day, status=status, **fields)
    if minutes:
        Minutes.objects.create(meeting=made, status=minutes)
    return made


def listed(response, section):
    return [row.meeting for row in response.context[section]]


@pytest.fixture
def year_of_meetings(somerset):
    scrutiny = CommitteeFactory(council=somerset, name="Adults Scrutiny", slug="adults")
    children = CommitteeFactory(council=somerset, name="Children Scrutiny", slug="children")
    d = datetime.date
    return {
        "upcoming": meeting(d(2023, 5, 4), committee=scrutiny),
        "upcoming draft": meeting(d(2023, 5, 11), DRAFT, committee=scrutiny),
        "past draft": meeting(d(2023, 4, 13), DRAFT, committee=children),
        "no minutes": meeting(d(2023, 3, 2), HELD, committee=scrutiny),
        "draft minutes": meeting(d(2023, 2, 2), HELD, Minutes.Status.DRAFT, committee=children),
        "published minutes": meeting(
            d(2023, 3, 30), HELD, Minutes.Status.PUBLISHED, committee=scrutiny
        ),
        "approved minutes": meeting(
            d(2021, 9, 1), HELD, Minutes.Status.APPROVED, committee=scrutiny
        ),
        "cancelled": meeting(d(2023, 3, 16), CANCELLED, committee=scrutiny),
    }


def test_meetings_are_listed_in_their_sections_with_those_awaiting_minutes_first(
    officer_client, year_of_meetings
):
    m = year_of_meetings

    response = officer_client.get(DASHBOARD)

    assert response.status_code == 200
    assert listed(response, "rows") == [m["upcoming"], m["upcoming draft"]]
    assert listed(response, "drafts") == [m["past draft"], m["upcoming draft"]]
    assert listed(response, "past") == [
        # Awaiting minutes (none yet, or only a draft), the most recent first…
        m["past draft"],
        m["no minutes"],
        m["draft minutes"],
        # …then the rest, the most recent first; a cancelled meeting needs none.
        m["published minutes"],
        m["cancelled"],
        m["approved minutes"],
    ]
    assert [row.awaits_minutes for row in response.context["past"]] == [True] * 3 + [False] * 3
    assert response.context["awaiting_minutes"] == 3
    page = response.content.decode()
    assert 'id="draft-meetings"' in page
    assert "3 meetings await minutes, listed first." in page
    assert page.count("Awaiting minutes") == 3
    assert "Published as draft, subject to approval" in page
    assert "Approved as a correct record" in page
    assert "None needed" in page


def test_the_sections_say_when_they_are_empty(officer_client):
    page = officer_client.get(DASHBOARD).content.decode()

    assert "There are no upcoming meetings." in page
    assert "Every agenda has been published." in page
    assert "There are no past meetings yet." in page


def test_filtering_by_committee_and_municipal_year(officer_client, year_of_meetings):
    m = year_of_meetings

    by_committee = officer_client.get(DASHBOARD, {"committee": "children"})
    assert listed(by_committee, "rows") == []
    assert listed(by_committee, "drafts") == [m["past draft"]]
    assert listed(by_committee, "past") == [m["past draft"], m["draft minutes"]]
    assert "No upcoming meetings match these filters." in by_committee.content.decode()

    # 2022 is the municipal year from May 2022 to April 2023.
    by_year = officer_client.get(DASHBOARD, {"year": "2022"})
    assert listed(by_year, "rows") == []
    assert m["approved minutes"] not in listed(by_year, "past")
    assert len(listed(by_year, "past")) == 5
    next_year = officer_client.get(DASHBOARD, {"year": "2023"})
    assert listed(next_year, "rows") == [m["upcoming"], m["upcoming draft"]]
    assert listed(next_year, "past") == []

    both = officer_client.get(DASHBOARD, {"committee": "adults", "year": "2021"})
    assert listed(both, "past") == [m["approved minutes"]]
    page = both.content.decode()
    assert '<option value="adults" selected>Adults Scrutiny</option>' in page
    assert '<option value="2021" selected>2021 to 2022</option>' in page
    assert '<option value="2022">2022 to 2023</option>' in page
    assert "Clear filters" in page
    assert "govuk-error-summary" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"committee": "no-such-committee"}, "Choose a committee from the list"),
        ({"year": "abc"}, "Choose a municipal year from the list"),
        ({"year": "99999"}, "Choose a municipal year from the list"),
        ({"year": "2022.5"}, "Choose a municipal year from the list"),
    ],
)
def test_a_bad_filter_value_is_an_error_message_and_lists_all_meetings(
    officer_client, year_of_meetings, query, message
):
    response = officer_client.get(DASHBOARD, query)

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert page.count(message) == 2  # in the summary and by the field
    assert "<title>Error: Prepare meetings" in page
    assert len(listed(response, "past")) == 6


def test_a_bad_value_leaves_the_other_filter_working(officer_client, year_of_meetings):
    response = officer_client.get(DASHBOARD, {"committee": "children", "year": "abc"})

    assert listed(response, "drafts") == [year_of_meetings["past draft"]]
    assert "Choose a municipal year from the list" in response.content.decode()


def test_a_bad_page_number_shows_the_first_page(officer_client, year_of_meetings):
    response = officer_client.get(DASHBOARD, {"page": "abc"})

    assert response.status_code == 200
    assert len(listed(response, "past")) == 6


def test_an_officer_sees_only_the_meetings_of_councils_they_run(client, year_of_meetings):
    devon = CouncilFactory(name="Devon County Council", slug="devon")
    theirs = meeting(
        datetime.date(2023, 3, 9), HELD, committee=CommitteeFactory(council=devon, slug="devon-s")
    )
    client.force_login(officer_user(council=devon))

    response = client.get(DASHBOARD)

    assert listed(response, "rows") == []
    assert listed(response, "drafts") == []
    assert listed(response, "past") == [theirs]
    page = response.content.decode()
    assert "Adults Scrutiny" not in page
    assert 'value="adults"' not in page
    assert "2022 to 2023" in page and "2023 to 2024" not in page
    # Another council's committee is not one of the choices.
    other = client.get(DASHBOARD, {"committee": "adults"})
    assert "Choose a committee from the list" in other.content.decode()
    assert listed(other, "past") == [theirs]


def test_a_superuser_sees_every_council(client, year_of_meetings):
    devon = CouncilFactory(name="Devon County Council", slug="devon")
    theirs = meeting(
        datetime.date(2023, 3, 9), HELD, committee=CommitteeFactory(council=devon, slug="devon-s")
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(DASHBOARD)

    assert len(listed(response, "past")) == 7 and theirs in listed(response, "past")
    page = response.content.decode()
    assert '<optgroup label="Devon County Council">' in page
    assert '<optgroup label="Somerset Council">' in page


def test_someone_who_is_not_an_officer_cannot_see_the_dashboard(client, year_of_meetings):
    assert client.get(DASHBOARD).status_code == 302
    client.force_login(UserFactory())
    assert client.get(DASHBOARD).status_code == 403


def test_each_row_links_to_the_agenda_minutes_pack_work_programme_and_tracker(
    officer_client, somerset
):
    with_both = CommitteeFactory(council=somerset, slug="with-both")
    WorkProgramme.objects.create(committee=with_both, municipal_year=2022)
    Tracker.for_committee(with_both)
    minuted = meeting(datetime.date(2023, 3, 2), HELD, Minutes.Status.DRAFT, committee=with_both)
    bare = meeting(datetime.date(2023, 5, 4), committee=CommitteeFactory(council=somerset))

    response = officer_client.get(DASHBOARD)

    (past,) = response.context["past"]
    (upcoming,) = response.context["rows"]
    assert past.meeting == minuted and upcoming.meeting == bare
    assert [link["text"] for link in past.links] == [
        "Agenda",
        "Minutes",
        "Pack",
        "Work programme",
        "Tracker",
    ]
    assert [link["text"] for link in upcoming.links] == ["Agenda", "Start minutes", "Pack"]
    page = response.content.decode()
    for meeting_ in (minuted, bare):
        assert f'href="{reverse("manage:agenda", args=[meeting_.pk])}"' in page
        assert f'href="{reverse("manage:agenda", args=[meeting_.pk])}#pack"' in page
        assert f'href="{reverse("minutes:edit", args=[meeting_.pk])}"' in page
    assert f'href="{reverse("workprogramme:work_programme", args=["with-both"])}"' in page
    assert f'href="{reverse("tracker:detail", args=["with-both"])}"' in page
    assert '>Start minutes<span class="govuk-visually-hidden">: ' in page
    # Every link leads to a page the officer can open (starting minutes is a button there).
    for row in (past, upcoming):
        for link in row.links:
            assert officer_client.get(link["url"]).status_code == 200, link
    assert not Minutes.objects.filter(meeting=bare).exists()


def test_past_meetings_come_fifty_to_a_page_and_the_pages_keep_the_filters(
    officer_client, somerset
):
    committee = CommitteeFactory(council=somerset, slug="busy")
    for n in range(55):
        meeting(datetime.date(2022, 5, 2) + datetime.timedelta(days=n), HELD, committee=committee)

    first = officer_client.get(DASHBOARD, {"committee": "busy"})
    second = officer_client.get(DASHBOARD, {"committee": "busy", "page": "2"})

    assert len(first.context["past"]) == 50
    assert len(second.context["past"]) == 5
    assert listed(second, "past")[-1].date == datetime.date(2022, 5, 2)
    page = first.content.decode()
    assert 'class="govuk-pagination"' in page
    assert 'href="?committee=busy&amp;page=2#past-meetings" rel="next"' in page
    assert "Showing 1 to 50 of 55." in page
    assert "55 meetings await minutes" in page
    assert 'rel="prev"' in second.content.decode()
    assert listed(officer_client.get(DASHBOARD, {"page": "99"}), "past") == listed(second, "past")


def make_meetings(council, count):
    """Meetings in every section, for committees with and without a tracker."""
    committees = [CommitteeFactory(council=council) for _ in range(3)]
    WorkProgramme.objects.create(committee=committees[0], municipal_year=2022)
    Tracker.for_committee(committees[1])
    days = [datetime.timedelta(days=n) for n in range(count)]
    for n, committee in zip(range(count), committees * count, strict=False):
        if n % 4 == 0:
            meeting(datetime.date(2023, 5, 4) + days[n], committee=committee)
        elif n % 4 == 1:
            meeting(datetime.date(2023, 6, 1) + days[n], DRAFT, committee=committee)
        elif n % 4 == 2:
            meeting(datetime.date(2023, 3, 1) - days[n], HELD, committee=committee)
        else:
            meeting(
                datetime.date(2023, 3, 1) - days[n],
                HELD,
                Minutes.Status.PUBLISHED,
                committee=committee,
            )
    return committees


@pytest.mark.parametrize("meeting_count", [3, 30])
def test_the_page_takes_a_fixed_number_of_queries_and_writes_nothing(
    officer_client, somerset, django_assert_num_queries, meeting_count
):
    committees = make_meetings(somerset, meeting_count)
    officer_client.get(DASHBOARD)  # the session and the user, as on every later request

    with CaptureQueriesContext(connection) as queries:
        with django_assert_num_queries(QUERIES):
            response = officer_client.get(DASHBOARD)
        # No upcoming meeting in 2022-23, so no pack states to look up.
        with django_assert_num_queries(QUERIES - 1):
            officer_client.get(DASHBOARD, {"committee": committees[2].slug, "year": "2022"})

    sections = [len(response.context[name]) for name in ("rows", "drafts", "past")]
    quarters = [len(range(k, meeting_count, 4)) for k in range(4)]
    assert sections == [quarters[0] + quarters[1], quarters[1], quarters[2] + quarters[3]]
    assert all(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)
