"""
A public page per person (/people/<pk>/) and the list of today's members (/people/):
memberships with the council's own role names, attendance from published minutes only,
meetings chaired, declarations of interest (exempt ones only for those the one rule lets see
them), no page for vacancies or officers, names linked from the committee page and the
minutes, and a fixed number of queries however long the record.
"""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.models import Committee, Council, Membership, Person
from meetings.models import Meeting
from minutes.models import AttendanceEntry, Declaration, Minutes
from tests.factories import (
    ENTITLED_PERSONAS,
    PUBLIC_PERSONAS,
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    MinutesFactory,
    PersonFactory,
    persona,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
Status = AttendanceEntry.Status
Category = AttendanceEntry.Category


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def page_url(person) -> str:
    return reverse("people:detail", args=[person.pk])


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def minutes_of(committee, date, *, publish=True, meeting_status=Meeting.Status.HELD):
    meeting = MeetingFactory(committee=committee, date=date, status=meeting_status)
    minutes = MinutesFactory(meeting=meeting)
    if publish:
        minutes.publish()
    return minutes


def attend(minutes, person, status=Status.PRESENT, **fields):
    return AttendanceEntry.objects.create(minutes=minutes, person=person, status=status, **fields)


COUNTS = ["expected", "present", "apologies", "substituted", "absent", "percentage"]


def counts(response, committee) -> dict[str, str]:
    """The attendance row of a committee as {"expected": "5", "present": "2", …}."""
    html = response.content.decode()
    row = html.split(f'id="attendance-{committee.slug}"', 1)[1].split("</tr>", 1)[0]
    return dict(re.findall(r'data-count="(\w+)">([^<]*)<', row))


@pytest.fixture
def committee():
    return CommitteeFactory(name="Scrutiny Committee - Childrens and Families")


@pytest.fixture
def councillor_person():
    return PersonFactory(first_name="Leigh", surname="Redman")


# Memberships


def test_memberships_current_and_past_with_the_councils_own_role_names(client, committee):
    council = committee.council
    council.chair_term = Council.ChairTerm.CHAIRMAN
    council.save()
    person = PersonFactory(first_name="Leigh", surname="Redman")
    MembershipFactory(
        committee=committee,
        person=person,
        role=Membership.Role.CHAIR,
        start_date=datetime.date(2023, 5, 18),
    )
    old = CommitteeFactory(council=council, name="Scrutiny for Policies Committee")
    MembershipFactory(
        committee=old,
        person=person,
        role=Membership.Role.VICE_CHAIR,
        start_date=datetime.date(2021, 5, 20),
        end_date=datetime.date(2023, 3, 31),
    )

    response = client.get(page_url(person))
    assert response.status_code == 200
    html = response.content.decode()
    current = text_of(html.split('id="current-memberships"')[1].split("</table>")[0])
    past = text_of(html.split('id="past-memberships"')[1].split("</table>")[0])
    assert "Councillor Leigh Redman" in text_of(html)
    assert "Scrutiny Committee - Childrens and Families Chairman 18 May 2023" in current
    assert "Scrutiny for Policies Committee Vice-Chairman 20 May 2021 31 March 2023" in past
    assert "Scrutiny for Policies" not in current
    assert f'href="{committee.get_absolute_url()}"' in html


def test_a_co_optee_shows_whom_they_represent(client, committee):
    person = PersonFactory(
        first_name="Tobie", surname="Osmond", honorific="The Revd", is_councillor=False
    )
    MembershipFactory(
        committee=committee,
        person=person,
        role=Membership.Role.CO_OPTED,
        representative_type="Church of England Representative",
        organisation="Diocese of Bath and Wells",
        voting_note="Votes on education matters only",
    )
    text = text_of(client.get(page_url(person)).content.decode())
    assert "The Revd Tobie Osmond" in text
    assert "Representative Church of England Representative" in text
    assert "Organisation Diocese of Bath and Wells" in text
    assert "Co-opted member" in text
    assert "Votes on education matters only" in text


# Attendance


def test_attendance_counts_published_minutes_of_meetings_held_only(client, committee):
    person = PersonFactory(first_name="Oliver", surname="Patrick")
    MembershipFactory(committee=committee, person=person, role=Membership.Role.VICE_CHAIR)
    answers = [Status.PRESENT, Status.PRESENT, Status.APOLOGIES, Status.SUBSTITUTED, Status.ABSENT]
    for n, status in enumerate(answers):
        attend(minutes_of(committee, datetime.date(2023, 1, 10 + n)), person, status)
    # None of these is counted: a cancelled meeting, draft minutes, an answer not recorded.
    cancelled = minutes_of(
        committee, datetime.date(2023, 2, 1), meeting_status=Meeting.Status.CANCELLED
    )
    attend(cancelled, person, Status.PRESENT)
    attend(minutes_of(committee, datetime.date(2023, 2, 2), publish=False), person)
    attend(minutes_of(committee, datetime.date(2023, 2, 3)), person, Status.NOT_RECORDED)

    response = client.get(page_url(person))
    assert counts(response, committee) == {
        "expected": "5",
        "present": "2",
        "apologies": "1",
        "substituted": "1",
        "absent": "1",
        "percentage": "40%",
    }
    assert "Cancelled meetings, and minutes not yet published, are not counted" in (
        text_of(response.content.decode())
    )


def test_attendance_listed_by_hand_counts_by_the_block_it_is_printed_in(client, committee):
    """The demo's minutes (and older ones) list names under Present, Apologies and so on."""
    person = PersonFactory(first_name="Leigh", surname="Redman")
    other = CommitteeFactory(council=committee.council, name="Another Committee")
    first = minutes_of(committee, datetime.date(2023, 3, 6))
    attend(first, person, Status.LISTED, category=Category.PRESENT, role="chair")
    # Listed twice in one set of minutes (in person and virtually): counted once.
    attend(first, person, Status.LISTED, category=Category.OTHER_VIRTUAL)
    attend(
        minutes_of(committee, datetime.date(2023, 4, 6)),
        person,
        Status.LISTED,
        category=Category.APOLOGIES,
    )
    sub = minutes_of(other, datetime.date(2023, 4, 7))
    attend(sub, person, Status.LISTED, category=Category.PRESENT, substitute_for="Cllr S Hart")
    visit = minutes_of(other, datetime.date(2023, 4, 8))
    attend(visit, person, Status.LISTED, category=Category.OTHER_IN_PERSON)

    response = client.get(page_url(person))
    assert response.status_code == 200
    assert counts(response, committee) == {
        "expected": "2",
        "present": "1",
        "apologies": "1",
        "substituted": "0",
        "absent": "0",
        "percentage": "50%",
    }
    assert counts(response, other)["expected"] == "0"
    assert counts(response, other)["percentage"] == "–"
    text = text_of(response.content.decode())
    assert "Attended 1 meeting as a substitute and 1 meeting as another councillor" in text


def test_the_meetings_chaired_are_those_the_minutes_print_a_chair_present_for(client, committee):
    person = PersonFactory(first_name="Leigh", surname="Redman")
    MembershipFactory(committee=committee, person=person, role=Membership.Role.CHAIR)
    chaired = minutes_of(committee, datetime.date(2023, 3, 6))
    attend(chaired, person, Status.PRESENT, role="chair")
    away = minutes_of(committee, datetime.date(2023, 5, 4))
    attend(away, person, Status.APOLOGIES, role="chair")  # sent apologies: did not chair
    draft = minutes_of(committee, datetime.date(2023, 6, 4), publish=False)
    attend(draft, person, Status.PRESENT, role="chair")

    html = client.get(page_url(person)).content.decode()
    chaired_list = html.split('id="chaired-list"')[1].split("</ul>")[0]
    assert f'href="{chaired.meeting.get_absolute_url()}"' in chaired_list
    assert "Monday, 6 March 2023" in chaired_list
    assert away.meeting.get_absolute_url() not in chaired_list
    assert draft.meeting.get_absolute_url() not in chaired_list


def test_someone_never_recorded_says_so(client, committee, councillor_person):
    MembershipFactory(committee=committee, person=councillor_person)
    html = client.get(page_url(councillor_person)).content.decode()
    assert 'id="no-attendance"' in html
    assert 'id="no-declarations"' in html
    assert 'id="chaired"' not in html


# Declarations of interest

PUBLIC_DECLARATION = "as a governor of Selworthy School"
EXEMPT_DECLARATION = "as EXEMPT-DECLARATION-SECRET director"


@pytest.fixture
def declarations(committee, councillor_person):
    """One declaration under a public minute, one under an exempt one, one in draft minutes."""
    MembershipFactory(committee=committee, person=councillor_person)
    minutes = minutes_of(committee, datetime.date(2023, 3, 6))
    public_item = AgendaItemFactory(meeting=minutes.meeting, position=7, title="Education")
    public_minute = MinuteFactory(
        minutes=minutes, number=5, heading="'Education for Life' Strategy", agenda_item=public_item
    )
    exempt_item = AgendaItemFactory(
        meeting=minutes.meeting, position=9, title="Contract", is_exempt=True, exempt_paragraph=3
    )
    exempt_minute = MinuteFactory(
        minutes=minutes, number=7, heading="EXEMPT-HEADING contract", agenda_item=exempt_item
    )
    Declaration.objects.create(
        minutes=minutes,
        minute=public_minute,
        person=councillor_person,
        kind=Declaration.Kind.PERSONAL,
        description=PUBLIC_DECLARATION,
    )
    Declaration.objects.create(
        minutes=minutes,
        minute=exempt_minute,
        person=councillor_person,
        kind=Declaration.Kind.PREJUDICIAL,
        description=EXEMPT_DECLARATION,
    )
    draft = minutes_of(committee, datetime.date(2023, 5, 4), publish=False)
    Declaration.objects.create(
        minutes=draft, person=councillor_person, description="as DRAFT-DECLARATION"
    )
    return minutes


@pytest.mark.parametrize("kind", PUBLIC_PERSONAS)
def test_an_exempt_declaration_is_not_shown_to_the_public(
    client, committee, councillor_person, declarations, kind
):
    viewer = persona(kind, committee)
    if viewer is not None:
        client.force_login(viewer)
    response = client.get(page_url(councillor_person))
    html = response.content.decode()
    assert PUBLIC_DECLARATION in html
    assert "EXEMPT-DECLARATION-SECRET" not in html
    assert "EXEMPT-HEADING" not in html
    assert "DRAFT-DECLARATION" not in html
    assert "no-store" not in response.get("Cache-Control", "")
    table = text_of(html.split('id="declarations-table"')[1].split("</table>")[0])
    assert (
        "Scrutiny Committee - Childrens and Families, 6 March 2023 "
        "5 'Education for Life' Strategy Agenda Item 7 "
        f"Personal interest {PUBLIC_DECLARATION}"
    ) in table.replace("&#x27;", "'")
    minute_link = f"{reverse('minutes:detail', args=[declarations.meeting_id])}#minute-"
    assert minute_link in html


@pytest.mark.parametrize("kind", ENTITLED_PERSONAS)
def test_an_exempt_declaration_is_shown_to_members_and_officers(
    client, committee, councillor_person, declarations, kind
):
    client.force_login(persona(kind, committee))
    response = client.get(page_url(councillor_person))
    html = response.content.decode()
    assert PUBLIC_DECLARATION in html
    assert EXEMPT_DECLARATION in html
    assert "Exempt: not for publication" in html
    assert "DRAFT-DECLARATION" not in html, "published minutes only, for officers too"
    assert response["Cache-Control"] == "private, no-store"


# Who has a page


def test_vacancies_are_not_people_and_officers_named_in_minutes_have_no_page(client, committee):
    vacancy = MembershipFactory(
        committee=committee, person=None, role=Membership.Role.CO_OPTED, representative_type="X"
    )
    assert vacancy.person_id is None
    officer = PersonFactory(
        first_name="Amelia", surname="Walker", is_councillor=False, job_title="Director"
    )
    minutes = minutes_of(committee, datetime.date(2023, 3, 6))
    attend(minutes, officer, Status.LISTED, category=Category.OFFICERS)
    assert client.get(page_url(officer)).status_code == 404
    assert client.get(reverse("people:detail", args=[999999])).status_code == 404

    html = client.get(committee.get_absolute_url()).content.decode()
    assert "Vacancy: X" in html
    assert not re.search(r'<a [^>]*href="/people/\d+/"[^>]*>Vacancy', html)


def test_someone_with_no_seat_has_a_page_only_for_what_published_minutes_record(client, committee):
    speaker = PersonFactory(first_name="Ruth", surname="Hobbs", is_councillor=False)
    assert client.get(page_url(speaker)).status_code == 404
    draft = minutes_of(committee, datetime.date(2023, 5, 4), publish=False)
    Declaration.objects.create(minutes=draft, person=speaker, description="as a governor")
    assert client.get(page_url(speaker)).status_code == 404

    minutes = minutes_of(committee, datetime.date(2023, 3, 6))
    Declaration.objects.create(minutes=minutes, person=speaker, description="as a governor")
    response = client.get(page_url(speaker))
    assert response.status_code == 200
    assert "Ruth Hobbs" in response.content.decode()
    assert 'id="no-current-memberships"' in response.content.decode()

    # A councillor with no seat (yet) has a page all the same.
    assert client.get(page_url(PersonFactory())).status_code == 200


def test_an_exempt_declaration_alone_gives_no_public_page(client, committee):
    person = PersonFactory(first_name="Ruth", surname="Hobbs", is_councillor=False)
    minutes = minutes_of(committee, datetime.date(2023, 3, 6))
    item = AgendaItemFactory(
        meeting=minutes.meeting, position=9, is_exempt=True, exempt_paragraph=3
    )
    minute = MinuteFactory(minutes=minutes, number=9, agenda_item=item)
    Declaration.objects.create(minutes=minutes, minute=minute, person=person, description="x")
    assert client.get(page_url(person)).status_code == 404
    client.force_login(persona("member", committee))
    assert client.get(page_url(person)).status_code == 200


# Links to the page


def test_members_names_on_the_committee_page_link_to_their_pages(client, committee):
    chair = PersonFactory(first_name="Leigh", surname="Redman")
    MembershipFactory(committee=committee, person=chair, role=Membership.Role.CHAIR)
    MembershipFactory(committee=committee, person=None, role=Membership.Role.CO_OPTED)
    html = client.get(committee.get_absolute_url()).content.decode()
    assert f'<a class="govuk-link" href="{page_url(chair)}">Councillor Leigh Redman</a>' in html


def test_names_in_the_minutes_attendance_link_to_their_pages(client, committee):
    chair = PersonFactory(first_name="Leigh", surname="Redman")
    member = PersonFactory(first_name="Jenny", surname="Snell")
    officer = PersonFactory(first_name="Amelia", surname="Walker", is_councillor=False)
    minutes = minutes_of(committee, datetime.date(2023, 3, 6))
    attend(minutes, chair, Status.LISTED, category=Category.PRESENT, role="chair", position=1)
    AttendanceEntry.objects.create(minutes=minutes, name="Cllr L Trimnell", position=2)
    attend(minutes, member, Status.APOLOGIES, position=3)
    attend(minutes, officer, Status.LISTED, category=Category.OFFICERS, position=4)

    html = client.get(reverse("minutes:detail", args=[minutes.meeting_id])).content.decode()
    assert (
        f'<strong>Present:</strong> <a class="govuk-link" href="{page_url(chair)}">'
        "Cllr L Redman</a> (Chair) and Cllr L Trimnell</p>"
    ) in html
    assert (
        f'<strong>Apologies for absence:</strong> <a class="govuk-link" href="{page_url(member)}">'
        "Cllr J Snell</a></p>"
    ) in html
    assert page_url(officer) not in html, "officers have no page"
    assert "Amelia Walker" in html

    # The printed minutes (print view, PDF, pack) carry no links.
    printed = client.get(reverse("minutes:print", args=[minutes.meeting_id])).content.decode()
    assert "<strong>Present:</strong> Cllr L Redman (Chair) and Cllr L Trimnell</p>" in printed
    assert "/people/" not in printed


def test_the_list_names_todays_members_by_council(client, committee):
    council = committee.council
    other_council = CouncilFactory(name="North Somerset Council", slug="north-somerset")
    panel = CommitteeFactory(council=other_council, name="Children's Panel")
    chair = PersonFactory(first_name="Leigh", surname="Redman")
    MembershipFactory(committee=committee, person=chair, role=Membership.Role.CHAIR)
    co_optee = PersonFactory(first_name="Claire", surname="Hudson", is_councillor=False)
    MembershipFactory(
        committee=panel,
        person=co_optee,
        role=Membership.Role.ADDED,
        representative_type="Church of England Representative",
    )
    former = PersonFactory(first_name="Frank", surname="Former")
    MembershipFactory(committee=committee, person=former, end_date=days(-10))
    MembershipFactory(committee=committee, person=None, role=Membership.Role.CO_OPTED)
    retired = CommitteeFactory(council=council, is_active=False)
    gone = PersonFactory(first_name="Gina", surname="Gone")
    MembershipFactory(committee=retired, person=gone)

    response = client.get(reverse("people:list"))
    html = response.content.decode()
    text = text_of(html)
    assert text.index("North Somerset Council") < text.index("Somerset Council Councillors")
    assert f'href="{page_url(chair)}">Councillor Leigh Redman</a>' in html
    assert f'href="{page_url(co_optee)}">Claire Hudson</a>' in html
    assert "Added member (Church of England Representative)" in text
    assert "Chair, Scrutiny Committee - Childrens and Families" in text
    assert "Former" not in text
    assert "Gina" not in text
    assert "Vacancy" not in text


# Cost and safety


def _busy_record(committee, person, n: int):
    for _ in range(n):
        other = CommitteeFactory(council=committee.council)
        MembershipFactory(committee=other, person=person, role=Membership.Role.VICE_CHAIR)
        MembershipFactory(committee=other, person=person, end_date=days(-400))
        minutes = minutes_of(other, days(-len(Minutes.objects.all()) - 5))
        attend(minutes, person, Status.PRESENT, role="chair")
        item = AgendaItemFactory(meeting=minutes.meeting, is_exempt=True, exempt_paragraph=3)
        minute = MinuteFactory(minutes=minutes, agenda_item=item)
        Declaration.objects.create(minutes=minutes, minute=minute, person=person)
        Declaration.objects.create(minutes=minutes, minute=MinuteFactory(minutes=minutes))


# Person, memberships, attendance, declarations.
PERSON_PAGE_QUERIES = 4
# Session, user, officer roles, the committees the reader sits on (asked once, as there are
# exempt declarations), the header's "is a councillor", and the four of the page.
PERSON_PAGE_QUERIES_SIGNED_IN = 9


def test_the_person_page_costs_the_same_however_long_the_record(
    client, committee, councillor_person, django_assert_num_queries
):
    MembershipFactory(committee=committee, person=councillor_person)
    _busy_record(committee, councillor_person, 1)
    with django_assert_num_queries(PERSON_PAGE_QUERIES):
        assert client.get(page_url(councillor_person)).status_code == 200
    _busy_record(committee, councillor_person, 6)
    with django_assert_num_queries(PERSON_PAGE_QUERIES):
        response = client.get(page_url(councillor_person))
    assert len(response.context["record"].chaired) == 7
    assert len(response.context["record"].declarations) == 0, "all seven are exempt"

    client.force_login(persona("member", committee))
    with django_assert_num_queries(PERSON_PAGE_QUERIES_SIGNED_IN):
        response = client.get(page_url(councillor_person))
    assert len(response.context["record"].declarations) == 0, "member of another committee"


# One query for all the seats.
LIST_QUERIES = 1


def test_the_list_costs_the_same_however_many_people(client, django_assert_num_queries):
    MembershipFactory()
    with django_assert_num_queries(LIST_QUERIES):
        client.get(reverse("people:list"))
    for _ in range(5):
        committee = CommitteeFactory(council=CouncilFactory(slug=f"c{Committee.objects.count()}"))
        MembershipFactory.create_batch(3, committee=committee)
        MembershipFactory(committee=committee, person__is_councillor=False)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("people:list"))
    assert len(response.context["councils"]) == 6


def test_a_get_never_writes_and_a_post_is_refused(client, committee, councillor_person):
    MembershipFactory(committee=committee, person=councillor_person)
    _busy_record(committee, councillor_person, 2)
    client.force_login(persona("officer", committee))
    for url in (page_url(councillor_person), reverse("people:list")):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        writes = [
            query["sql"]
            for query in queries.captured_queries
            if re.match(r"\s*(INSERT|UPDATE|DELETE)", query["sql"], re.I)
        ]
        assert writes == []
        assert client.post(url).status_code == 405


# The demo


def test_every_councillor_in_the_demo_has_a_page_with_attendance_from_the_demo_minutes(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "demo-media"
    call_command("load_demo", stdout=StringIO())
    published = Minutes.objects.published().select_related("meeting__committee")
    assert published, "the demo has minutes"
    recorded = {
        entry.person_id: entry.minutes.meeting.committee
        for entry in AttendanceEntry.objects.filter(
            minutes__in=published, person__isnull=False
        ).select_related("minutes__meeting__committee")
    }
    councillors = Person.objects.filter(is_councillor=True)
    assert councillors.count() > 20
    with_attendance = 0
    for person in councillors:
        response = client.get(page_url(person))
        assert response.status_code == 200, person
        html = response.content.decode()
        assert person.formal_name in html
        if person.pk in recorded:
            row = counts(response, recorded[person.pk])
            assert set(row) == {*COUNTS}, person
            # A member of the committee is expected; another councillor attended as such.
            assert int(row["expected"]) == 1 or "as another councillor" in html, person
            with_attendance += 1
        else:
            assert 'id="no-attendance"' in html, person
    # The Somerset members at the meeting of 6 March 2023 (its predecessor committee's).
    assert with_attendance >= 10

    redman = Person.objects.get(first_name="Leigh", surname="Redman")
    response = client.get(page_url(redman))
    minutes = published.get()
    assert counts(response, minutes.meeting.committee) == {
        "expected": "1",
        "present": "1",
        "apologies": "0",
        "substituted": "0",
        "absent": "0",
        "percentage": "100%",
    }
    assert minutes.meeting.get_absolute_url() in response.content.decode().split('id="chaired"')[1]
    snell = Person.objects.get(first_name="Jeny", surname="Snell")
    assert counts(client.get(page_url(snell)), minutes.meeting.committee)["apologies"] == "1"

    # The committee page and the minutes link to the pages.
    somerset = Committee.objects.get(slug="scrutiny-children-families")
    assert page_url(redman) in client.get(somerset.get_absolute_url()).content.decode()
    minutes_page = client.get(reverse("minutes:detail", args=[minutes.meeting_id]))
    assert page_url(redman) in minutes_page.content.decode()
    assert page_url(snell) in minutes_page.content.decode()
