"""Officers set up councils, committees, people and memberships under /manage/."""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from committees.models import Committee, Council, Membership, OfficerRole, Person
from tests.factories import (
    CommitteeFactory,
    CouncilFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    councillor_user,
    officer_user,
)

pytestmark = pytest.mark.django_db

Role = Membership.Role
LONG_SLUG = "-".join(["scrutiny-committee-for-children-families-and-lifelong-learning"] * 2)[:100]


def url(name, *args):
    return reverse(f"committees_manage:{name}", args=args)


@pytest.fixture
def council():
    return CouncilFactory()


@pytest.fixture
def officer(council):
    return officer_user(council=council, username="dso")


@pytest.fixture
def committee(council):
    return CommitteeFactory(council=council, name="Scrutiny Committee - Adults", slug="adults")


# What the pages are posted


def council_data(**overrides):
    data = {
        "name": "Exmoor District Council",
        "slug": "exmoor",
        "address": "Exmoor House\nDulverton\nTA22 9HL",
        "phone": "01398 323665",
        "email": "democratic.services@exmoor.gov.uk",
        "website": "https://www.exmoor.gov.uk",
        "chair_term": "Chairman",
        "vice_chair_term": "Vice-Chairman",
        "executive_term": "Cabinet",
        "name_style": "short",
        "members_layout": "paragraph",
        "front_sheet_style": "letter",
        "proper_officer": "Head of Democratic Services",
        "signatory_title": "Monitoring Officer",
        "front_sheet_text": "<p>Questions by {question_deadline}.</p><script>alert(1)</script>",
        "guidance_notes": '<p onclick="steal()">Members of the public <em>are welcome</em>.</p>',
        "exempt_items_text": "Items 9 & 10 are exempt.",
        "filming_text": "<p>The meeting may be filmed.</p>",
        "evacuation_text": "Leave by the nearest exit.",
        "access_to_information_text": "<h3>Access</h3><p>Papers are online.</p>",
        "publication_clear_days": "5",
        "question_clear_days": "2",
        "question_deadline_time": "12:00",
        "holiday_region": "ENG",
        "require_two_factor": "",
    }
    data.update(overrides)
    return data


def committee_data(council, **overrides):
    data = {
        "council": council.pk,
        "name": "Scrutiny Committee for Children, Families and Lifelong Learning",
        "slug": LONG_SLUG,
        "kind": "scrutiny",
        "remit": "Education, children's social care and lifelong learning.",
        "information_text": "<p>The committee meets <strong>six times</strong> a year.</p>",
        "focus_strapline": "Every child to thrive",
        "contact_name": "Democratic Services",
        "contact_phone": "01398 323000",
        "contact_email": "scrutiny@exmoor.gov.uk",
        "default_venue": "Council Chamber, Exmoor House",
        "default_start_time": "10:00",
        "predecessor": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def person_data(first_name, surname, **overrides):
    data = {
        "honorific": "",
        "first_name": first_name,
        "surname": surname,
        "is_councillor": "on",
        "job_title": "",
        "organisation": "",
        "email": f"{first_name}.{surname}@example.org".lower(),
        "phone": "",
    }
    data.update(overrides)
    return data


def date_fields(name, value):
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    day, month, year = value.split("/")
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


def seat_data(person=None, role=Role.MEMBER, start=None, end=None, **overrides):
    data = {
        "person": person.pk if person else "",
        "role": role,
        "representative_type": "",
        "organisation": "",
        "voting_note": "",
        "position": "",
        **date_fields("start_date", start),
        **date_fields("end_date", end),
    }
    data.update(overrides)
    return data


# Reading the pages


class Page(HTMLParser):
    """The ids on a page, the error summary's links, and the values of its fields."""

    def __init__(self, html):
        super().__init__()
        self.ids, self.summary_links, self.values, self.selected = set(), [], {}, {}
        self.texts = {}
        self._in_summary = 0
        self._select = self._textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "govuk-error-summary" in (attrs.get("class") or "").split():
            self._in_summary = 1
        elif self._in_summary and tag == "div":
            self._in_summary += 1
        if self._in_summary and tag == "a":
            self.summary_links.append(attrs["href"])
        if tag == "input" and attrs.get("name"):
            if attrs.get("type") in ("radio", "checkbox"):
                if "checked" in attrs:
                    self.values[attrs["name"]] = attrs.get("value", "on")
            else:
                self.values[attrs["name"]] = attrs.get("value") or ""
        if tag == "select":
            self._select = attrs.get("name")
        if tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value")
        if tag == "textarea":
            self._textarea = attrs.get("name")
            self.values[self._textarea] = ""

    def handle_endtag(self, tag):
        if self._in_summary and tag == "div":
            self._in_summary -= 1
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data.lstrip("\n")


def refused(response, *messages) -> Page:
    """The form came back with a GOV.UK error summary whose links all lead to a field."""
    assert response.status_code == 200
    html = response.content.decode()
    page = Page(html)
    assert "There is a problem" in html
    assert page.summary_links, "the error summary links to the fields"
    for link in page.summary_links:
        assert link.startswith("#") and link[1:] in page.ids, f"{link} leads nowhere"
    start = html.index("govuk-error-summary")
    summary = html[start : html.index("</ul>", start)]
    for message in messages:
        assert message in summary.replace("&#x27;", "'"), message
    assert "<title>Error: " in html
    return page


def assert_kept(page: Page, data: dict, *, except_fields=()):
    """Everything the officer typed is still in the form."""
    for name, value in data.items():
        if name in except_fields:
            continue
        assert page.values.get(name, "") == str(value), name


def names_in_print_order(committee):
    return [
        (seat.role, seat.display_name)
        for seat in Membership.objects.filter(committee=committee).in_print_order()
    ]


# Setting up a council, its committee, people and seats


def test_an_officer_sets_up_a_council_a_committee_its_people_and_seats(officer_client, officer):
    response = officer_client.post(url("council_create"), council_data())
    assert response.status_code == 302
    assert response.url == url("council_list")

    council = Council.objects.get(slug="exmoor")
    assert OfficerRole.objects.filter(user=officer, council=council).exists()
    assert council.name == "Exmoor District Council"
    assert council.address == "Exmoor House\nDulverton\nTA22 9HL"
    assert (council.chair_term, council.vice_chair_term) == ("Chairman", "Vice-Chairman")
    assert council.executive_term == Council.ExecutiveTerm.CABINET
    assert council.name_style == Council.NameStyle.SHORT
    assert council.members_layout == Council.MembersLayout.PARAGRAPH
    assert council.front_sheet_style == Council.FrontSheetStyle.COVERING_LETTER
    assert council.proper_officer == "Head of Democratic Services"
    assert council.signatory_title == "Monitoring Officer"
    assert council.front_sheet_text == "<p>Questions by {question_deadline}.</p>"
    assert council.guidance_notes == "<p>Members of the public <em>are welcome</em>.</p>"
    assert council.exempt_items_text == "Items 9 & 10 are exempt."  # plain text, as typed
    assert council.access_to_information_text == "<h3>Access</h3><p>Papers are online.</p>"
    assert (council.publication_clear_days, council.question_clear_days) == (5, 2)
    assert council.question_deadline_time == datetime.time(12, 0)
    assert council.holiday_region == "ENG"
    assert council.require_two_factor is False

    response = officer_client.post(url("committee_create"), committee_data(council))
    committee = Committee.objects.get(slug=LONG_SLUG)
    assert len(committee.slug) == 100
    assert response.url == url("members", LONG_SLUG)
    assert committee.council == council
    assert committee.name == "Scrutiny Committee for Children, Families and Lifelong Learning"
    assert committee.information_text == (
        "<p>The committee meets <strong>six times</strong> a year.</p>"
    )
    assert committee.default_start_time == datetime.time(10, 0)
    assert committee.contact_email == "scrutiny@exmoor.gov.uk"

    people = [
        ("Leigh", "Redman", {}),
        ("Hilary", "Carter", {}),
        ("Anna", "Bell", {}),
        ("Gwil", "Wren", {}),
        ("Jo", "Pinkney", {}),
        ("Mark", "Healey", {}),
        ("Ruth", "Hobbs", {"is_councillor": "", "organisation": "Parent governor"}),
        ("Tobie", "Osmond", {"is_councillor": "", "honorific": "The Revd"}),
        ("Fiona", "Waters", {"is_councillor": "", "organisation": "Weston College"}),
        ("Sue", "Osborne", {}),
    ]
    for first_name, surname, extra in people:
        response = officer_client.post(
            url("person_create"), person_data(first_name, surname, **extra)
        )
        assert response.status_code == 302, response.content.decode()
    assert Person.objects.count() == 10
    person = {p.surname: p for p in Person.objects.all()}
    assert person["Osmond"].formal_name == "The Revd Tobie Osmond"
    assert person["Redman"].is_councillor and not person["Hobbs"].is_councillor

    seats = [
        seat_data(person["Redman"], Role.CHAIR, start="20/5/2024"),
        seat_data(person["Redman"], Role.MEMBER, start="1/5/2022", end="19/5/2024"),
        seat_data(person["Carter"], Role.VICE_CHAIR, start="20/5/2024"),
        seat_data(person["Carter"], Role.CHAIR, start="1/5/2022", end="19/5/2024"),
        seat_data(person["Bell"]),
        seat_data(person["Wren"]),
        seat_data(person["Pinkney"]),
        seat_data(person["Healey"]),
        seat_data(person["Hobbs"], Role.CO_OPTED, voting_note="Votes on education matters only"),
        seat_data(
            person["Osmond"],
            Role.CO_OPTED,
            representative_type="Church of England Representative",
            voting_note="Votes on education matters only",
        ),
        seat_data(
            None,
            Role.CO_OPTED,
            representative_type="Parent governor representative",
            voting_note="Votes on education matters only",
        ),
        seat_data(person["Waters"], Role.RIGHT_TO_SPEAK, organisation="Weston College"),
        seat_data(person["Osborne"], Role.SUBSTITUTE),
    ]
    for seat in seats:
        response = officer_client.post(url("membership_add", LONG_SLUG), seat)
        assert response.status_code == 302, response.content.decode()
        assert response.url == url("members", LONG_SLUG)

    assert Membership.objects.filter(committee=committee).count() == 13
    assert names_in_print_order(committee) == [
        (Role.CHAIR, "Councillor Hilary Carter"),
        (Role.CHAIR, "Councillor Leigh Redman"),
        (Role.VICE_CHAIR, "Councillor Hilary Carter"),
        (Role.MEMBER, "Councillor Anna Bell"),
        (Role.MEMBER, "Councillor Mark Healey"),
        (Role.MEMBER, "Councillor Jo Pinkney"),
        (Role.MEMBER, "Councillor Leigh Redman"),
        (Role.MEMBER, "Councillor Gwil Wren"),
        (Role.CO_OPTED, "Ruth Hobbs"),
        (Role.CO_OPTED, "The Revd Tobie Osmond"),
        (Role.CO_OPTED, "Vacancy: Parent governor representative"),
        (Role.RIGHT_TO_SPEAK, "Fiona Waters"),
        (Role.SUBSTITUTE, "Councillor Sue Osborne"),
    ]
    chair = Membership.objects.get(committee=committee, role=Role.CHAIR, end_date=None)
    assert chair.start_date == datetime.date(2024, 5, 20)
    assert chair.role_label == "Chairman"
    vacancy = Membership.objects.get(committee=committee, person=None)
    assert vacancy.voting_note == "Votes on education matters only"
    positions = list(
        Membership.objects.filter(committee=committee)
        .order_by("pk")
        .values_list("position", flat=True)
    )
    assert positions == list(range(1, 14))

    page = officer_client.get(url("members", LONG_SLUG)).content.decode()
    for name in ("Councillor Leigh Redman", "Vacancy: Parent governor representative"):
        assert name in page
    assert "Vice-Chairman" in page
    public = officer_client.get(committee.get_absolute_url()).content.decode()
    assert "Vacancy: Parent governor representative" in public


def test_a_council_may_require_two_factor_sign_in(officer_client):
    # The officer's next page asks them to set it up (accounts/middleware.py), so only this.
    officer_client.post(
        url("council_create"), council_data(require_two_factor="on", holiday_region="WLS")
    )
    council = Council.objects.get(slug="exmoor")
    assert (council.require_two_factor, council.holiday_region) == (True, "WLS")


def test_the_address_is_made_from_the_name_when_left_empty(officer_client, council):
    name = "Scrutiny Committee for " + "Children and Families, Lifelong Learning " * 4
    officer_client.post(url("committee_create"), committee_data(council, name=name, slug=""))
    committee = Committee.objects.get()
    assert committee.slug.startswith("scrutiny-committee-for-children-and-families-lifelong")
    assert len(committee.slug) <= 100 and not committee.slug.endswith("-")

    officer_client.post(url("council_create"), council_data(name="Mid Devon Council", slug=""))
    assert Council.objects.filter(slug="mid-devon-council").exists()


def test_an_officer_edits_a_committee_and_its_address(officer_client, council, committee):
    page = officer_client.get(url("committee_edit", "adults"))
    html = page.content.decode()
    assert reverse("manage:standard_items", args=["adults"]) in html
    assert url("members", "adults") in html
    assert Page(html).values["name"] == "Scrutiny Committee - Adults"

    response = officer_client.post(
        url("committee_edit", "adults"),
        committee_data(council, name="Adults and Health Scrutiny Committee", slug="adults-health"),
    )
    assert response.url == url("committee_edit", "adults-health")
    committee.refresh_from_db()
    assert (committee.name, committee.slug) == (
        "Adults and Health Scrutiny Committee",
        "adults-health",
    )


def test_an_officer_edits_a_council(officer_client, council):
    response = officer_client.get(url("council_edit", council.slug))
    assert Page(response.content.decode()).values["name"] == "Somerset Council"
    response = officer_client.post(
        url("council_edit", council.slug),
        council_data(name="Somerset Council", slug="somerset", chair_term="Chairperson"),
    )
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.chair_term == "Chairperson"
    assert council.guidance_notes == "<p>Members of the public <em>are welcome</em>.</p>"


def test_an_officer_edits_a_person(officer_client, committee):
    seat = MembershipFactory(committee=committee, person__first_name="Leigh")
    response = officer_client.post(
        url("person_edit", seat.person.pk),
        person_data("Leigh", "Redman-Smith", job_title="Cabinet Member"),
    )
    assert response.url == url("people")
    seat.person.refresh_from_db()
    assert (seat.person.surname, seat.person.job_title) == ("Redman-Smith", "Cabinet Member")


def test_an_officer_edits_ends_and_deletes_seats(officer_client, committee):
    seat = MembershipFactory(committee=committee, start_date=datetime.date(2023, 5, 17))
    other = MembershipFactory(committee=committee)

    response = officer_client.get(url("membership_edit", seat.pk))
    values = Page(response.content.decode()).values
    assert (values["start_date_0"], values["start_date_1"], values["start_date_2"]) == (
        "17",
        "5",
        "2023",
    )
    assert values["person"] == str(seat.person.pk)
    officer_client.post(
        url("membership_edit", seat.pk),
        seat_data(seat.person, Role.CO_OPTED, start="17/5/2023", voting_note="Education only"),
    )
    seat.refresh_from_db()
    assert (seat.role, seat.voting_note) == (Role.CO_OPTED, "Education only")

    response = officer_client.get(url("membership_end", seat.pk))
    assert response.status_code == 200
    seat.refresh_from_db()
    assert seat.end_date is None  # a GET never writes
    response = officer_client.post(
        url("membership_end", seat.pk), date_fields("end_date", "31/3/2025")
    )
    assert response.url == url("members", committee.slug)
    seat.refresh_from_db()
    assert seat.end_date == datetime.date(2025, 3, 31)

    response = officer_client.get(url("membership_delete", other.pk))
    assert "Delete the seat" in response.content.decode()
    assert Membership.objects.filter(pk=other.pk).exists()
    response = officer_client.post(url("membership_delete", other.pk))
    assert response.url == url("members", committee.slug)
    assert not Membership.objects.filter(pk=other.pk).exists()
    assert Person.objects.filter(pk=other.person_id).exists()


def test_pages_accept_only_get_and_post(officer_client, committee):
    seat = MembershipFactory(committee=committee)
    assert officer_client.put(url("membership_delete", seat.pk)).status_code == 405
    assert officer_client.delete(url("membership_delete", seat.pk)).status_code == 405
    assert Membership.objects.filter(pk=seat.pk).exists()
    for page in (url("council_list"), url("committee_list"), url("members", committee.slug)):
        assert officer_client.post(page).status_code == 405


def test_the_role_choices_use_the_councils_terms(officer_client, council, committee):
    council.chair_term = "Chairman"
    council.save()
    html = officer_client.get(url("membership_add", committee.slug)).content.decode()
    assert '<option value="chair">Chairman</option>' in html
    assert '<option value="vice_chair">Vice-Chairman</option>' in html


# Bad input


def test_a_duplicate_council_address_is_refused_and_the_input_kept(officer_client, council):
    data = council_data(slug="somerset")
    page = refused(
        officer_client.post(url("council_create"), data),
        "Another council already has the web address “somerset”.",
    )
    assert_kept(page, data)
    assert Council.objects.count() == 1


def test_a_council_address_made_from_a_taken_name_is_refused(officer_client, council):
    refused(
        officer_client.post(url("council_create"), council_data(name="Somerset", slug="")),
        "Another council already has the web address “somerset”.",
    )


def test_a_council_cannot_take_another_councils_address_when_edited(officer_client, council):
    CouncilFactory(name="North Somerset Council", slug="north-somerset")
    data = council_data(name="Somerset Council", slug="north-somerset")
    page = refused(officer_client.post(url("council_edit", "somerset"), data))
    assert_kept(page, data)
    council.refresh_from_db()
    assert council.slug == "somerset"
    assert council.chair_term == "Chair"


def test_new_is_not_an_address(officer_client, council):
    refused(
        officer_client.post(url("committee_create"), committee_data(council, slug="new")),
        "“new” cannot be the web address of a committee.",
    )


def test_a_duplicate_committee_address_is_refused_and_the_input_kept(
    officer_client, council, committee
):
    data = committee_data(council, slug="adults")
    page = refused(
        officer_client.post(url("committee_create"), data),
        "Another committee already has the web address “adults”.",
    )
    assert_kept(page, data)
    assert Committee.objects.count() == 1


def test_a_committee_edit_refused_keeps_its_links_to_the_stored_address(
    officer_client, council, committee
):
    CommitteeFactory(council=council, slug="children")
    data = committee_data(council, name="Renamed", slug="children")
    response = officer_client.post(url("committee_edit", "adults"), data)
    page = refused(response, "Another committee already has the web address “children”.")
    assert_kept(page, data)
    html = response.content.decode()
    assert (
        url("members", "adults") in html
        and '<h1 class="govuk-heading-l">Scrutiny Committee - Adults</h1>' in html
    )
    committee.refresh_from_db()
    assert (committee.name, committee.slug) == ("Scrutiny Committee - Adults", "adults")


def test_a_committee_cannot_have_replaced_its_own_successor(officer_client, council, committee):
    successor = CommitteeFactory(council=council, predecessor=committee)
    refused(
        officer_client.post(
            url("committee_edit", "adults"),
            committee_data(council, name=committee.name, slug="adults", predecessor=successor.pk),
        ),
        "replaced this committee",
    )


def test_an_end_date_before_the_start_date_is_refused(officer_client, committee):
    person = PersonFactory()
    data = seat_data(person, start="1/6/2024", end="31/5/2024", voting_note="Education")
    page = refused(
        officer_client.post(url("membership_add", committee.slug), data),
        "The end date must be the same as or after the start date, 1 June 2024.",
    )
    assert_kept(page, data)
    assert not Membership.objects.exists()


def test_ending_a_seat_before_it_started_is_refused(officer_client, committee):
    seat = MembershipFactory(committee=committee, start_date=datetime.date(2024, 6, 1))
    data = date_fields("end_date", "31/5/2024")
    page = refused(
        officer_client.post(url("membership_end", seat.pk), data),
        "The end date must be the same as or after the start date",
    )
    assert_kept(page, data)
    seat.refresh_from_db()
    assert seat.end_date is None


@pytest.mark.parametrize(
    "existing, new",
    [
        (("1/5/2020", None), ("1/5/2030", "30/4/2031")),  # an open end runs for ever
        ((None, "30/4/2024"), ("1/5/1990", "2/5/1990")),  # so does an open start
        ((None, None), ("1/5/2024", None)),
        (("1/5/2022", "30/4/2024"), ("30/4/2024", None)),  # the last day counts
        (("1/5/2022", "30/4/2024"), (None, "1/5/2022")),
    ],
)
def test_a_second_seat_of_the_same_person_at_overlapping_dates_is_refused(
    officer_client, committee, existing, new
):
    person = PersonFactory(first_name="Leigh", surname="Redman")
    start, end = (
        datetime.datetime.strptime(day, "%d/%m/%Y").date() if day else None for day in existing
    )
    MembershipFactory(committee=committee, person=person, start_date=start, end_date=end)
    data = seat_data(person, Role.SUBSTITUTE, start=new[0], end=new[1])
    page = refused(
        officer_client.post(url("membership_add", committee.slug), data),
        "Councillor Leigh Redman already has a seat on this committee",
    )
    assert_kept(page, data)
    assert Membership.objects.count() == 1


def test_seats_of_the_same_person_that_do_not_overlap_are_accepted(officer_client, committee):
    person = PersonFactory()
    MembershipFactory(
        committee=committee,
        person=person,
        start_date=datetime.date(2022, 5, 1),
        end_date=datetime.date(2024, 4, 30),
    )
    MembershipFactory(person=person)  # another committee's seat does not count
    response = officer_client.post(
        url("membership_add", committee.slug), seat_data(person, Role.CHAIR, start="1/5/2024")
    )
    assert response.status_code == 302
    assert Membership.objects.filter(committee=committee).count() == 2


def test_extending_a_seat_over_a_later_one_is_refused(officer_client, committee):
    person = PersonFactory(first_name="Leigh", surname="Redman")
    seat = MembershipFactory(
        committee=committee,
        person=person,
        start_date=datetime.date(2022, 5, 1),
        end_date=datetime.date(2023, 4, 30),
    )
    MembershipFactory(committee=committee, person=person, start_date=datetime.date(2024, 5, 1))
    refused(
        officer_client.post(url("membership_end", seat.pk), date_fields("end_date", "1/5/2024")),
        "Councillor Leigh Redman already has a seat on this committee",
    )


@pytest.mark.parametrize("role, label", [(Role.CHAIR, "Chair"), (Role.VICE_CHAIR, "Vice-Chair")])
def test_a_second_chair_or_vice_chair_at_overlapping_dates_is_refused(
    officer_client, committee, role, label
):
    MembershipFactory(
        committee=committee,
        role=role,
        person=PersonFactory(first_name="Hilary", surname="Carter"),
        start_date=datetime.date(2023, 5, 17),
    )
    data = seat_data(PersonFactory(), role, start="1/9/2024", organisation="Somerset")
    page = refused(
        officer_client.post(url("membership_add", committee.slug), data),
        f"The committee already has a {label}, Councillor Hilary Carter, from 17 May 2023.",
    )
    assert_kept(page, data)
    assert Membership.objects.count() == 1


def test_a_new_chair_may_follow_the_last_one(officer_client, committee):
    MembershipFactory(
        committee=committee,
        role=Role.CHAIR,
        start_date=datetime.date(2023, 5, 17),
        end_date=datetime.date(2024, 5, 19),
    )
    MembershipFactory(committee=committee, role=Role.VICE_CHAIR)  # a different role
    response = officer_client.post(
        url("membership_add", committee.slug),
        seat_data(PersonFactory(), Role.CHAIR, start="20/5/2024"),
    )
    assert response.status_code == 302
    assert Membership.objects.filter(role=Role.CHAIR).count() == 2


def test_editing_the_chair_does_not_clash_with_itself(officer_client, committee):
    chair = MembershipFactory(committee=committee, role=Role.CHAIR)
    response = officer_client.post(
        url("membership_edit", chair.pk), seat_data(chair.person, Role.CHAIR, start="1/5/2024")
    )
    assert response.status_code == 302


def test_a_vacancy_needs_a_representative_type(officer_client, committee):
    data = seat_data(None, Role.CO_OPTED, voting_note="Votes on education matters only")
    page = refused(
        officer_client.post(url("membership_add", committee.slug), data),
        "Enter the representative type of the vacant seat",
    )
    assert_kept(page, data)
    assert not Membership.objects.exists()


def test_unreadable_dates_are_refused_with_links_to_their_parts(officer_client, committee):
    data = seat_data(PersonFactory(), start="31/2/2024", end="x/5/2024")
    data["end_date_2"] = ""
    page = refused(officer_client.post(url("membership_add", committee.slug), data))
    assert_kept(page, data)


def test_required_fields_are_named(officer_client, council):
    refused(
        officer_client.post(url("council_create"), council_data(name="", slug="")),
        "Enter the name of the council.",
    )
    data = {**committee_data(council, name=""), "council": ""}
    refused(
        officer_client.post(url("committee_create"), data),
        "Enter the full official name of the committee.",
        "Choose the council the committee belongs to.",
    )
    refused(
        officer_client.post(url("person_create"), person_data("", "")),
        "Enter the person's first name.",
        "Enter the person's surname.",
    )


# Who may do what


@pytest.fixture
def other_world():
    """Another council's committee, with a seat and a person only it has."""
    council = CouncilFactory(name="North Somerset Council", slug="north-somerset")
    committee = CommitteeFactory(council=council, slug="ns-children")
    seat = MembershipFactory(committee=committee)
    return council, committee, seat


def other_pages(other_world):
    council, committee, seat = other_world
    return [
        (url("council_edit", council.slug), council_data(name="Taken", slug=council.slug)),
        (url("committee_edit", committee.slug), committee_data(council, slug=committee.slug)),
        (url("members", committee.slug), None),
        (url("membership_add", committee.slug), seat_data(PersonFactory(), Role.MEMBER)),
        (url("membership_edit", seat.pk), seat_data(seat.person, Role.CHAIR)),
        (url("membership_end", seat.pk), date_fields("end_date", "1/1/2025")),
        (url("membership_delete", seat.pk), {}),
        (url("person_edit", seat.person.pk), person_data("Changed", "Name")),
    ]


def test_an_officer_of_another_council_is_refused(officer_client, other_world):
    council, committee, seat = other_world
    for page, data in other_pages(other_world):
        assert officer_client.get(page).status_code == 403, page
        if data is not None:
            assert officer_client.post(page, data).status_code == 403, page
    council.refresh_from_db()
    committee.refresh_from_db()
    seat.refresh_from_db()
    assert council.name == "North Somerset Council"
    assert committee.name.startswith("Scrutiny Committee")
    assert seat.role == Role.MEMBER and seat.end_date is None
    assert seat.person.first_name != "Changed"
    assert Membership.objects.count() == 1


def test_an_officer_cannot_put_a_committee_in_another_council(
    officer_client, committee, other_world
):
    other_council = other_world[0]
    html = officer_client.get(url("committee_create")).content.decode()
    assert "North Somerset Council" not in html
    refused(
        officer_client.post(url("committee_create"), committee_data(other_council, slug="mine")),
        "Select a valid choice",
    )
    refused(
        officer_client.post(
            url("committee_edit", "adults"),
            committee_data(other_council, name=committee.name, slug="adults"),
        )
    )
    assert not Committee.objects.filter(slug="mine").exists()
    committee.refresh_from_db()
    assert committee.council.slug == "somerset"


def test_lists_show_only_what_the_officer_runs(officer_client, committee, other_world):
    council, other_committee, other_seat = other_world
    mine = MembershipFactory(committee=committee, person__surname="Redman")
    newcomer = PersonFactory(surname="Newcomer")

    councils = officer_client.get(url("council_list")).content.decode()
    assert "Somerset Council" in councils and "North Somerset Council" not in councils

    committees = officer_client.get(url("committee_list")).content.decode()
    assert url("committee_edit", "adults") in committees
    assert url("members", "adults") in committees
    assert other_committee.slug not in committees

    people = officer_client.get(url("people")).context["people"]
    assert set(people) == {mine.person, newcomer}
    # People on no committee yet are anyone's to edit; and anyone may be chosen for a seat.
    assert officer_client.get(url("person_edit", newcomer.pk)).status_code == 200
    seat_form = officer_client.get(url("membership_add", "adults")).content.decode()
    assert f'value="{other_seat.person.pk}"' in seat_form


def test_people_are_found_by_name(officer_client):
    PersonFactory(first_name="Leigh", surname="Redman")
    PersonFactory(first_name="Leigh", surname="Baker")
    PersonFactory(first_name="Hilary", surname="Carter")
    found = officer_client.get(url("people"), {"q": "leigh red"}).context["people"]
    assert [person.surname for person in found] == ["Redman"]
    found = officer_client.get(url("people"), {"q": "LEIGH"}).context["people"]
    assert [person.surname for person in found] == ["Baker", "Redman"]
    html = officer_client.get(url("people"), {"q": "nobody"}).content.decode()
    assert "No one’s name contains “nobody”." in html


def every_page(committee, seat):
    return [
        url("council_list"),
        url("council_create"),
        url("council_edit", committee.council.slug),
        url("committee_list"),
        url("committee_create"),
        url("committee_edit", committee.slug),
        url("members", committee.slug),
        url("membership_add", committee.slug),
        url("membership_edit", seat.pk),
        url("membership_end", seat.pk),
        url("membership_delete", seat.pk),
        url("people"),
        url("person_create"),
        url("person_edit", seat.person.pk),
    ]


def test_councillors_are_refused_and_anonymous_users_sent_to_sign_in(client, committee):
    seat = MembershipFactory(committee=committee)
    pages = every_page(committee, seat)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), page
        assert client.post(page, {}).status_code == 302, page
    councillor = councillor_user()
    seat.person.user = councillor
    seat.person.save()
    client.force_login(councillor)
    for page in pages:
        assert client.get(page).status_code == 403, page
        assert client.post(page, {}).status_code == 403, page
    assert Membership.objects.filter(pk=seat.pk).exists()


def test_every_page_opens_for_the_officer(officer_client, committee):
    seat = MembershipFactory(committee=committee)
    for page in every_page(committee, seat):
        response = officer_client.get(page)
        assert response.status_code == 200, page
        assert "There is a problem" not in response.content.decode()


def test_a_superuser_runs_every_council_without_an_officer_role(client, committee):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert "Somerset Council" in client.get(url("council_list")).content.decode()
    assert client.get(url("committee_edit", committee.slug)).status_code == 200
    client.post(url("council_create"), council_data())
    assert Council.objects.filter(slug="exmoor").exists()
    assert not OfficerRole.objects.filter(user=admin).exists()


def test_a_new_council_is_run_by_the_officer_who_added_it(officer_client, officer):
    officer_client.post(url("council_create"), council_data())
    exmoor = Council.objects.get(slug="exmoor")
    assert officer_client.get(url("council_edit", "exmoor")).status_code == 200
    html = officer_client.get(url("committee_create")).content.decode()
    assert f'<option value="{exmoor.pk}">Exmoor District Council</option>' in html
    assert set(
        OfficerRole.objects.filter(user=officer).values_list("council__slug", flat=True)
    ) == {
        "somerset",
        "exmoor",
    }


# Cost


def test_list_pages_cost_the_same_however_many_rows(
    officer_client, council, django_assert_num_queries
):
    def add_committee(n):
        committee = CommitteeFactory(council=council, slug=f"committee-{n}")
        for role in (Role.CHAIR, Role.MEMBER, Role.CO_OPTED):
            MembershipFactory(committee=committee, role=role)
        MembershipFactory(committee=committee, person=None, representative_type="Parent")
        return committee

    first = add_committee(0)
    for n in range(1, 6):
        add_committee(n)
    # The session, the user and the councils they run; then
    # the list itself (the members page also loads its committee, the people page counts).
    with django_assert_num_queries(4):
        officer_client.get(url("committee_list"))
    with django_assert_num_queries(4):
        officer_client.get(url("council_list"))
    with django_assert_num_queries(5):
        officer_client.get(url("members", first.slug))
    for _ in range(6):
        MembershipFactory(committee=first, end_date=datetime.date(2020, 1, 1))
    with django_assert_num_queries(5):
        officer_client.get(url("members", first.slug))
    with django_assert_num_queries(5):
        officer_client.get(url("people"))


# The forms' inputs


def test_every_typed_input_is_a_govuk_input(officer_client, committee):
    seat = MembershipFactory(committee=committee)
    typed = re.compile(r'<input type="(?:text|number|email|url|date|time|search)"[^>]*>')
    inputs = 0
    for page in every_page(committee, seat):
        for tag in typed.findall(officer_client.get(page).content.decode()):
            inputs += 1
            assert "govuk-input" in tag, (page, tag)
    assert inputs > 40


# In a browser


def sign_in(page, live_server, username="officer"):

    page.goto(f"{live_server.url}/sign-in/?next=/manage/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Prepare meetings")).to_be_visible()


@pytest.mark.browser
def test_an_officer_adds_a_council_and_a_committee_in_a_browser(live_server, page, tmp_path):

    officer_user(username="officer")
    sign_in(page, live_server)

    page.get_by_role("link", name="Councils", exact=True).click()
    page.get_by_role("link", name="Add a council").click()
    page.get_by_label("Name of the council").fill("Exmoor District Council")
    page.get_by_label("Chairman", exact=True).check()
    page.get_by_label("Cabinet", exact=True).check()
    page.get_by_label("Cllr L Redman", exact=True).check()
    page.get_by_label("Covering letter (North Somerset)").check()
    page.get_by_label("Signatory of the covering letter (optional)").fill("Monitoring Officer")
    notes = page.get_by_role("textbox", name="Guidance notes for the public (optional)")
    notes.click()
    notes.type("Members of the public are welcome.")
    deadline = page.get_by_label("Time on that day that public questions are due")
    expect(deadline).to_have_value("17:00")
    deadline.fill("12:00")
    expect(deadline).to_have_value("12:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Exmoor District Council has been added.")).to_be_visible()
    expect(page.get_by_role("link", name="Exmoor District Council")).to_be_visible()

    council = Council.objects.get(slug="exmoor-district-council")
    assert council.chair_term == "Chairman"
    assert council.name_style == Council.NameStyle.SHORT
    assert council.front_sheet_style == Council.FrontSheetStyle.COVERING_LETTER
    assert council.question_deadline_time == datetime.time(12, 0)
    assert "Members of the public are welcome." in council.guidance_notes

    page.get_by_role("link", name="Manage committees").click()
    page.get_by_role("link", name="Add a committee").click()
    page.get_by_label("Council", exact=True).select_option(label="Exmoor District Council")
    page.get_by_label("Full official name").fill("Scrutiny Committee - Children and Families")
    page.get_by_label("Web address (optional)").fill("new")
    page.get_by_label("Policy and scrutiny panel").check()
    page.get_by_label("Usual start time (optional)").fill("10:00")
    page.get_by_role("button", name="Save").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("cannot be the web address")).click()
    expect(page.get_by_label("Web address (optional)")).to_be_focused()
    expect(page.get_by_label("Full official name")).to_have_value(
        "Scrutiny Committee - Children and Families"
    )
    page.get_by_label("Web address (optional)").fill("")
    page.get_by_role("button", name="Save").click()

    expect(
        page.get_by_role("heading", name="Members: Scrutiny Committee - Children and Families")
    ).to_be_visible()
    committee = Committee.objects.get()
    assert committee.slug == "scrutiny-committee-children-and-families"
    assert committee.council == council
    assert committee.kind == Committee.Kind.SCRUTINY_PANEL
    page.screenshot(path=str(tmp_path / "members.png"), full_page=True)


AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.browser
def test_the_pages_pass_an_accessibility_audit(live_server, browser, committee):
    """axe-core, as tests/scrutiny/test_accessibility.py runs it, on the forms with and
    without errors."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm install)")
    MembershipFactory(committee=committee, role=Role.CHAIR, start_date=datetime.date(2023, 5, 17))
    MembershipFactory(committee=committee, person=None, representative_type="Parent governor")
    officer_user(council=committee.council, username="officer")
    # The audit is a script of its own, which the portal's Content-Security-Policy refuses.
    context = browser.new_context(viewport={"width": 1200, "height": 2000}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, live_server)
    problems = {}

    def audit(path, submit=False):
        page.goto(f"{live_server.url}{path}")
        if submit:
            page.get_by_role("button", name="Save").click()
            expect(page.locator(".govuk-error-summary")).to_be_visible()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        serious = [
            f"{violation['id']}: {violation['help']}"
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        if serious:
            problems[f"{path}{' (refused)' if submit else ''}"] = serious

    for path in (
        url("council_list"),
        url("committee_list"),
        url("people"),
        url("members", "adults"),
    ):
        audit(path)
    audit(url("council_create"))
    audit(url("committee_edit", "adults"))
    audit(url("person_create"), submit=True)
    audit(url("membership_add", "adults"), submit=True)
    context.close()
    assert problems == {}
