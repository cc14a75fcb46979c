import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from meetings.models import Document
from meetings.paper_sources import render_html
from tests.factories import (
    CommitteeFactory,
    DecisionFactory,
    MeetingFactory,
    PersonFactory,
    make_entry,
    officer_user,
)
from tracker.models import Tracker, TrackerEntry

pytestmark = pytest.mark.django_db


def _tracker_with_rows(rows: int) -> Tracker:
    committee = CommitteeFactory(focus_strapline="The focus for the Committee is – children")
    tracker = Tracker.for_committee(committee)
    for n in range(rows):
        meeting = MeetingFactory(committee=committee, date=datetime.date(2023, 1, 1 + n % 3))
        entry = make_entry(tracker=tracker, meeting=meeting, item_title=f"Row {n}")
        entry.owners.add(PersonFactory())
    return tracker


@pytest.mark.parametrize("rows", [2, 12])
def test_tracker_page_has_a_fixed_query_count(client, django_assert_num_queries, rows):
    tracker = _tracker_with_rows(rows)
    with django_assert_num_queries(5):
        response = client.get(reverse("tracker:detail", args=[tracker.committee.slug]))
    assert response.status_code == 200
    assert response.content.decode().count("Row ") == rows


def test_tracker_page_groups_rows_by_originating_meeting(client):
    tracker = _tracker_with_rows(4)
    page = client.get(reverse("tracker:detail", args=[tracker.committee.slug])).content.decode()
    assert (
        page.index("1 January 2023") < page.index("2 January 2023") < page.index("3 January 2023")
    )
    assert "Action on-going or plans in place to address." in page


def test_csv_export_holds_every_row_including_archived(client):
    tracker = _tracker_with_rows(7)
    TrackerEntry.objects.filter(pk=tracker.entries.first().pk).update(
        archived_on=datetime.date(2023, 5, 5)
    )
    response = client.get(reverse("tracker:csv", args=[tracker.committee.slug]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Meeting", "Agenda item"]
    assert sorted(row[1] for row in rows[1:]) == sorted(f"Row {n}" for n in range(7))
    assert sum(1 for row in rows[1:] if row[-1] == "2023-05-05") == 1


def test_xlsx_export_opens_and_holds_every_row(client):
    tracker = _tracker_with_rows(9)
    response = client.get(reverse("tracker:xlsx", args=[tracker.committee.slug]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Meeting"
    assert len(values) == 10
    assert {row[4] for row in values[1:]} == {"Pending"}


def test_entry_page_shows_history(client):
    entry = make_entry()
    response = client.get(reverse("tracker:entry", args=[entry.pk]))
    assert "Added to the tracker." in response.content.decode()


def test_officer_turns_a_decision_into_an_entry_in_one_step(client):
    client.force_login(officer_user())
    decision = DecisionFactory()
    response = client.post(reverse("tracker:from_decision", args=[decision.pk]))
    entry = TrackerEntry.objects.get(decision=decision)
    assert response.url == reverse("tracker:entry_edit", args=[entry.pk])


def test_officer_form_refuses_a_target_meeting_of_another_committee(client):
    client.force_login(officer_user())
    entry = make_entry()
    other_meeting = MeetingFactory()
    response = client.post(
        reverse("tracker:entry_edit", args=[entry.pk]),
        {
            "meeting": entry.meeting.pk,
            "item_title": "Changed",
            "agreed_outcome": "<p>x</p>",
            "status": entry.status.pk,
            "target_meeting": other_meeting.pk,
        },
    )
    assert response.status_code == 200
    assert "belongs to another committee" in response.content.decode()
    entry.refresh_from_db()
    assert entry.item_title == "An agenda item"


def test_officer_update_refuses_a_status_outside_the_legend(client):
    client.force_login(officer_user())
    entry = make_entry()
    foreign = Tracker.for_committee(CommitteeFactory()).statuses.first()
    response = client.post(reverse("tracker:entry_update", args=[entry.pk]), {"status": foreign.pk})
    assert response.status_code == 400
    assert "is not a status in this committee&#x27;s legend" in response.content.decode()


def test_tracker_paper_renders_to_pdf_with_its_legend_on_its_own_page():
    from weasyprint import HTML

    tracker = _tracker_with_rows(3)
    pack_meeting = MeetingFactory(committee=tracker.committee, date=datetime.date(2023, 5, 4))
    document = Document(meeting=pack_meeting, kind=Document.Kind.OUTCOME_TRACKER, title="Tracker")
    html = render_html(document)
    assert "thead {display: table-header-group" in html.replace(" { display", " {display")
    assert "No action currently in place with a minimum of 3 months since action agreed." in html
    assert "Row 2" in html
    pdf = HTML(string=html).write_pdf()
    assert pdf.startswith(b"%PDF")


def test_tracker_paper_shows_the_tracker_as_it_stood_at_the_pack():
    tracker = _tracker_with_rows(1)
    later = MeetingFactory(committee=tracker.committee, date=datetime.date(2023, 9, 1))
    make_entry(tracker=tracker, meeting=later, item_title="Agreed after the pack")
    pack_meeting = MeetingFactory(committee=tracker.committee, date=datetime.date(2023, 5, 4))
    document = Document(meeting=pack_meeting, kind=Document.Kind.OUTCOME_TRACKER, title="Tracker")
    html = render_html(document)
    assert "Row 0" in html
    assert "Agreed after the pack" not in html


def test_starting_a_tracker_is_a_post_of_its_own(client):
    from tests.factories import CommitteeFactory, officer_user
    from tracker.models import Tracker

    committee = CommitteeFactory()
    client.force_login(officer_user())
    url = reverse("tracker:entry_add", args=[committee.slug])

    page = client.get(url).content.decode()
    assert "Start the tracker" in page
    assert not Tracker.objects.filter(committee=committee).exists()

    assert client.post(url, {"start": "1"}).status_code == 302
    assert Tracker.objects.get(committee=committee).statuses.count() == 3
    assert "Add an entry" in client.get(url).content.decode()


def test_the_entry_form_says_what_to_do_about_each_mistake(client):
    """GOV.UK error messages of its own for each field, never Django's generic ones, in the
    error summary and by the field."""
    import re

    client.force_login(officer_user())
    entry = make_entry()
    response = client.post(
        reverse("tracker:entry_edit", args=[entry.pk]),
        {
            "meeting": "",
            "agenda_item": "999999",
            "item_title": "",
            "owners": ["not a person"],
            "owners_text": "x" * 301,
            "agreed_outcome": "",
            "status": "",
            "target_meeting": "999999",
            "agreed_on": "4 Mayish",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    summary = dict(re.findall(r'<li><a href="#id_(\w+)">([^<]*)</a>', html))
    assert summary == {
        "meeting": "Choose the meeting that agreed the outcome",
        "agenda_item": "Choose the agenda item from the list, or “(none)”",
        "item_title": "Enter the agenda item, as the tracker prints it",
        "owners": "Choose the owners from the list",
        "owners_text": "The lead or owner must be 300 characters or fewer",
        "agreed_outcome": "Enter the agreed outcome",
        "status": "Choose a RAG status",
        "target_meeting": "Choose the target meeting from the list, or “(none)”",
        "agreed_on": "Enter the date it was agreed as a real date, or leave it empty",
    }
    for message in summary.values():  # each by its field too
        assert html.count(message) == 2, message
    assert "This field is required" not in html and "valid choice" not in html
    # A posted meeting or status that is not on offer is named as such.
    response = client.post(
        reverse("tracker:entry_add", args=[entry.tracker.committee.slug]),
        {"meeting": "999999", "item_title": "Budget", "agreed_outcome": "x", "status": "999999"},
    )
    html = response.content.decode()
    assert "Choose the meeting that agreed the outcome from the list" in html
    assert "Choose a RAG status from the legend" in html
    # The two "agenda item" fields are told apart by their labels.
    assert "Agenda item it came from (optional)" in html and "Agenda item, as printed" in html
