import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Document, Meeting, MeetingChange
from packs.models import PackVersion
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DocumentFactory,
    MeetingFactory,
    StandardItemFactory,
    officer_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return officer_user(first_name="Jamie", last_name="Jardine")


def agenda_titles(meeting, parent=None):
    return list(
        AgendaItem.objects.filter(meeting=meeting, parent=parent)
        .order_by("position")
        .values_list("position", "title")
    )


def make_agenda(meeting, *titles):
    return [
        AgendaItemFactory(meeting=meeting, position=n, title=title)
        for n, title in enumerate(titles, start=1)
    ]


# Creating meetings


def test_a_new_meeting_gets_the_standard_items_with_their_sub_parts(officer_client):
    committee = CommitteeFactory(default_start_time=datetime.time(14, 0))
    apologies = StandardItemFactory(
        committee=committee, position=1, title="Apologies", description="<p>To receive.</p>"
    )
    work = StandardItemFactory(committee=committee, position=2, title="Work Programme")
    StandardItemFactory(committee=committee, parent=work, position=1, title="Work programme")
    StandardItemFactory(committee=committee, parent=work, position=2, title="Outcome tracker")
    StandardItemFactory(position=1, title="Another committee's item")

    response = officer_client.post(
        reverse("manage:meeting_create"),
        {
            "committee": committee.pk,
            "date_0": "12",
            "date_1": "7",
            "date_2": "2023",
            "with_standard_items": "on",
        },
    )

    meeting = Meeting.objects.get()
    assert response.url == reverse("manage:agenda", args=[meeting.pk])
    assert meeting.date == datetime.date(2023, 7, 12)
    assert meeting.start_time == datetime.time(14, 0)
    assert meeting.venue == committee.default_venue
    assert meeting.status == Meeting.Status.DRAFT
    assert agenda_titles(meeting) == [(1, "Apologies"), (2, "Work Programme")]
    assert meeting.items.get(position=1, parent=None).description == apologies.description
    parent = meeting.items.get(title="Work Programme")
    assert agenda_titles(meeting, parent) == [(1, "Work programme"), (2, "Outcome tracker")]
    assert MeetingChange.objects.filter(meeting=meeting, action="meeting.create").exists()


def test_a_series_of_meetings_from_a_list_of_dates(officer_client):
    committee = CommitteeFactory()
    StandardItemFactory(committee=committee, title="Apologies")

    response = officer_client.post(
        reverse("manage:meeting_series"),
        {"committee": committee.pk, "dates": "12 July 2023\n\n03/10/2023\n2023-11-29\n"},
    )

    assert response.status_code == 302
    assert list(Meeting.objects.order_by("date").values_list("date", flat=True)) == [
        datetime.date(2023, 7, 12),
        datetime.date(2023, 10, 3),
        datetime.date(2023, 11, 29),
    ]
    assert AgendaItem.objects.filter(title="Apologies").count() == 3


def test_a_series_with_an_unreadable_date_creates_nothing_and_keeps_the_input(officer_client):
    committee = CommitteeFactory()

    response = officer_client.post(
        reverse("manage:meeting_series"),
        {"committee": committee.pk, "dates": "12 July 2023\nnext Tuesday"},
    )

    page = response.content.decode()
    assert "These lines are not dates: next Tuesday" in page
    assert "12 July 2023\nnext Tuesday" in page
    assert not Meeting.objects.exists()


# Editing and ordering


def test_adding_an_item_puts_it_at_the_end(officer_client):
    meeting = MeetingFactory()
    make_agenda(meeting, "Apologies", "Minutes")

    officer_client.post(
        reverse("manage:item_add", args=[meeting.pk]),
        {"title": "Performance Monitoring", "kind": "report", "time_allocation": "25"},
    )

    assert agenda_titles(meeting)[-1] == (3, "Performance Monitoring")
    assert meeting.items.get(position=3).time_allocation == 25


def test_sub_parts_are_lettered_in_order(officer_client):
    meeting = MeetingFactory()
    (parent,) = make_agenda(meeting, "Items for Information")
    for title in ["Children and Families Board", "Education for Life"]:
        officer_client.post(
            reverse("manage:item_add", args=[meeting.pk]) + f"?parent={parent.pk}",
            {"title": title, "kind": "information", "parent": parent.pk},
        )

    labels = [item.label for item in parent.sub_items.order_by("position")]
    assert labels == ["(a)", "(b)"]
    assert agenda_titles(meeting) == [(1, "Items for Information")]


def test_moving_an_item_up_renumbers_the_agenda(officer_client):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    _, _, budget = make_agenda(meeting, "Apologies", "Minutes", "Budget")

    response = officer_client.post(
        reverse("manage:item_move", args=[budget.pk]), {"direction": "up"}
    )

    assert response.status_code == 302
    assert agenda_titles(meeting) == [(1, "Apologies"), (2, "Budget"), (3, "Minutes")]
    assert MeetingChange.objects.get(action="item.move").summary == (
        "Moved “Budget” up from 3 to 2"
    )


def test_moving_with_htmx_returns_the_renumbered_list(officer_client):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    apologies, _ = make_agenda(meeting, "Apologies", "Minutes")

    response = officer_client.post(
        reverse("manage:item_move", args=[apologies.pk]),
        {"direction": "down"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert page.startswith('<div id="agenda-editor"')
    assert page.index("Minutes") < page.index("Apologies")


def test_drag_and_drop_order_is_saved(officer_client):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    a, b, c = make_agenda(meeting, "A", "B", "C")

    officer_client.post(
        reverse("manage:items_reorder", args=[meeting.pk]),
        {"order": f"{c.pk},{a.pk},{b.pk}"},
        headers={"HX-Request": "true"},
    )

    assert agenda_titles(meeting) == [(1, "C"), (2, "A"), (3, "B")]


def test_a_reorder_that_misses_items_is_refused(officer_client):
    meeting = MeetingFactory()
    a, b, _ = make_agenda(meeting, "A", "B", "C")

    officer_client.post(
        reverse("manage:items_reorder", args=[meeting.pk]), {"order": f"{b.pk},{a.pk}"}
    )

    assert agenda_titles(meeting) == [(1, "A"), (2, "B"), (3, "C")]


def test_deleting_an_item_closes_the_gap(officer_client):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    _, minutes, _ = make_agenda(meeting, "Apologies", "Minutes", "Budget")

    officer_client.post(reverse("manage:item_delete", args=[minutes.pk]))

    assert agenda_titles(meeting) == [(1, "Apologies"), (2, "Budget")]


def test_an_exempt_item_needs_its_schedule_12a_paragraph(officer_client):
    meeting = MeetingFactory()

    response = officer_client.post(
        reverse("manage:item_add", args=[meeting.pk]),
        {"title": "Contract award", "kind": "report", "is_exempt": "on"},
    )

    page = response.content.decode()
    assert "Choose the paragraph of Schedule 12A that makes this item exempt" in page
    assert 'value="Contract award"' in page
    assert not meeting.items.exists()

    officer_client.post(
        reverse("manage:item_add", args=[meeting.pk]),
        {"title": "Contract award", "kind": "report", "is_exempt": "on", "exempt_paragraph": "3"},
    )
    item = meeting.items.get()
    assert item.exempt_paragraph == 3
    assert item.exempt_wording.startswith("Information relating to the financial")


def test_descriptions_are_sanitised_and_keep_links(officer_client):
    meeting = MeetingFactory()

    officer_client.post(
        reverse("manage:item_add", args=[meeting.pk]),
        {
            "title": "Work Programme",
            "kind": "standing",
            "description": '<p onclick="x()">See the <a href="https://example.org/fp">'
            "Executive Forward Plan</a></p><script>alert(1)</script>",
        },
    )

    description = meeting.items.get().description
    assert 'href="https://example.org/fp"' in description
    assert "onclick" not in description
    assert "script" not in description


# Deferral


def test_a_deferred_item_appears_on_the_later_meeting(officer_client, client):
    committee = CommitteeFactory()
    march = MeetingFactory(committee=committee, date=datetime.date(2018, 3, 16))
    april = MeetingFactory(committee=committee, date=datetime.date(2018, 4, 20))
    make_agenda(april, "Apologies")
    _, review = make_agenda(march, "Apologies", "SEND Peer Review Update")
    DocumentFactory(agenda_item=review, title="Peer review report")

    response = officer_client.post(
        reverse("manage:item_defer", args=[review.pk]), {"target": april.pk}
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.deferred_to == april
    copy = april.items.get(deferred_from=review)
    assert (copy.position, copy.title) == (2, "SEND Peer Review Update")
    paper = Document.objects.get(agenda_item=copy)
    assert paper.meeting == april
    assert paper.file.name == review.documents.get().file.name

    public_page = client.get(april.get_absolute_url()).content.decode()
    assert "SEND Peer Review Update" in public_page
    assert "Peer review report" in public_page
    assert "Deferred to the meeting on" in client.get(march.get_absolute_url()).content.decode()


def test_deleting_the_deferred_copy_clears_deferred_to_on_the_original(officer_client):
    committee = CommitteeFactory()
    march = MeetingFactory(committee=committee, date=datetime.date(2018, 3, 16))
    april = MeetingFactory(committee=committee, date=datetime.date(2018, 4, 20))
    (review,) = make_agenda(march, "SEND Peer Review Update")
    AgendaItemFactory(meeting=march, parent=review, position=1, title="Appendix")
    copy = services.defer_item(review, april, user=None)
    sub_copy = copy.sub_items.get()

    officer_client.post(reverse("manage:item_delete", args=[sub_copy.pk]))
    review.refresh_from_db()
    assert review.deferred_to == april

    officer_client.post(reverse("manage:item_delete", args=[copy.pk]))

    review.refresh_from_db()
    assert review.deferred_to is None
    assert not april.items.exists()
    change = MeetingChange.objects.filter(meeting=march).order_by("-revision").first()
    assert change.summary == (
        "Cleared “deferred to” on item 1 “SEND Peer Review Update”: its copy on the "
        "meeting on 20 April 2018 was deleted"
    )
    editor = officer_client.get(reverse("manage:agenda", args=[march.pk])).content.decode()
    assert "Deferred to" not in editor
    assert reverse("manage:item_defer", args=[review.pk]) in editor


def test_an_item_can_only_be_deferred_to_a_later_meeting_of_its_committee(officer_client):
    committee = CommitteeFactory()
    june = MeetingFactory(committee=committee, date=datetime.date(2023, 6, 1))
    may = MeetingFactory(committee=committee, date=datetime.date(2023, 5, 1))
    elsewhere = MeetingFactory(date=datetime.date(2023, 7, 1))
    (item,) = make_agenda(june, "Budget")

    for target in [may, elsewhere]:
        response = officer_client.post(
            reverse("manage:item_defer", args=[item.pk]), {"target": target.pk}
        )
        assert response.status_code == 200
    item.refresh_from_db()
    assert item.deferred_to is None
    assert not AgendaItem.objects.filter(deferred_from=item).exists()


# History and stale edits


def test_history_records_who_changed_what(officer_client, officer):
    meeting = MeetingFactory()
    (item,) = make_agenda(meeting, "Budget monitor")
    revision = meeting.revision

    officer_client.post(
        reverse("manage:item_edit", args=[item.pk]),
        {"title": "Month 12 Budget Monitor", "kind": "report", "revision": revision},
    )

    change = MeetingChange.objects.get(action="item.edit")
    assert change.user == officer
    assert change.revision == revision + 1
    assert {"field": "Title", "before": "Budget monitor", "after": "Month 12 Budget Monitor"} in (
        change.fields
    )
    meeting.refresh_from_db()
    assert meeting.revision == revision + 1
    page = officer_client.get(reverse("manage:history", args=[meeting.pk])).content.decode()
    assert "Changed item 1 “Month 12 Budget Monitor”" in page
    assert "Jamie Jardine" in page
    assert "Budget monitor" in page


def test_a_stale_save_is_refused_shows_what_changed_and_keeps_the_input(client, officer_client):
    meeting = MeetingFactory()
    (item,) = make_agenda(meeting, "Ofsted Inspection Update")
    loaded_at = meeting.revision
    url = reverse("manage:item_edit", args=[item.pk])

    officer_client.post(
        url, {"title": "Ofsted ILACS Inspection", "kind": "report", "revision": loaded_at}
    )
    client.force_login(officer_user(username="second"))
    second_input = {
        "title": "Ofsted Inspection Update",
        "kind": "report",
        "lead_officers": "the Director of Children's Services",
        "time_allocation": "30",
        "revision": loaded_at,
    }
    response = client.post(url, second_input)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this while you were editing it" in page
    assert "Ofsted ILACS Inspection" in page
    assert "Save anyway" in page
    assert "the Director of Children&#x27;s Services" in page
    assert 'value="30"' in page
    item.refresh_from_db()
    assert item.title == "Ofsted ILACS Inspection"
    assert item.lead_officers == ""

    meeting.refresh_from_db()
    assert f'name="revision" value="{meeting.revision}"' in page
    response = client.post(url, {**second_input, "revision": meeting.revision})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.lead_officers == "the Director of Children's Services"
    assert item.title == "Ofsted Inspection Update"


def test_a_change_to_another_item_does_not_block_an_edit(officer_client, officer):
    meeting = MeetingFactory()
    first, second = make_agenda(meeting, "Apologies", "Minutes")
    loaded_at = meeting.revision
    services.update_item(
        first, {"title": "Apologies for Absence"}, user=officer, loaded_revision=loaded_at
    )

    response = officer_client.post(
        reverse("manage:item_edit", args=[second.pk]),
        {"title": "Minutes of the previous meeting", "kind": "report", "revision": loaded_at},
    )

    assert response.status_code == 302
    second.refresh_from_db()
    assert second.title == "Minutes of the previous meeting"


def test_a_stale_meeting_details_save_is_refused(officer_client, officer):
    meeting = MeetingFactory(venue="Luttrell Room")
    loaded_at = meeting.revision
    services.update_meeting(
        meeting, {"venue": "Council Chamber"}, user=officer, loaded_revision=loaded_at
    )

    response = officer_client.post(
        reverse("manage:meeting_edit", args=[meeting.pk]),
        {
            "date_0": "4",
            "date_1": "5",
            "date_2": "2023",
            "start_time": "10:30",
            "venue": "Luttrell Room",
            "kind": "formal",
            "status": "published",
            "revision": loaded_at,
        },
    )

    page = response.content.decode()
    assert "Council Chamber" in page
    assert "Save anyway" in page
    meeting.refresh_from_db()
    assert meeting.venue == "Council Chamber"
    assert meeting.start_time == datetime.time(10, 0)


def test_the_meeting_details_form_saves_every_change(officer_client):
    meeting = MeetingFactory(venue="Luttrell Room", status=Meeting.Status.DRAFT)

    response = officer_client.post(
        reverse("manage:meeting_edit", args=[meeting.pk]),
        {
            "date_0": "11",
            "date_1": "5",
            "date_2": "2023",
            "start_time": "14:00",
            "venue": "Council Chamber",
            "kind": "formal",
            "status": "held",
            "issue_date": "2023-04-28",
            "revision": meeting.revision,
        },
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.date, meeting.start_time, meeting.venue, meeting.status) == (
        datetime.date(2023, 5, 11),
        datetime.time(14, 0),
        "Council Chamber",
        Meeting.Status.HELD,
    )
    assert meeting.issue_date == datetime.date(2023, 4, 28)
    change = MeetingChange.objects.filter(meeting=meeting, action="meeting.edit").get()
    assert {field["after"] for field in change.fields} >= {"Council Chamber"}


def test_history_renders_changes_made_without_a_user(officer_client):
    meeting = services.create_meeting(
        MeetingFactory().committee, date=datetime.date(2023, 7, 12), user=None
    )

    response = officer_client.get(reverse("manage:history", args=[meeting.pk]))

    assert response.status_code == 200
    assert "The system" in response.content.decode()


# Cost


@pytest.mark.parametrize("item_count", [5, 50])
def test_the_agenda_editor_query_count_does_not_grow(
    officer_client, officer, django_assert_num_queries, item_count
):
    meeting = MeetingFactory()
    items = make_agenda(meeting, *[f"Item {n}" for n in range(item_count)])
    for item in items[:: max(1, item_count // 5)]:
        DocumentFactory(agenda_item=item)
        AgendaItemFactory(meeting=meeting, parent=item, position=1)
    later = MeetingFactory(committee=meeting.committee, date=datetime.date(2023, 6, 1))
    services.defer_item(items[0], later, user=None)
    DocumentFactory(agenda_item=None, meeting=meeting, title="Guidance notes")
    for number in (1, 2):
        for kind in PackVersion.Kind:
            PackVersion.objects.create(
                meeting=meeting, number=number, kind=kind, status="ready", created_by=officer
            )
    url = reverse("manage:agenda", args=[meeting.pk])
    officer_client.get(url)

    # The agenda: its items, and its papers and annexes in one query; the pack panel.
    with django_assert_num_queries(8):
        response = officer_client.get(url)
    assert response.content.decode().count('class="portal-editor-item"') == item_count + 5


def test_standard_items_are_numbered_from_one_whatever_their_stored_positions(officer):
    committee = CommitteeFactory()
    StandardItemFactory(committee=committee, position=7, title="Work Programme")
    StandardItemFactory(committee=committee, position=3, title="Apologies")

    meeting = services.create_meeting(committee, date=datetime.date(2023, 7, 12), user=officer)

    assert agenda_titles(meeting) == [(1, "Apologies"), (2, "Work Programme")]


def test_sub_parts_can_be_reordered_by_drag_and_drop(officer_client):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    (parent,) = make_agenda(meeting, "Items for Information")
    a = AgendaItemFactory(meeting=meeting, parent=parent, position=1, title="Board")
    b = AgendaItemFactory(meeting=meeting, parent=parent, position=2, title="Launch event")

    officer_client.post(
        reverse("manage:items_reorder", args=[meeting.pk]),
        {"order": f"{b.pk},{a.pk}", "parent": parent.pk},
    )

    assert agenda_titles(meeting, parent) == [(1, "Launch event"), (2, "Board")]
    assert agenda_titles(meeting) == [(1, "Items for Information")]


def test_an_item_can_be_edited_in_place_with_htmx(officer_client):
    meeting = MeetingFactory()
    (item,) = make_agenda(meeting, "Performance")
    url = reverse("manage:item_edit", args=[item.pk])
    htmx = {"HX-Request": "true"}

    form = officer_client.get(url, headers=htmx).content.decode()
    assert "<html" not in form
    assert f'hx-post="{url}"' in form

    refused = officer_client.post(
        url, {"title": "", "kind": "report", "revision": meeting.revision}, headers=htmx
    )
    assert "<html" not in refused.content.decode()
    assert "There is a problem" in refused.content.decode()

    saved = officer_client.post(
        url,
        {"title": "Performance Monitoring", "kind": "report", "revision": meeting.revision},
        headers=htmx,
    )
    assert saved.status_code == 204
    assert saved["HX-Redirect"] == reverse("manage:agenda", args=[meeting.pk]) + (
        f"#item-{item.pk}"
    )
    item.refresh_from_db()
    assert item.title == "Performance Monitoring"


# Exemption is never reversed by accident


def test_save_anyway_over_an_exemption_keeps_the_paper_exempt(officer_client, officer):
    item = AgendaItemFactory()
    paper = DocumentFactory(agenda_item=item, title="Tender scores")
    loaded_at = item.meeting.revision
    services.update_paper(
        paper, {"title": "Tender scores", "kind": "report", "is_exempt": True},
        user=officer, loaded_revision=loaded_at,
    )  # fmt: skip
    url = reverse("manage:paper_edit", args=[paper.pk])
    stale_form = {"title": "Tender scores (revised)", "kind": "report", "revision": loaded_at}

    first = officer_client.post(url, stale_form)
    item.meeting.refresh_from_db()
    anyway = officer_client.post(url, {**stale_form, "revision": item.meeting.revision})

    for response in (first, anyway):
        assert response.status_code == 200
        assert "This paper is exempt. To make it public" in response.content.decode()
    paper.refresh_from_db()
    assert paper.is_exempt
    assert paper.title == "Tender scores"


def test_an_exempt_item_is_made_public_only_with_its_own_confirmation(officer_client):
    item = AgendaItemFactory(is_exempt=True, exempt_paragraph=3, title="Contract award")
    url = reverse("manage:item_edit", args=[item.pk])
    form = {"title": "Contract award", "kind": "report", "revision": item.meeting.revision}

    refused = officer_client.post(url, form)
    assert "This item is exempt. To make it public" in refused.content.decode()
    item.refresh_from_db()
    assert item.is_exempt

    officer_client.post(url, {**form, "confirm_publication": "on"})
    item.refresh_from_db()
    assert not item.is_exempt


# Numbering is frozen once the agenda is published


def test_a_published_agenda_cannot_be_renumbered(officer_client):
    meeting = MeetingFactory(status=Meeting.Status.PUBLISHED)
    first, second, third = make_agenda(meeting, "Apologies", "Declarations", "Minutes")

    moved = officer_client.post(
        reverse("manage:item_move", args=[second.pk]), {"direction": "up"}, follow=True
    )
    officer_client.post(
        reverse("manage:items_reorder", args=[meeting.pk]),
        {"order": f"{third.pk},{second.pk},{first.pk}"},
    )
    officer_client.post(reverse("manage:item_delete", args=[first.pk]))

    assert "so its items keep their numbers" in moved.content.decode()
    assert [item.title for item in meeting.items.order_by("position")] == [
        "Apologies",
        "Declarations",
        "Minutes",
    ]
    assert not MeetingChange.objects.filter(meeting=meeting, action__startswith="item").exists()


def test_a_draft_agenda_can_be_reordered_and_a_published_ones_last_item_removed(officer_client):
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    first, second = make_agenda(draft, "Apologies", "Declarations")
    assert services.move_item(second, "up", user=None)

    published = MeetingFactory(status=Meeting.Status.PUBLISHED)
    _, last = make_agenda(published, "Apologies", "Late item")
    services.delete_item(last, user=None)
    assert published.items.count() == 1
