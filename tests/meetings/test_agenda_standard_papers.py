"""Standard items that carry a paper made from data: every new meeting gets the paper."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Document, StandardItem
from tests.factories import CommitteeFactory, StandardItemFactory, officer_user

pytestmark = pytest.mark.django_db


def test_a_new_meeting_gets_the_papers_its_standard_items_carry():
    committee = CommitteeFactory()
    StandardItemFactory(committee=committee, position=1, title="Apologies")
    StandardItemFactory(
        committee=committee,
        position=2,
        title="Minutes of the previous meeting",
        paper_kind=Document.Kind.MINUTES,
    )
    work = StandardItemFactory(committee=committee, position=3, title="Work Programme")
    StandardItemFactory(
        committee=committee,
        parent=work,
        position=1,
        title="The Committee's work programme",
        paper_kind=Document.Kind.WORK_PROGRAMME,
    )
    StandardItemFactory(
        committee=committee,
        parent=work,
        position=2,
        title="The Committee's outcome tracker",
        paper_kind=Document.Kind.OUTCOME_TRACKER,
    )

    meeting = services.create_meeting(committee, date=datetime.date(2023, 7, 12), user=None)

    papers = {
        document.agenda_item.title: document
        for document in Document.objects.filter(meeting=meeting).select_related("agenda_item")
    }
    assert sorted(papers) == [
        "Minutes of the previous meeting",
        "The Committee's outcome tracker",
        "The Committee's work programme",
    ]
    minutes = papers["Minutes of the previous meeting"]
    assert (minutes.kind, minutes.title) == ("minutes", "Minutes of the previous meeting")
    assert not minutes.file and not minutes.body
    assert not minutes.has_uploaded_file
    work_programme = papers["The Committee's work programme"]
    assert (work_programme.kind, work_programme.title) == ("work_programme", "Work programme")
    assert work_programme.agenda_item.parent.title == "Work Programme"
    tracker = papers["The Committee's outcome tracker"]
    assert (tracker.kind, tracker.title) == ("tracker", "Outcome tracker")


def test_a_paper_made_from_data_is_not_published_yet_and_only_officers_see_it(client):
    committee = CommitteeFactory()
    StandardItemFactory(
        committee=committee, title="Minutes", paper_kind=Document.Kind.MINUTES, position=1
    )
    meeting = services.create_meeting(committee, date=datetime.date(2023, 7, 12), user=None)
    meeting.status = meeting.Status.PUBLISHED
    meeting.save()

    public = client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(officer_user())
    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "Minutes of the previous meeting" not in public
    assert "Minutes of the previous meeting" in page
    assert "Not published yet" in page


def test_officers_choose_the_paper_on_the_standard_items_form(officer_client):
    committee = CommitteeFactory()

    form = officer_client.get(reverse("manage:standard_item_add", args=[committee.slug]))
    assert 'value="work_programme"' in form.content.decode()
    assert 'value="report"' not in form.content.decode().split('name="paper_kind"', 1)[1]

    officer_client.post(
        reverse("manage:standard_item_add", args=[committee.slug]),
        {"title": "Outcome tracker", "kind": "standing", "paper_kind": "tracker"},
    )
    item = StandardItem.objects.get(committee=committee)
    assert item.paper_kind == Document.Kind.OUTCOME_TRACKER
    page = officer_client.get(reverse("manage:standard_items", args=[committee.slug]))
    assert "Paper made from data: <strong>Outcome tracker</strong>" in page.content.decode()

    officer_client.post(
        reverse("manage:standard_item_edit", args=[item.pk]),
        {"title": "Outcome tracker", "kind": "standing", "paper_kind": ""},
    )
    item.refresh_from_db()
    assert item.paper_kind == ""


def test_an_uploaded_kind_cannot_be_chosen_as_a_paper_made_from_data(officer_client):
    committee = CommitteeFactory()

    response = officer_client.post(
        reverse("manage:standard_item_add", args=[committee.slug]),
        {"title": "Report", "kind": "report", "paper_kind": "report"},
    )

    assert response.status_code == 200
    assert not StandardItem.objects.exists()
