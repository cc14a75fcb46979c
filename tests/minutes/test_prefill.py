"""
Starting minutes fills in what the portal knows: a row of attendance for each member of the
committee on the day, one minute for each agenda item in agenda order, and no declarations.
The officer records attendance in one form (one POST), and only runs their own council's
committees.
"""

import datetime
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.models import Membership
from meetings.models import Meeting
from minutes.models import (
    AttendanceEntry,
    Comment,
    Decision,
    Declaration,
    Minute,
    Minutes,
    MinutesSettings,
    PublicSpeaker,
)
from minutes.services import add_members_on_the_day, start_minutes
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    MinutesFactory,
    PersonFactory,
    officer_user,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 3, 6)

# (first name, surname, role, start, end): the thirteen members on 6 March 2023, in the
# order the minutes print them (Chair, Vice-Chair, members by surname, co-opted members).
ON_THE_DAY = [
    ("Leigh", "Redman", Membership.Role.CHAIR, None, None),
    ("Martin", "Dimery", Membership.Role.VICE_CHAIR, None, None),
    ("Adam", "Abbott", Membership.Role.MEMBER, None, None),
    ("Bella", "Baker", Membership.Role.MEMBER, None, None),
    ("Sarah", "Hart", Membership.Role.MEMBER, None, None),
    ("Huw", "Jones", Membership.Role.MEMBER, None, None),
    ("Kate", "Kendall", Membership.Role.MEMBER, DAY, None),  # joined that day
    ("Liz", "Lock", Membership.Role.MEMBER, None, None),
    ("Mo", "Morgan", Membership.Role.MEMBER, None, None),
    ("Olu", "Osborne", Membership.Role.MEMBER, None, None),
    ("Pat", "Pearce", Membership.Role.MEMBER, None, None),
    ("Will", "Wells", Membership.Role.MEMBER, None, DAY),  # left after that day's meeting
]
CO_OPTEE = ("Ruth", "Hobbs")
PRINTED_NAMES = [f"Cllr {first[0]} {surname}" for first, surname, *_ in ON_THE_DAY] + [
    "Mrs R Hobbs"
]
AGENDA = [
    "Apologies for Absence",
    "Declarations of Interest",
    "Minutes from the Previous Meeting",
    "Public Question Time",
    "Home to School Transport",
    "Work Programme",
]
SUB_PART = "Home to School Transport: the bidders"


def _members(committee, count=None):
    rows = ON_THE_DAY if count is None else ON_THE_DAY[:count]
    for position, (first, surname, role, start, end) in enumerate(rows, 1):
        MembershipFactory(
            committee=committee,
            person=PersonFactory(first_name=first, surname=surname),
            role=role,
            start_date=start,
            end_date=end,
            position=position,
        )


@pytest.fixture
def committee():
    return CommitteeFactory(name="Scrutiny for Policies, Children and Families Committee")


@pytest.fixture
def meeting(committee):
    """13 members on the day (and 3 seats that are not), 6 items, item 5 with a sub-part."""
    meeting = MeetingFactory(committee=committee, date=DAY, status=Meeting.Status.HELD)
    _members(committee)
    MembershipFactory(
        committee=committee,
        person=PersonFactory(
            first_name="Ruth", surname="Hobbs", honorific="Mrs", is_councillor=False
        ),
        role=Membership.Role.CO_OPTED,
        representative_type="Church of England Representative",
    )
    MembershipFactory(  # left the committee before the meeting
        committee=committee,
        person=PersonFactory(first_name="Gerry", surname="Gone"),
        end_date=DAY - datetime.timedelta(days=1),
    )
    MembershipFactory(  # joins after it
        committee=committee,
        person=PersonFactory(first_name="Lara", surname="Later"),
        start_date=DAY + datetime.timedelta(days=1),
    )
    MembershipFactory(  # a vacant seat
        committee=committee,
        person=None,
        role=Membership.Role.CO_OPTED,
        representative_type="Parent Governor Representative",
    )
    MembershipFactory(person=PersonFactory(surname="Elsewhere"))  # another committee's member
    # Written out of order: the minutes follow the agenda's positions, not the order typed.
    items = {}
    for position in (3, 1, 6, 2, 5, 4):
        items[position] = AgendaItemFactory(
            meeting=meeting, position=position, title=AGENDA[position - 1]
        )
    AgendaItemFactory(meeting=meeting, parent=items[5], position=1, title=SUB_PART)
    AgendaItemFactory(meeting=MeetingFactory(committee=committee), position=1, title="Not this")
    return meeting


@pytest.fixture
def officer(client, committee):
    user = officer_user(council=committee.council)
    client.force_login(user)
    return user


def _start(client, meeting):
    return client.post(reverse("minutes:start", args=[meeting.pk]))


def _rows(minutes):
    return list(
        minutes.attendance.exclude(status=AttendanceEntry.Status.LISTED)
        .filter(substitute_of=None)
        .select_related("person")
    )


class _FormReader(HTMLParser):
    """What a browser without JavaScript would send from the attendance form."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.data = {}
        self.radios = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == "attendance-form"
        if not self.inside or tag != "input":
            return
        kind, name = attrs.get("type"), attrs.get("name")
        if kind == "radio":
            self.radios.setdefault(name, []).append(attrs["value"])
            if "checked" in attrs:
                self.data[name] = attrs["value"]
        else:
            self.data[name] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def _read_form(page: str) -> _FormReader:
    reader = _FormReader()
    reader.feed(page)
    return reader


def _answer(data: dict, page: str, answers: dict) -> dict:
    """Fill in the posted form: {printed name: (status, substitute)}, the rest present."""
    legends = re.findall(r'<legend class="govuk-fieldset__legend[^"]*">([^<]+)</legend>', page)
    data = dict(data)
    for index, legend in enumerate(legends):
        name = legend.split(",")[0]
        status, substitute = answers.get(name, ("present", ""))
        if status is None:
            data.pop(f"attendance-{index}-status", None)
        else:
            data[f"attendance-{index}-status"] = status
        data[f"attendance-{index}-substitute"] = substitute
    return data


def _ids(page: str) -> Counter:
    return Counter(re.findall(r'\sid="([^"]+)"', page))


def _writes(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


# Starting the minutes


def test_the_start_page_says_what_will_be_filled_in_and_writes_nothing(client, officer, meeting):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("minutes:edit", args=[meeting.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert _writes(queries) == []
    assert not Minutes.objects.exists()
    assert "the 13 members of the committee on 6 March 2023" in page
    assert "a minute for each of the 6 agenda items and 1 sub-part, in agenda order" in page
    assert "Councillor Leigh Redman, Chair" in page and "Mrs Ruth Hobbs, Co-opted member" in page
    assert "Gone" not in page and "Later" not in page and "Elsewhere" not in page


def test_starting_lists_the_members_on_the_day_with_nothing_recorded_yet(client, officer, meeting):
    response = _start(client, meeting)
    assert response.status_code == 302
    assert response.url == reverse("minutes:attendance", args=[meeting.pk])
    minutes = Minutes.objects.get(meeting=meeting)

    rows = _rows(minutes)
    assert [row.display_name for row in rows] == PRINTED_NAMES
    assert {row.status for row in rows} == {AttendanceEntry.Status.NOT_RECORDED}
    assert [row.position for row in rows] == list(range(1, 14))
    assert [row.role for row in rows[:3]] == ["chair", "vice_chair", ""]
    assert {row.category for row in rows[:-1]} == {AttendanceEntry.Category.PRESENT}
    assert rows[-1].category == AttendanceEntry.Category.CO_OPTED
    assert all(row.membership.committee_id == meeting.committee_id for row in rows)
    assert minutes.attendance.count() == 13, "no vacancy, no former or future member"
    assert not minutes.declarations.exists()

    # Nothing is printed for members until their attendance is recorded.
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("minutes:edit", args=[meeting.pk])).content.decode()
    assert _writes(queries) == [], "a GET never writes"
    assert "No one recorded yet." in page
    assert "Not recorded yet for 13 members." in page


def test_starting_writes_a_minute_for_each_agenda_item_in_agenda_order(client, officer, meeting):
    _start(client, meeting)
    minutes = Minutes.objects.get(meeting=meeting)
    entries = list(minutes.minute_entries.select_related("agenda_item__parent"))
    assert [entry.label for entry in entries] == ["1", "2", "3", "4", "5", "5.1", "6"]
    assert [entry.heading for entry in entries] == [*AGENDA[:5], SUB_PART, AGENDA[5]]
    assert [entry.agenda_item.title for entry in entries] == [entry.heading for entry in entries]
    assert {entry.agenda_item.meeting_id for entry in entries} == {meeting.pk}
    assert entries[5].agenda_item.parent == entries[4].agenda_item
    assert {entry.body for entry in entries} == {""}

    page = client.get(reverse("minutes:edit", args=[meeting.pk])).content.decode()
    assert "Home to School Transport: the bidders" in page and "Agenda Item (a)" in page
    # The next minute added by hand follows on.
    assert minutes.next_number() == (7, None)


def test_running_numbers_carry_on_through_the_year_with_sub_parts_as_paragraphs(officer, meeting):
    committee = meeting.committee
    MinutesSettings.objects.create(committee=committee, numbering=MinutesSettings.Numbering.RUNNING)
    january = MinutesFactory(
        meeting=MeetingFactory(committee=committee, date=datetime.date(2023, 1, 26))
    )
    MinuteFactory(minutes=january, number=55, paragraph=0)
    minutes, created = start_minutes(meeting)
    assert created
    labels = [entry.label for entry in minutes.minute_entries.all()]
    assert labels == ["56.0", "57.0", "58.0", "59.0", "60.0", "60.1", "61.0"]


def test_starting_twice_adds_nothing_and_shows_the_minutes_already_started(
    client, officer, meeting
):
    _start(client, meeting)
    minutes = Minutes.objects.get(meeting=meeting)
    counts = (minutes.attendance.count(), minutes.minute_entries.count())

    response = _start(client, meeting)
    assert response.status_code == 302
    assert response.url == reverse("minutes:edit", args=[meeting.pk])
    page = client.get(response.url).content.decode()
    assert "These minutes were started already; here they are." in page
    assert "Edit minutes of" in page
    assert Minutes.objects.count() == 1
    assert (minutes.attendance.count(), minutes.minute_entries.count()) == counts

    # The service too: a second start finds the minutes and adds nothing.
    again, created = start_minutes(meeting)
    assert (again, created) == (minutes, False)
    assert (minutes.attendance.count(), minutes.minute_entries.count()) == counts
    # Nor does asking for the members on the day again.
    assert add_members_on_the_day(minutes) == []
    assert minutes.attendance.count() == counts[0]


# Recording attendance


def test_attendance_is_recorded_for_every_member_in_one_post(client, officer, meeting):
    _start(client, meeting)
    url = reverse("minutes:attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    form = _read_form(page)
    assert form.radios["attendance-0-status"] == ["present", "apologies", "substituted", "absent"]
    assert len(form.radios) == 13
    assert "attendance-0-status" not in form.data, "no answer is chosen for the officer"

    data = _answer(
        form.data,
        page,
        {
            "Cllr B Baker": ("apologies", ""),
            "Cllr S Hart": ("substituted", "Cllr L Trimnell"),
            "Cllr H Jones": ("absent", ""),
            "Cllr A Abbott": ("present", "Typed, but not a substitute"),
        },
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == reverse("minutes:edit", args=[meeting.pk])
    assert len(_writes(queries)) <= 6, "saved together, not row by row"

    minutes = Minutes.objects.get(meeting=meeting)
    statuses = {row.display_name: row.status for row in _rows(minutes)}
    assert statuses["Cllr B Baker"] == "apologies"
    assert statuses["Cllr S Hart"] == "substituted"
    assert statuses["Cllr H Jones"] == "absent"
    assert list(statuses.values()).count("present") == 10
    substitute = AttendanceEntry.objects.get(substitute_of__person__surname="Hart")
    assert (substitute.name, substitute.substitute_for) == ("Cllr L Trimnell", "Cllr S Hart")

    printed = client.get(reverse("minutes:edit", args=[meeting.pk])).content.decode()
    assert (
        "<strong>Present:</strong> Cllr L Redman (Chair), Cllr M Dimery (Vice-Chair), "
        "Cllr A Abbott, Cllr L Trimnell (substitute for Cllr S Hart), Cllr K Kendall, "
        "Cllr L Lock, Cllr M Morgan, Cllr O Osborne, Cllr P Pearce and Cllr W Wells"
    ) in printed
    assert "<strong>Co-opted members present:</strong> Mrs R Hobbs" in printed
    assert "<strong>Apologies for absence:</strong> Cllr B Baker and Cllr S Hart" in printed
    assert "Cllr H Jones" not in printed.split('id="attendance-list"')[1].split("</ul>")[0]
    assert "Typed, but not a substitute" not in printed
    assert "Not recorded yet" not in printed

    # The form comes back as saved; changing an answer replaces the substitute.
    page = client.get(url).content.decode()
    saved = _read_form(page).data
    hart = next(key for key, value in saved.items() if value == "substituted")
    assert saved[hart.replace("status", "substitute")] == "Cllr L Trimnell"
    assert client.post(url, {**saved, hart: "present"}).status_code == 302
    assert not AttendanceEntry.objects.filter(substitute_of__isnull=False).exists()
    assert not AttendanceEntry.objects.filter(name="Cllr L Trimnell").exists()


def test_bad_attendance_is_explained_and_what_was_typed_is_kept(client, officer, meeting):
    _start(client, meeting)
    url = reverse("minutes:attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    data = _answer(
        _read_form(page).data,
        page,
        {
            "Cllr M Dimery": (None, ""),
            "Cllr S Hart": ("substituted", "   "),
            "Cllr H Jones": ("substituted", "Cllr L Trimnell"),
            "Cllr B Baker": ("apologies", ""),
        },
    )
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="govuk-error-summary"') == 1
    assert "<title>Error: " in page
    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert links == [
        (
            "id_attendance-1-status_0",
            "Select whether Cllr M Dimery was present, sent apologies, sent a substitute or "
            "was absent",
        ),
        ("id_attendance-4-substitute", "Enter the name of who substituted for Cllr S Hart"),
    ]
    ids = _ids(page)
    assert all(ids[target] == 1 for target, _ in links), "each link goes to one field"
    assert "govuk-form-group--error" in page and "govuk-input--error" in page

    kept = _read_form(page).data
    assert "attendance-1-status" not in kept
    assert kept["attendance-3-status"] == "apologies"
    assert kept["attendance-5-status"] == "substituted"
    assert kept["attendance-5-substitute"] == "Cllr L Trimnell"
    assert kept["attendance-0-status"] == "present"
    # Nothing was saved.
    minutes = Minutes.objects.get(meeting=meeting)
    assert {row.status for row in _rows(minutes)} == {AttendanceEntry.Status.NOT_RECORDED}
    assert not AttendanceEntry.objects.filter(substitute_of__isnull=False).exists()


def test_a_list_that_changed_since_it_was_read_is_refused(client, officer, meeting):
    _start(client, meeting)
    url = reverse("minutes:attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    data = _answer(_read_form(page).data, page, {})
    data["attendance-0-entry"], data["attendance-1-entry"] = (
        data["attendance-1-entry"],
        data["attendance-0-entry"],
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The list of members changed while you were recording attendance" in (
        response.content.decode()
    )
    assert AttendanceEntry.objects.filter(status="present").count() == 0


@pytest.mark.parametrize("path", ["attendance", "edit"])
def test_no_two_elements_share_an_id(client, officer, meeting, path):
    _start(client, meeting)
    url = reverse(f"minutes:{path}", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert [name for name, count in _ids(page).items() if count > 1] == []
    if path == "attendance":
        ids = _ids(page)
        for index in range(13):
            assert f"id_attendance-{index}-status_0" in ids
            assert f"id_attendance-{index}-substitute" in ids
            assert f"id_attendance-{index}-entry" in ids


def test_the_minutes_pages_forms_still_save_with_their_own_field_names(client, officer, meeting):
    _start(client, meeting)
    url = reverse("minutes:edit", args=[meeting.pk])
    details = reverse("minutes:save_details", args=[meeting.pk])
    data = {"details-heading": "CHILDREN AND FAMILIES"}
    assert client.post(details, {**data, "details-end_time": "16:05"}).status_code == 302
    response = client.post(
        reverse("minutes:add_attendance", args=[meeting.pk]),
        {"other-category": "officers", "other-name": "A Clerk"},
    )
    assert response.status_code == 302
    minutes = Minutes.objects.get(meeting=meeting)
    assert (minutes.heading, minutes.end_time) == ("CHILDREN AND FAMILIES", datetime.time(16, 5))
    clerk = minutes.attendance.get(name="A Clerk")
    assert clerk.position == 14, "after the members"
    page = client.get(url).content.decode()
    assert "<strong>Officers present:</strong> A Clerk" in page

    client.post(reverse("minutes:publish", args=[meeting.pk]))
    later = MeetingFactory(committee=meeting.committee, date=datetime.date(2023, 5, 4))
    page = client.get(url).content.decode()
    assert [name for name, count in _ids(page).items() if count > 1] == []
    approve = reverse("minutes:approve", args=[meeting.pk])
    response = client.post(approve, {"approval-at_meeting": later.pk})
    assert response.status_code == 302
    assert Minutes.objects.get(pk=minutes.pk).approved_at_meeting == later
    # Approved: the details change only with a reason, kept as a correction.
    response = client.post(details, {**data, "details-end_time": "16:10"})
    assert response.status_code == 200 and 'class="govuk-error-summary"' in (
        response.content.decode()
    )
    assert Minutes.objects.get(pk=minutes.pk).end_time == datetime.time(16, 5)
    response = client.post(
        details, {**data, "details-end_time": "16:10", "details-correction_reason": "Clock"}
    )
    assert response.status_code == 302
    assert Minutes.objects.get(pk=minutes.pk).end_time == datetime.time(16, 10)
    assert minutes.corrections.get().reason == "Clock"
    response = client.post(reverse("minutes:finalise", args=[meeting.pk]))
    assert response.status_code == 302
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.FINAL
    # A step out of order is refused with a message, and changes nothing.
    response = client.post(reverse("minutes:publish", args=[meeting.pk]), follow=True)
    assert "Only draft minutes can be published." in response.content.decode()
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.FINAL


def test_an_approval_without_a_meeting_is_explained_on_the_page(client, officer, meeting):
    _start(client, meeting)
    client.post(reverse("minutes:publish", args=[meeting.pk]))
    response = client.post(
        reverse("minutes:approve", args=[meeting.pk]), {"approval-approved_on": "2023-05-04"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page and 'value="2023-05-04"' in page
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.PUBLISHED


def test_an_officer_added_after_one_was_removed_takes_the_next_position(client, officer, meeting):
    _start(client, meeting)
    add = reverse("minutes:add_attendance", args=[meeting.pk])
    for name in ("A Clerk", "B Clerk", "C Clerk"):
        client.post(add, {"other-category": "officers", "other-name": name})
    minutes = Minutes.objects.get(meeting=meeting)
    middle = minutes.attendance.get(name="B Clerk")
    client.post(reverse("minutes:delete", args=["attendance", middle.pk]))
    client.post(add, {"other-category": "officers", "other-name": "D Clerk"})
    positions = list(minutes.attendance.values_list("position", flat=True))
    assert len(positions) == len(set(positions)), "no two rows share a position"
    assert minutes.attendance.get(name="D Clerk").position == max(positions)


def test_the_editors_forms_take_only_posts_and_the_editor_only_gets(client, officer, meeting):
    _start(client, meeting)
    names = ["start", "save_details", "add_minute", "add_attendance", "add_declaration",
             "publish", "approve", "finalise", "add_missing"]  # fmt: skip
    before = _snapshot()
    for name in names:
        assert client.get(reverse(f"minutes:{name}", args=[meeting.pk])).status_code == 405
    assert client.post(reverse("minutes:edit", args=[meeting.pk])).status_code == 405
    assert _snapshot() == before


@pytest.mark.parametrize("count", [5, 15])
def test_the_attendance_page_takes_the_same_queries_however_many_members(
    client, officer, django_assert_num_queries, count
):
    committee = CommitteeFactory()
    meeting = MeetingFactory(committee=committee, date=DAY)
    _members(committee, min(count, len(ON_THE_DAY)))
    for n in range(count - len(ON_THE_DAY)):
        MembershipFactory(committee=committee, person=PersonFactory(surname=f"Extra{n}"))
    minutes, _ = start_minutes(meeting)
    rows = _rows(minutes)
    rows[0].status = AttendanceEntry.Status.SUBSTITUTED
    rows[0].save()
    AttendanceEntry.objects.create(
        minutes=minutes, name="Cllr L Trimnell", substitute_of=rows[0], position=1
    )
    url = reverse("minutes:attendance", args=[meeting.pk])
    # Session, user, the officer's councils, meeting, minutes, the rows (with person and
    # seat), their substitutes, who is listed, the seats on the day, "is a councillor?".
    with django_assert_num_queries(9) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert _writes(queries) == [], "a GET never writes"
    assert len(_read_form(response.content.decode()).radios) == count
    assert 'value="Cllr L Trimnell"' in response.content.decode()


def test_members_who_joined_after_the_minutes_were_started_can_be_added(client, officer, meeting):
    _start(client, meeting)
    MembershipFactory(
        committee=meeting.committee, person=PersonFactory(first_name="Nia", surname="Newman")
    )
    url = reverse("minutes:attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "1 member of the committee on 6 March 2023 is not on this list" in page
    add = reverse("minutes:add_missing", args=[meeting.pk])
    assert client.post(add).status_code == 302
    assert client.post(add).status_code == 302
    minutes = Minutes.objects.get(meeting=meeting)
    assert [row.display_name for row in _rows(minutes)][-1] == "Cllr N Newman"
    assert minutes.attendance.count() == 14
    assert "is not on this list" not in client.get(url).content.decode()


def test_approved_minutes_show_attendance_but_do_not_change_it(client, officer, meeting):
    minutes, _ = start_minutes(meeting)
    minutes.publish()
    minutes.approve(MeetingFactory(committee=meeting.committee, date=datetime.date(2023, 5, 4)))
    url = reverse("minutes:attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "can no longer be changed here" in page and "attendance-form" not in page
    response = client.post(url, {"action": "save_attendance"}, follow=True)
    assert "They can only be changed by recording a correction." in response.content.decode()
    assert {row.status for row in _rows(minutes)} == {AttendanceEntry.Status.NOT_RECORDED}


def test_declarations_start_empty_and_are_added_and_removed(client, officer, meeting):
    _start(client, meeting)
    url = reverse("minutes:edit", args=[meeting.pk])
    assert "None recorded." in client.get(url).content.decode()
    minutes = Minutes.objects.get(meeting=meeting)
    hobbs = _rows(minutes)[-1].person
    response = client.post(
        reverse("minutes:add_declaration", args=[meeting.pk]),
        {
            "declaration-person": hobbs.pk,
            "declaration-kind": "personal",
            "declaration-description": "as a Director of the Diocese of Bath and Wells",
        },
    )
    assert response.status_code == 302
    declaration = minutes.declarations.get()
    page = client.get(url).content.decode()
    assert "Mrs R Hobbs declared a personal interest as a Director of the Diocese" in page
    remove = reverse("minutes:delete", args=["declaration", declaration.pk])
    assert remove in page
    assert client.post(remove).status_code == 302
    assert not minutes.declarations.exists()


def test_a_declaration_without_a_name_is_explained_at_the_top(client, officer, meeting):
    _start(client, meeting)
    response = client.post(
        reverse("minutes:add_declaration", args=[meeting.pk]),
        {"declaration-kind": "personal", "declaration-description": "Typed, and kept"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page and "Pick a person or type a name." in page
    assert 'value="Typed, and kept"' in page
    assert not Declaration.objects.exists()


# Officers run only their own council's committees


@pytest.fixture
def everything(meeting):
    """A meeting without minutes, and minutes with one of every part."""
    minutes, _ = start_minutes(MeetingFactory(committee=meeting.committee, date=DAY))
    minute = minutes.minute_entries.first() or MinuteFactory(minutes=minutes)
    return {
        "meeting": meeting,
        "minutes": minutes,
        "minute": minute,
        "attendance": minutes.attendance.first()
        or AttendanceEntry.objects.create(minutes=minutes, name="Cllr A Person"),
        "declaration": Declaration.objects.create(minutes=minutes, name="Cllr A Person"),
        "comment": Comment.objects.create(minute=minute, text="A comment"),
        "decision": Decision.objects.create(minute=minute, wording="It was AGREED"),
        "speaker": PublicSpeaker.objects.create(minute=minute, name="A resident"),
    }


def _officer_urls(things):
    """(name, the page, where its form posts, what it posts) for every officer's page."""
    minutes = things["minutes"]
    meeting_pk = things["meeting"].pk
    editor = reverse("minutes:edit", args=[minutes.meeting_id])
    attendance = reverse("minutes:attendance", args=[minutes.meeting_id])
    minute_page = reverse("minutes:minute", args=[things["minute"].pk])
    start = reverse("minutes:edit", args=[meeting_pk])
    yield "start", start, reverse("minutes:start", args=[meeting_pk]), {}
    yield "edit", editor, reverse("minutes:publish", args=[minutes.meeting_id]), {}
    for name, data in [
        ("save_details", {"details-heading": "From elsewhere"}),
        ("add_minute", {"number": 9, "heading": "From elsewhere"}),
        ("add_attendance", {"other-category": "officers", "other-name": "From elsewhere"}),
        ("add_declaration", {"declaration-name": "From elsewhere"}),
        ("approve", {"approval-at_meeting": meeting_pk}),
        ("finalise", {}),
    ]:
        yield name, editor, reverse(f"minutes:{name}", args=[minutes.meeting_id]), data
    yield "attendance", attendance, attendance, {}
    yield (
        "add_missing",
        attendance,
        reverse("minutes:add_missing", args=[minutes.meeting_id]),
        {},
    )
    for kind in ("comment", "decision", "speaker"):
        yield (
            f"add_{kind}",
            minute_page,
            reverse(f"minutes:add_{kind}", args=[things["minute"].pk]),
            {"text": "From elsewhere", "wording": "From elsewhere", "name": "From elsewhere"},
        )
    yield (
        "save_minute",
        minute_page,
        reverse("minutes:save_minute", args=[things["minute"].pk]),
        {"number": 1, "heading": "From elsewhere"},
    )
    for kind in ("attendance", "declaration", "minute", "comment", "decision", "speaker"):
        url = reverse("minutes:delete", args=[kind, things[kind].pk])
        yield f"delete {kind}", url, url, {}


def _snapshot():
    return [
        model.objects.count()
        for model in (
            Minutes,
            AttendanceEntry,
            Declaration,
            Minute,
            Comment,
            Decision,
            PublicSpeaker,
        )
    ] + list(Minutes.objects.values_list("status", flat=True))


def test_an_officer_of_another_council_is_refused_every_minutes_officer_page(client, everything):
    other = officer_user(council=CouncilFactory(name="Other", slug="other"))
    client.force_login(other)
    before = _snapshot()
    refused = {}
    for name, page, post_to, data in _officer_urls(everything):
        refused[f"GET {name}"] = client.get(page).status_code
        refused[f"POST {name}"] = client.post(post_to, data).status_code
        refused[f"htmx POST {name}"] = client.post(
            post_to, data, HTTP_HX_REQUEST="true"
        ).status_code
    assert set(refused.values()) == {403}, refused
    assert len(refused) == 3 * 20
    assert _snapshot() == before
    assert Minutes.objects.filter(meeting=everything["meeting"]).count() == 0


def test_the_committees_own_officers_still_reach_every_page(client, everything):
    client.force_login(officer_user(council=everything["meeting"].committee.council))
    for name, page, post_to, _ in _officer_urls(everything):
        expected = 405 if name.startswith("delete") else 200
        assert client.get(page).status_code == expected, name
        if post_to != page:  # a form's own URL: it takes only POSTs
            assert client.get(post_to).status_code == 405, name


# In a browser


def _serious_violations(page) -> list[str]:
    """
    axe's serious and critical findings, less one GOV.UK Frontend makes on purpose: its
    conditional reveal puts aria-expanded on the radio (alphagov/govuk-frontend#979).
    """
    from tests.scrutiny.test_accessibility import AXE, WCAG_TAGS

    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    found = []
    for violation in result["violations"]:
        nodes = [
            node
            for node in violation["nodes"]
            if not (
                violation["id"] == "aria-allowed-attr"
                and node["html"].startswith('<input class="govuk-radios__input"')
                and "aria-expanded" in node["html"]
            )
        ]
        if nodes and violation["impact"] in ("serious", "critical"):
            found.append(f"{violation['id']}: {violation['help']} ({len(nodes)} elements)")
    return found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_substitute_reveals_who_and_the_pages_pass_axe(live_server, browser, meeting):
    from tests.scrutiny.test_accessibility import AXE

    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm install)")
    # axe is added to the page as an inline script, which the portal's CSP would refuse.
    context = browser.new_context(viewport={"width": 1200, "height": 2000}, bypass_csp=True)
    page = context.new_page()
    officer_user(council=meeting.committee.council, username="dso")
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", "dso")
    page.fill("#id_password", "correct horse battery")
    page.click("main button[type=submit]")
    page.goto(live_server.url + reverse("minutes:edit", args=[meeting.pk]))
    assert _serious_violations(page) == []
    page.click("text=Start the minutes")
    page.wait_for_url(f"**{reverse('minutes:attendance', args=[meeting.pk])}")
    assert page.locator("fieldset").count() == 13
    assert not page.is_visible("#id_attendance-4-substitute")
    page.check("#id_attendance-4-status_2")
    assert page.is_visible("#id_attendance-4-substitute")
    assert not page.is_visible("#id_attendance-3-substitute")
    assert _serious_violations(page) == []

    page.click("text=Save attendance")  # nothing else answered
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary li").count() == 13
    assert page.is_checked("#id_attendance-4-status_2"), "the answer given is kept"
    assert page.is_visible("#id_attendance-4-substitute")
    assert _serious_violations(page) == []
    page.click(".govuk-error-summary a >> nth=0")
    assert page.evaluate("document.activeElement.id") == "id_attendance-0-status_0"
    context.close()
