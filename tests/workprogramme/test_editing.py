"""Officers keep their committees' work programmes in the portal."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Meeting, MeetingChange
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    DocumentFactory,
    MeetingFactory,
    PersonFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
    councillor_user,
    officer_user,
)
from workprogramme.models import WorkProgrammeItem

pytestmark = pytest.mark.django_db

Section = WorkProgrammeItem.Section
Status = WorkProgrammeItem.Status
JULY = datetime.date(2023, 7, 12)
NOVEMBER = datetime.date(2023, 11, 15)


def page_url(programme):
    return reverse(
        "workprogramme:work_programme_year",
        args=[programme.committee.slug, programme.municipal_year],
    )


def add_url(programme):
    return reverse(
        "workprogramme:work_programme_item_add",
        args=[programme.committee.slug, programme.municipal_year],
    )


def item_url(name, item):
    return reverse(f"workprogramme:work_programme_item_{name}", args=[item.pk])


def form_data(meeting=None, **overrides):
    data = {
        "title": "Reforms in children's social care",
        "purpose": "How the reforms change the front door",
        "lead_officer": "Claire Winter, Executive Director",
        "service_area": "Children's Social Care",
        "forward_plan_ref": "",
        "planned_for": f"meeting-{meeting.pk}" if meeting else "to_be_scheduled",
        "group_heading": "",
        "status": "scheduled",
        "decision_reason": "",
    }
    return {**data, **overrides}


def error_summary(html: str) -> list[tuple[str, str]]:
    """The error summary's (target id, message) pairs; each target must exist on the page."""
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert summary, "no error summary"
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(0))
    for target, _ in links:
        assert f'id="{target}"' in html, f"the error summary links to a missing #{target}"
    return [(target, message.strip()) for target, message in links]


@pytest.fixture
def programme():
    return WorkProgrammeFactory()


@pytest.fixture
def officer(client, programme):
    user = officer_user(council=programme.committee.council)
    client.force_login(user)
    return user


@pytest.fixture
def july(programme):
    return MeetingFactory(committee=programme.committee, date=JULY)


@pytest.fixture
def november(programme):
    return MeetingFactory(committee=programme.committee, date=NOVEMBER)


def planned(programme, meeting, **kwargs):
    return WorkProgrammeItemFactory(programme=programme, meeting=meeting, **kwargs)


def titles_on_page(client, programme) -> list[str]:
    html = client.get(page_url(programme)).content.decode()
    return re.findall(r"<td class=\"govuk-table__cell\"><strong>([^<]+)</strong>", html)


# Adding, editing, scheduling


def test_officer_adds_an_item_for_a_meeting_and_it_is_listed_last_under_it(
    client, officer, programme, july
):
    planned(programme, july, title="SEND Strategy", position=4)
    page = client.get(page_url(programme)).content.decode()
    assert add_url(programme) in page

    form = client.get(add_url(programme) + f"?planned_for=meeting-{july.pk}").content.decode()
    assert f'<option value="meeting-{july.pk}" selected>Wednesday 12 July 2023 @ 10am' in form

    response = client.post(add_url(programme), form_data(july, forward_plan_ref="FP/23/07/01"))
    item = WorkProgrammeItem.objects.get(title="Reforms in children's social care")
    assert response.url == f"{page_url(programme)}#wp-item-{item.pk}"
    assert (item.section, item.meeting, item.status) == (Section.MEETING, july, Status.SCHEDULED)
    assert item.lead_officer == "Claire Winter, Executive Director"
    assert item.forward_plan_ref == "FP/23/07/01"
    assert item.position == 5
    assert titles_on_page(client, programme) == [
        "SEND Strategy",
        "Reforms in children&#x27;s social care",
    ]


def test_officer_edits_every_field_and_plans_an_item_as_a_workshop(
    client, officer, programme, july
):
    item = planned(programme, july)
    form = client.get(item_url("edit", item)).content.decode()
    assert 'value="Amelia Walker"' in form
    assert f'<option value="meeting-{july.pk}" selected>' in form

    client.post(
        item_url("edit", item),
        form_data(
            title="Youth justice",
            planned_for="workshop",
            group_heading="Possible workshop with Adults & Health Scrutiny",
            status="deferred",
        ),
    )
    item.refresh_from_db()
    assert (item.title, item.section, item.meeting, item.status) == (
        "Youth justice",
        Section.WORKSHOP,
        None,
        Status.DEFERRED,
    )
    assert item.group_heading == "Possible workshop with Adults & Health Scrutiny"
    assert item.decided_by == officer
    page = client.get(page_url(programme)).content.decode()
    assert "Possible workshop with Adults &amp; Health Scrutiny" in page
    assert "Deferred" in page


def test_an_item_to_be_scheduled_is_scheduled_to_a_meeting_then_taken_to_its_agenda(
    client, officer, programme, july
):
    item = WorkProgrammeItemFactory(
        programme=programme, section=Section.TO_BE_SCHEDULED, meeting=None, title="Evaluation"
    )
    client.post(item_url("edit", item), form_data(july, title="Evaluation"))
    item.refresh_from_db()
    assert (item.section, item.meeting) == (Section.MEETING, july)
    assert list(WorkProgrammeItem.objects.planned_for(july)) == [item]

    client.post(reverse("workprogramme:work_programme_to_agenda", args=[item.pk]))
    item.refresh_from_db()
    assert item.agenda_item.meeting == july
    page = client.get(page_url(programme)).content.decode()
    assert "On the agenda as item 1" in page


def test_dropping_an_item_asks_for_the_published_reason(client, officer, programme, july):
    item = planned(programme, july)
    response = client.post(item_url("edit", item), form_data(july, status="dropped"))
    assert error_summary(response.content.decode()) == [
        ("id_decision_reason", "Say why the item is dropped; the work programme publishes it.")
    ]
    client.post(
        item_url("edit", item),
        form_data(july, status="dropped", decision_reason="Covered by a task group"),
    )
    page = client.get(page_url(programme)).content.decode()
    assert re.search(r'id="declined">.*Covered by a task group', page, re.S)


# Bad input


def test_bad_input_is_summarised_linked_to_its_fields_and_kept(client, officer, programme, july):
    elsewhere = MeetingFactory(committee=CommitteeFactory(), date=JULY)
    response = client.post(
        add_url(programme),
        form_data(
            title="  ",
            planned_for=f"meeting-{elsewhere.pk}",
            lead_officer="Rob Hart",
            purpose="Kept as typed",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert error_summary(html) == [
        ("id_title", "Enter the title of the item"),
        ("id_planned_for", "Choose one of this committee&#x27;s meetings, or “To be scheduled”"),
    ]
    assert 'value="Rob Hart"' in html
    assert "Kept as typed</textarea>" in html
    assert not WorkProgrammeItem.objects.exists()


def test_a_missing_status_links_to_the_first_radio(client, officer, programme):
    response = client.post(add_url(programme), form_data(status=""))
    assert error_summary(response.content.decode()) == [
        ("id_status_1", "Choose the status of the item")
    ]


def test_a_tampered_meeting_is_refused_when_editing_too(client, officer, programme, july):
    item = planned(programme, july)
    elsewhere = MeetingFactory(committee=CommitteeFactory(), date=NOVEMBER)
    response = client.post(item_url("edit", item), form_data(elsewhere))
    assert [target for target, _ in error_summary(response.content.decode())] == ["id_planned_for"]
    item.refresh_from_db()
    assert item.meeting == july


def test_the_form_offers_only_this_committees_meetings_of_the_year(
    client, officer, programme, july
):
    other = MeetingFactory(committee=CommitteeFactory(), date=NOVEMBER)
    next_year = MeetingFactory(committee=programme.committee, date=datetime.date(2024, 7, 10))
    cancelled = MeetingFactory(
        committee=programme.committee, date=NOVEMBER, status=Meeting.Status.CANCELLED
    )
    form = client.get(add_url(programme)).content.decode()
    assert f'value="meeting-{july.pk}"' in form
    for meeting in (other, next_year, cancelled):
        assert f'value="meeting-{meeting.pk}"' not in form


# Items already on an agenda


def test_an_item_on_a_published_agenda_stays_planned_for_that_meeting(
    client, officer, programme, july, november
):
    item = planned(programme, july, title="SEND Strategy")
    item.add_to_agenda(user=officer)
    form = client.get(item_url("edit", item)).content.decode()
    assert "This is item 1 on the published agenda of the meeting on 12 July 2023." in form
    assert "It stays planned for the meeting on 12 July 2023 while it is on its published" in form

    for moved in (form_data(november), form_data(planned_for="to_be_scheduled")):
        response = client.post(item_url("edit", item), moved)
        [(target, message)] = error_summary(response.content.decode())
        assert target == "id_planned_for"
        assert "stays planned for that meeting" in message
        assert "defer it in the agenda editor" in message
    response = client.post(
        item_url("edit", item), form_data(july, status="dropped", decision_reason="No")
    )
    assert [t for t, _ in error_summary(response.content.decode())] == ["id_status_1"]

    item.refresh_from_db()
    assert (item.meeting, item.status) == (july, Status.SCHEDULED)
    assert AgendaItem.objects.filter(pk=item.agenda_item_id, meeting=july).exists()

    client.post(item_url("edit", item), form_data(july, title="Renamed in the plan"))
    item.refresh_from_db()
    assert (item.title, item.agenda_item.title) == ("Renamed in the plan", "SEND Strategy")


def test_moving_an_item_off_a_draft_agenda_takes_it_off_that_agenda_and_says_so(
    client, officer, programme, november
):
    draft = MeetingFactory(committee=programme.committee, date=JULY, status=Meeting.Status.DRAFT)
    AgendaItemFactory(meeting=draft, position=1, title="Apologies for Absence")
    item = planned(programme, draft)
    agenda_item = item.add_to_agenda(user=officer)
    AgendaItemFactory(meeting=draft, position=3, title="Work programme")
    form = client.get(item_url("edit", item)).content.decode()
    assert "on the draft agenda" in form
    assert (
        "takes it off the draft agenda of the meeting on 12 July 2023 (item 2 is deleted)" in form
    )

    response = client.post(item_url("edit", item), form_data(november), follow=True)
    assert "that agenda item was deleted" in response.content.decode()
    item.refresh_from_db()
    assert (item.meeting, item.agenda_item) == (november, None)
    assert not AgendaItem.objects.filter(pk=agenda_item.pk).exists()
    assert list(draft.items.values_list("position", "title")) == [
        (1, "Apologies for Absence"),
        (2, "Work programme"),
    ]
    assert MeetingChange.objects.filter(meeting=draft, action="item.delete").count() == 1


def test_an_item_with_papers_on_a_draft_agenda_is_not_moved(client, officer, programme, november):
    draft = MeetingFactory(committee=programme.committee, date=JULY, status=Meeting.Status.DRAFT)
    item = planned(programme, draft)
    DocumentFactory(agenda_item=item.add_to_agenda(user=officer))
    response = client.post(item_url("edit", item), form_data(november))
    [(target, message)] = error_summary(response.content.decode())
    assert target == "id_planned_for"
    assert "has papers or sub-parts there" in message
    item.refresh_from_db()
    assert item.meeting == draft and item.agenda_item_id


# Removing


def test_removing_asks_first_and_a_get_never_removes(client, officer, programme, july):
    item = planned(programme, july, title="Youth justice")
    page = client.get(page_url(programme)).content.decode()
    assert item_url("remove", item) in page

    confirm = client.get(item_url("remove", item)).content.decode()
    assert "Remove “Youth justice” from the work programme?" in confirm
    assert WorkProgrammeItem.objects.filter(pk=item.pk).exists()

    response = client.post(item_url("remove", item), follow=True)
    assert "“Youth justice” has been removed from the work programme." in response.content.decode()
    assert not WorkProgrammeItem.objects.filter(pk=item.pk).exists()


def test_an_item_on_a_published_agenda_is_not_removed(client, officer, programme, july):
    item = planned(programme, july)
    item.add_to_agenda(user=officer)
    confirm = client.get(item_url("remove", item)).content.decode()
    assert "stays planned for that meeting" in confirm
    assert "Remove item</button>" not in confirm
    client.post(item_url("remove", item))
    assert WorkProgrammeItem.objects.filter(pk=item.pk).exists()


def test_removing_an_item_on_a_draft_agenda_deletes_its_agenda_item_too(client, officer, programme):
    draft = MeetingFactory(committee=programme.committee, date=JULY, status=Meeting.Status.DRAFT)
    item = planned(programme, draft)
    agenda_item = item.add_to_agenda(user=officer)
    assert (
        "removing it deletes that agenda item too"
        in client.get(item_url("remove", item)).content.decode()
    )
    client.post(item_url("remove", item))
    assert not WorkProgrammeItem.objects.filter(pk=item.pk).exists()
    assert not AgendaItem.objects.filter(pk=agenda_item.pk).exists()


# Reordering


def test_items_move_up_and_down_among_their_meetings_items_only(
    client, officer, programme, july, november
):
    first, second, third = (planned(programme, july, title=t) for t in ("One", "Two", "Three"))
    later = planned(programme, november, title="Later")
    workshop = WorkProgrammeItemFactory(
        programme=programme, section=Section.WORKSHOP, meeting=None, title="Workshop item"
    )
    page = client.get(page_url(programme)).content.decode()
    move = item_url("move", first)
    assert page.count(f'action="{move}"') == 1
    assert 'value="up"' not in page.split(f'id="wp-item-{first.pk}"')[1].split("</tr>")[0]

    response = client.post(move, {"direction": "down"})
    assert response.url == f"{page_url(programme)}#wp-item-{first.pk}"
    client.post(item_url("move", third), {"direction": "up"})
    assert titles_on_page(client, programme) == ["Two", "Three", "One", "Later", "Workshop item"]

    client.post(item_url("move", second), {"direction": "up"})  # already first
    client.post(item_url("move", later), {"direction": "down"})  # alone under its meeting
    assert titles_on_page(client, programme) == ["Two", "Three", "One", "Later", "Workshop item"]
    assert client.post(item_url("move", workshop), {"direction": "sideways"}).status_code == 400


def test_a_get_never_changes_anything(client, officer, programme, july):
    first, second = planned(programme, july, title="One"), planned(programme, july, title="Two")
    assert client.get(item_url("move", second), {"direction": "up"}).status_code == 405
    to_agenda = reverse("workprogramme:work_programme_to_agenda", args=[first.pk])
    assert client.get(to_agenda).status_code == 405
    assert client.get(item_url("edit", first), form_data(title="Changed")).status_code == 200
    assert client.get(add_url(programme), form_data()).status_code == 200
    assert titles_on_page(client, programme) == ["One", "Two"]
    assert not AgendaItem.objects.exists()


def test_a_move_keeps_the_headings_in_order(client, officer, programme):
    def grouped(title, heading, position):
        return WorkProgrammeItemFactory(
            programme=programme, section=Section.WORKSHOP, meeting=None, title=title,
            group_heading=heading, position=position,
        )  # fmt: skip

    grouped("A1", "Workshop A", 1)
    a2 = grouped("A2", "Workshop A", 5)
    grouped("B1", "Workshop B", 2)
    client.post(item_url("move", a2), {"direction": "up"})
    page = client.get(page_url(programme)).content.decode()
    assert page.index("Workshop A") < page.index("Workshop B")
    assert titles_on_page(client, programme) == ["A2", "A1", "B1"]


# Who may do what


def officer_urls(programme, item):
    """Every officer work programme URL, with the methods it answers."""
    return [
        (add_url(programme), form_data()),
        (item_url("edit", item), form_data()),
        (item_url("remove", item), {}),
        (item_url("move", item), {"direction": "up"}),
        (reverse("workprogramme:work_programme_decide", args=[item.pk]), {"decision": "accept"}),
        (reverse("workprogramme:work_programme_to_agenda", args=[item.pk]), {}),
    ]


def test_an_officer_of_another_council_is_refused_every_officer_url(client, programme, july):
    item = planned(programme, july, title="Untouched")
    planned(programme, july, title="Above")
    client.force_login(officer_user(council=CouncilFactory(name="Other", slug="other")))
    for url, data in officer_urls(programme, item):
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    item.refresh_from_db()
    assert (item.title, item.agenda_item, WorkProgrammeItem.objects.count()) == (
        "Untouched",
        None,
        2,
    )

    page = client.get(page_url(programme)).content.decode()
    for url, _ in officer_urls(programme, item):
        assert url not in page
    assert "Accept or decline" not in page


def test_the_public_is_sent_to_sign_in_and_councillors_are_refused(client, programme, july):
    item = planned(programme, july)
    for url, data in officer_urls(programme, item):
        assert client.post(url, data).url.startswith(reverse("login")), url
    councillor = councillor_user()
    PersonFactory(user=councillor)
    client.force_login(councillor)
    for url, data in officer_urls(programme, item):
        assert client.post(url, data).status_code == 403, url


@pytest.mark.parametrize("who", ["public", "councillor"])
def test_the_public_and_councillors_see_no_edit_links(client, programme, july, who):
    item = planned(programme, july)
    WorkProgrammeItemFactory(programme=programme, status=Status.PROPOSED, meeting=None)
    if who == "councillor":
        councillor = councillor_user()
        PersonFactory(user=councillor)
        client.force_login(councillor)
    page = client.get(page_url(programme)).content.decode()
    assert "Planned item" in page
    for url, _ in officer_urls(programme, item):
        assert url not in page
    for text in ("Add an item", "Edit", "Remove", 'name="direction"', "Add to the agenda"):
        assert text not in page


def test_an_officer_of_another_council_cannot_propose(client, programme):
    client.force_login(officer_user(council=CouncilFactory(name="Other", slug="other")))
    url = reverse("workprogramme:work_programme_propose", args=[programme.committee.slug, 2023])
    assert client.get(url).status_code == 403


# Queries


@pytest.mark.parametrize("count", [3, 30])
def test_the_officers_page_has_a_fixed_query_count(
    client, officer, programme, django_assert_num_queries, count
):
    meetings = [
        MeetingFactory(committee=programme.committee, date=datetime.date(2023, 6, 1 + n))
        for n in range(3)
    ]
    for n in range(count):
        if n % 3 == 2:
            WorkProgrammeItemFactory(
                programme=programme, section=Section.TO_BE_SCHEDULED, meeting=None
            )
        else:
            planned(programme, meetings[n % 3])
    planned(programme, meetings[0]).add_to_agenda(user=officer)
    with django_assert_num_queries(8):
        response = client.get(page_url(programme))
    assert response.content.decode().count("<strong>Planned item") == count + 1
    assert response.content.decode().count("/edit/") == count + 1
