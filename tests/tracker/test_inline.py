"""Updating a tracker entry from its row: in place with htmx, or as a plain POST."""

import datetime
import json

import pytest
from django.urls import reverse

from tests.factories import CommitteeFactory, MeetingFactory, PersonFactory, make_entry
from tracker.models import LegendStatus, Tracker

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _tracker_with_rows(rows: int) -> Tracker:
    tracker = Tracker.for_committee(CommitteeFactory())
    for n in range(rows):
        meeting = MeetingFactory(committee=tracker.committee, date=datetime.date(2023, 1, 1 + n))
        make_entry(tracker=tracker, meeting=meeting, item_title=f"Row {n}").owners.add(
            PersonFactory()
        )
    return tracker


def _update(entry, **fields):
    completed = entry.tracker.status_with_meaning(LegendStatus.Meaning.COMPLETED)
    return {
        "status": completed.pk,
        "status_note": "Update to July '23 mtg",
        "target_meeting": "",
        "note": "Report received",
        **fields,
    }


@pytest.mark.parametrize("rows", [2, 12])
def test_officer_tracker_page_has_an_update_form_per_row_and_a_fixed_query_count(
    officer_client, django_assert_num_queries, rows
):
    tracker = _tracker_with_rows(rows)
    with django_assert_num_queries(9):
        response = officer_client.get(reverse("tracker:detail", args=[tracker.committee.slug]))
    page = response.content.decode()
    assert page.count('name="status_note"') == rows
    assert page.count('hx-post="/tracker/entry/') == rows


def test_an_htmx_update_returns_the_row_with_the_new_status(
    officer_client, django_assert_num_queries
):
    tracker = _tracker_with_rows(1)
    entry = tracker.entries.get()
    later = MeetingFactory(committee=tracker.committee, date=datetime.date(2023, 7, 12))
    url = reverse("tracker:entry_update", args=[entry.pk])
    # 15 with the search index withholding the tracker's entries until they are rebuilt.
    with django_assert_num_queries(15):
        response = officer_client.post(url, _update(entry, target_meeting=later.pk), **HTMX)
    row = response.content.decode()
    assert response.status_code == 200
    assert row.startswith(f'<tr class="govuk-table__row" id="entry-{entry.pk}">')
    assert "Update recorded." in row and ">Completed</strong>" in row
    assert "Back to the meeting on 12 July 2023" in row
    said = json.loads(response["HX-Trigger-After-Settle"])["portal:announce"]["message"]
    assert said == f"Update recorded: {entry.item_title} is Completed"
    entry.refresh_from_db()
    assert (entry.status.label, entry.status_note, entry.target_meeting) == (
        "Completed",
        "Update to July '23 mtg",
        later,
    )
    change = entry.history.last()
    assert change.to_status.label == "Completed"
    assert change.note == "Report received Target meeting 12 July 2023."


def test_without_javascript_the_same_form_posts_and_returns_to_the_row(officer_client):
    tracker = _tracker_with_rows(1)
    entry = tracker.entries.get()
    response = officer_client.post(
        reverse("tracker:entry_update", args=[entry.pk]), {**_update(entry), "next": "tracker"}
    )
    assert response.status_code == 302
    assert response.url == f"/tracker/committee/{tracker.committee.slug}/#entry-{entry.pk}"
    entry.refresh_from_db()
    assert entry.status.label == "Completed"


def test_a_target_meeting_of_another_committee_is_refused_in_the_row(officer_client):
    tracker = _tracker_with_rows(1)
    entry = tracker.entries.get()
    elsewhere = MeetingFactory(committee=CommitteeFactory(name="Audit Committee"))
    response = officer_client.post(
        reverse("tracker:entry_update", args=[entry.pk]),
        _update(entry, target_meeting=elsewhere.pk),
        **HTMX,
    )
    row = response.content.decode()
    assert "belongs to another committee; pick a meeting of the" in row
    assert "Update recorded." not in row
    said = json.loads(response["HX-Trigger-After-Settle"])["portal:announce"]["message"]
    assert said.startswith("The update was not recorded")
    entry.refresh_from_db()
    assert entry.status.label == "Pending" and entry.target_meeting is None
