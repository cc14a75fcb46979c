"""A paper made exempt after publication: every public version that printed it is withdrawn."""

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings import services as meeting_services
from meetings.models import MeetingChange
from packs import services, withdrawal
from packs.models import PackVersion
from tests.factories import add_paper, four_may_meeting, officer_user
from tests.packs_helpers import page_texts

pytestmark = pytest.mark.django_db

SECRET = "LATER-EXEMPT-SECRET"


def build_now(versions):
    for version in versions:
        services.build_version(version.pk)
        version.refresh_from_db()
    return versions


def published_meeting():
    meeting, items = four_may_meeting(papers={2: [2]})
    paper = add_paper(meeting, items[7], "Contract award", 3, text=SECRET)
    build_now(services.publish(meeting, officer_user()))
    build_now(services.publish(meeting, officer_user()))
    return meeting, items, paper


def make_exempt(paper, officer):
    meeting_services.update_paper(
        paper,
        {"title": paper.title, "kind": paper.kind, "is_exempt": True},
        user=officer,
        loaded_revision=None,
    )


def test_every_public_version_that_printed_the_paper_answers_410_at_once(client):
    meeting, _, paper = published_meeting()
    public = list(meeting.pack_versions.filter(kind="public").order_by("number"))
    assert len(public) == 2
    assert all(client.get(version.get_absolute_url()).status_code == 200 for version in public)

    make_exempt(paper, officer_user())

    for version in public:
        response = client.get(version.get_absolute_url())
        assert response.status_code == 410
        page = response.content.decode()
        assert "This agenda pack has been withdrawn" in page
        assert SECRET not in page
    confidential = services.current_pack(meeting, PackVersion.Kind.CONFIDENTIAL)
    client.force_login(officer_user())
    assert client.get(confidential.get_absolute_url()).status_code == 200


def test_an_item_made_exempt_withdraws_the_packs_that_printed_its_papers(client):
    meeting, items, _ = published_meeting()
    version = services.current_pack(meeting)
    items[7].is_exempt, items[7].exempt_paragraph = True, 3
    items[7].save()

    assert withdrawal.is_withdrawn(version)
    assert client.get(version.get_absolute_url()).status_code == 410


def test_beat_records_the_withdrawal_and_publishes_a_corrected_pack(client):
    meeting, _, paper = published_meeting()
    old = services.current_pack(meeting)
    make_exempt(paper, officer_user())

    assert withdrawal.withdraw_exposed_packs() == 2
    assert withdrawal.withdraw_exposed_packs() == 0

    old.refresh_from_db()
    assert old.withdrawn_at is not None
    history = MeetingChange.objects.filter(meeting=meeting, action="pack.withdraw")
    assert history.count() == 2
    assert all(change.user is None for change in history)
    queued = meeting.pack_versions.filter(status=PackVersion.Status.QUEUED)
    assert sorted(queued.values_list("kind", "number")) == [("confidential", 3), ("public", 3)]
    build_now(list(queued))

    corrected = services.current_pack(meeting)
    assert corrected.number == 3
    text = "".join(page_texts(PdfReader(corrected.file.path)))
    assert SECRET not in text
    assert "Contract award" not in text
    assert corrected.page_count == old.page_count
    gone = client.get(old.get_absolute_url())
    assert gone.status_code == 410
    assert corrected.get_absolute_url() in gone.content.decode()
    meeting_page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert corrected.get_absolute_url() in meeting_page
    assert old.get_absolute_url() not in meeting_page


def test_a_confidential_version_is_never_withdrawn():
    meeting, _, paper = published_meeting()
    make_exempt(paper, officer_user())
    confidential = services.current_pack(meeting, PackVersion.Kind.CONFIDENTIAL)
    assert not withdrawal.is_withdrawn(confidential)


def test_a_pack_whose_previous_minutes_printed_a_minute_since_made_exempt_is_withdrawn(client):
    import datetime

    from meetings.models import Document
    from minutes.models import Minute, Minutes
    from tests.factories import AgendaItemFactory, MeetingFactory

    march, _ = four_may_meeting(papers={})
    item = AgendaItemFactory(meeting=march, position=13, title="Contract award")
    minutes = Minutes.objects.create(meeting=march)
    Minute.objects.create(minutes=minutes, number=1, agenda_item=item, body=f"<p>{SECRET}</p>")
    minutes.publish()
    may = MeetingFactory(committee=march.committee, date=march.date + datetime.timedelta(days=60))
    previous = AgendaItemFactory(meeting=may, position=1, title="Minutes")
    Document.objects.create(
        meeting=may, agenda_item=previous, title="Minutes", kind=Document.Kind.MINUTES
    )
    build_now(services.publish(may, officer_user()))
    pack = services.current_pack(may)
    assert SECRET in "".join(page_texts(PdfReader(pack.file.path)))
    assert client.get(pack.get_absolute_url()).status_code == 200

    item.refresh_from_db()
    meeting_services.update_item(
        item,
        {"title": item.title, "kind": item.kind, "is_exempt": True, "exempt_paragraph": 3},
        user=None,
        loaded_revision=None,
    )

    assert client.get(pack.get_absolute_url()).status_code == 410
    assert withdrawal.withdraw_exposed_packs() == 1, "the later meeting's pack, through March"
    corrected = may.pack_versions.filter(kind="public", status="queued").get()
    build_now([corrected])
    text = "".join(page_texts(PdfReader(corrected.file.path)))
    assert SECRET not in text and "Schedule 12A paragraph 3" in text
