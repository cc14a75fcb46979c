import datetime

import pytest
from django.urls import reverse

from committees.models import Membership
from meetings.exempt import ExemptParagraph
from meetings.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    councillor_user,
    officer_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(
        committee__name="Scrutiny Committee - Childrens and Families",
        committee__slug="scrutiny-children-families",
    )


def test_home_lists_upcoming_meetings(client):
    upcoming = MeetingFactory(date=datetime.date.today() + datetime.timedelta(days=10))
    MeetingFactory(date=datetime.date.today() - datetime.timedelta(days=10))
    response = client.get("/")
    assert response.status_code == 200
    assert list(response.context["upcoming"]) == [upcoming]


def test_a_draft_meetings_date_is_public_but_nothing_of_its_agenda(client):
    """Announced, not published (committees/access.py); tests/meetings/test_calendar.py has more."""
    draft = MeetingFactory(
        status=Meeting.Status.DRAFT, date=datetime.date.today() + datetime.timedelta(days=3)
    )
    AgendaItemFactory(meeting=draft, position=1, title="Draft item title")
    assert list(client.get("/").context["upcoming"]) == [draft]
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Agenda to be published by" in page
    assert "Draft item title" not in page


def test_committee_page_lists_members_by_role(client):
    committee = CommitteeFactory(name="Scrutiny Committee - Childrens and Families")
    MembershipFactory(
        committee=committee, person__first_name="Aaron", person__surname="Able", role="member"
    )
    MembershipFactory(
        committee=committee,
        person__first_name="Leigh",
        person__surname="Redman",
        role=Membership.Role.CHAIR,
    )
    MembershipFactory(
        committee=committee,
        person__first_name="Ruth",
        person__surname="Hobbs",
        person__is_councillor=False,
        role=Membership.Role.CO_OPTED,
    )
    MembershipFactory(committee=committee, person=None, role=Membership.Role.CO_OPTED)
    response = client.get(committee.get_absolute_url())
    names = [m.display_name for m in response.context["memberships"]]
    assert names == ["Councillor Leigh Redman", "Councillor Aaron Able", "Ruth Hobbs", "Vacancy"]
    assert "Scrutiny Committee - Childrens and Families" in response.content.decode()


def test_meeting_page_shows_the_numbered_agenda(client, meeting):
    AgendaItemFactory(meeting=meeting, position=1, title="Apologies for Absence")
    item = AgendaItemFactory(meeting=meeting, position=2, title="Reforms in children's social care")
    item.is_to_follow = True
    item.time_allocation = 25
    item.save()
    DocumentFactory(agenda_item=AgendaItemFactory(meeting=meeting, position=3), title="SEND")
    response = client.get(meeting.get_absolute_url())
    page = response.content.decode()
    assert "Apologies for Absence" in page
    assert "(To Follow)" in page
    assert "the Chair will allow 25 minutes" in page
    assert "SEND" in page and "PDF, 1 page" in page


def test_meeting_page_query_count_does_not_grow_with_the_agenda(
    client, meeting, django_assert_num_queries
):
    def add_items(count):
        start = meeting.items.count()
        for position in range(start + 1, start + count + 1):
            item = AgendaItemFactory(meeting=meeting, position=position)
            DocumentFactory(agenda_item=item, with_file="")
            AgendaItemFactory(meeting=meeting, parent=item, position=1)

    # 6: the session, the meeting, its items, their papers, the minutes, the current pack's
    # page ranges.
    add_items(5)
    with django_assert_num_queries(6):
        client.get(meeting.get_absolute_url())
    add_items(45)
    with django_assert_num_queries(6):
        response = client.get(meeting.get_absolute_url())
    assert len(response.context["agenda"].entries) == 50


@pytest.fixture
def exempt_paper(meeting):
    item = AgendaItemFactory(
        meeting=meeting,
        position=1,
        title="Placement contract",
        is_exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
    )
    return DocumentFactory(agenda_item=item, title="Contract prices")


def test_exempt_item_is_listed_without_its_papers(client, exempt_paper):
    page = client.get(exempt_paper.meeting.get_absolute_url()).content.decode()
    assert "Placement contract" in page
    assert "Schedule 12A, paragraph 3" in page
    assert "financial or business affairs" in page
    assert "Contract prices" not in page
    assert exempt_paper.get_absolute_url() not in page


def test_anonymous_users_get_404_for_an_exempt_paper(client, exempt_paper):
    assert client.get(exempt_paper.get_absolute_url()).status_code == 404


def test_councillor_outside_the_committee_gets_404(client, exempt_paper):
    client.force_login(councillor_user())
    assert client.get(exempt_paper.get_absolute_url()).status_code == 404


def test_committee_member_gets_the_exempt_paper(client, exempt_paper):
    user = councillor_user()
    MembershipFactory(committee=exempt_paper.meeting.committee, person=PersonFactory(user=user))
    client.force_login(user)
    response = client.get(exempt_paper.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    page = client.get(exempt_paper.meeting.get_absolute_url()).content.decode()
    assert "Contract prices" in page


def test_former_member_gets_404(client, exempt_paper):
    user = councillor_user()
    MembershipFactory(
        committee=exempt_paper.meeting.committee,
        person=PersonFactory(user=user),
        end_date=datetime.date(2020, 1, 1),
    )
    client.force_login(user)
    assert client.get(exempt_paper.get_absolute_url()).status_code == 404


def test_officer_gets_the_exempt_paper(client, exempt_paper):
    client.force_login(officer_user())
    assert client.get(exempt_paper.get_absolute_url()).status_code == 200


def test_public_paper_downloads_for_anyone(client):
    document = DocumentFactory(title="Terms of Reference")
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert 'filename="Terms_of_Reference.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    "url",
    [
        "/committees/no-such-committee/",
        "/meetings/999999/",
        "/meetings/papers/999999/report.pdf",
        "/no/such/page/",
    ],
)
def test_unknown_addresses_get_the_not_found_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_sign_in_and_out(client):
    officer_user(username="dso")
    response = client.post(
        reverse("login"), {"username": "dso", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].is_authenticated
    client.post(reverse("logout"))
    assert not client.get("/").context["user"].is_authenticated


def test_wrong_password_shows_an_error_summary(client):
    officer_user(username="dso")
    response = client.post(reverse("login"), {"username": "dso", "password": "nope"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_home_lists_recently_published_agendas_newest_first(client):
    older = MeetingFactory(issue_date=datetime.date(2023, 4, 25))
    newer = MeetingFactory(issue_date=datetime.date(2023, 6, 21), date=datetime.date(2023, 6, 29))
    MeetingFactory(issue_date=None, date=datetime.date(2023, 7, 12))
    MeetingFactory(status=Meeting.Status.DRAFT, issue_date=datetime.date(2023, 7, 1))
    assert list(client.get("/").context["recently_published"]) == [newer, older]


def test_committee_and_home_pages_cost_the_same_however_many_rows(
    client, django_assert_num_queries
):
    committee = CommitteeFactory()

    def add_rows(count):
        for day in range(count):
            MembershipFactory(committee=committee)
            MeetingFactory(committee=committee, date=datetime.date(2023, 1, 1 + day))
            MeetingFactory(
                committee=committee, date=datetime.date.today() + datetime.timedelta(days=day + 1)
            )

    add_rows(2)
    with django_assert_num_queries(4):
        client.get(committee.get_absolute_url())
    with django_assert_num_queries(2):
        client.get("/")
    add_rows(12)
    with django_assert_num_queries(4):
        response = client.get(committee.get_absolute_url())
    assert len(response.context["memberships"]) == 14
    with django_assert_num_queries(2):
        client.get("/")
