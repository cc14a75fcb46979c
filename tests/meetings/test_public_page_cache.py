"""The public pages kept in the cache (meetings/page_cache.py): fresh at once, never shared."""

import datetime
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.urls import reverse
from django.urls.resolvers import URLResolver
from django.utils import timezone

from meetings.exempt import ExemptParagraph
from meetings.models import Document, Meeting
from packs.models import PackVersion
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    persona,
)

pytestmark = pytest.mark.django_db

SECRET = "Exempt placement prices 7731"


@pytest.fixture
def meeting():
    meeting = MeetingFactory(date=timezone.localdate() + datetime.timedelta(days=7))
    item = AgendaItemFactory(meeting=meeting, position=1, title="Placement sufficiency")
    DocumentFactory(agenda_item=item, title="Sufficiency report", with_file="")
    return meeting


@pytest.fixture
def exempt_paper(meeting):
    item = AgendaItemFactory(
        meeting=meeting,
        position=2,
        title="Placement contract",
        is_exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
    )
    return DocumentFactory(agenda_item=item, title=SECRET, with_file="")


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def kept(client, url) -> bool:
    """Whether the page came from the cache (the test client sees no template rendered)."""
    return client.get(url).context is None


def add_pack(meeting, **fields) -> PackVersion:
    return PackVersion.objects.create(
        meeting=meeting,
        number=PackVersion.objects.filter(meeting=meeting).count() + 1,
        kind=PackVersion.Kind.PUBLIC,
        status=PackVersion.Status.READY,
        file=f"packs/{meeting.pk}/pack.pdf",
        page_count=12,
        **fields,
    )


def test_the_public_get_the_kept_page_with_this_responses_nonce(client, meeting):
    url = meeting.get_absolute_url()
    first = client.get(url)
    second = client.get(url)
    assert first.context is not None and second.context is None
    nonces = []
    for response in (first, second):
        body = response.content.decode()
        nonce = re.search(r'name="trix-csp-nonce" content="([^"]+)"', body).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
        assert "Sufficiency report" in body
    assert nonces[0] != nonces[1]
    assert first.content.decode().replace(nonces[0], "") == second.content.decode().replace(
        nonces[1], ""
    )


def test_a_kept_meeting_page_costs_one_query_however_long_the_agenda(
    client, meeting, django_assert_num_queries
):
    url = meeting.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(1):
        assert kept(client, url)
    for position in range(3, 43):
        item = AgendaItemFactory(meeting=meeting, position=position)
        DocumentFactory(agenda_item=item, with_file="")
    client.get(url)
    with django_assert_num_queries(1):
        assert kept(client, url)


def test_the_committee_and_home_pages_are_kept(client, meeting, django_assert_num_queries):
    committee_url = meeting.committee.get_absolute_url()
    client.get(committee_url)
    client.get("/")
    with django_assert_num_queries(1):
        assert kept(client, committee_url)
    # The home page reads its few meetings every time: they are its key.
    with django_assert_num_queries(2):
        assert kept(client, "/")


def test_a_new_item_shows_at_once(client, meeting):
    url = meeting.get_absolute_url()
    page(client, url)
    AgendaItemFactory(meeting=meeting, position=2, title="Youth justice plan")
    assert "Youth justice plan" in page(client, url)


def test_publishing_and_withdrawing_the_agenda_show_at_once(client):
    draft = MeetingFactory(
        status=Meeting.Status.DRAFT, date=timezone.localdate() + datetime.timedelta(days=7)
    )
    AgendaItemFactory(meeting=draft, position=1, title="Draft item title")
    url = draft.get_absolute_url()
    assert "Draft item title" not in page(client, url)
    assert kept(client, url)

    # What packs/services.py does when the first public pack is ready: an update(), no signal.
    Meeting.objects.filter(pk=draft.pk).update(
        status=Meeting.Status.PUBLISHED, agenda_published_at=timezone.now()
    )
    pack = add_pack(draft)
    body = page(client, url)
    assert "Draft item title" in body and pack.get_absolute_url() in body

    PackVersion.objects.filter(pk=pack.pk).update(withdrawn_at=timezone.now())
    body = page(client, url)
    assert pack.get_absolute_url() not in body
    assert "The agenda pack has not been published yet." in body

    Meeting.objects.filter(pk=draft.pk).update(agenda_published_at=None)
    body = page(client, url)
    assert "Draft item title" not in body
    assert "Agenda to be published by" in body


def test_a_paper_made_exempt_vanishes_at_once(client, meeting):
    url = meeting.get_absolute_url()
    assert "Sufficiency report" in page(client, url)
    Document.objects.filter(meeting=meeting).update(is_exempt=True)
    assert "Sufficiency report" not in page(client, url)


def test_an_item_made_exempt_takes_its_papers_away_at_once(client, meeting):
    url = meeting.get_absolute_url()
    assert "Sufficiency report" in page(client, url)
    meeting.items.update(is_exempt=True, exempt_paragraph=ExemptParagraph.FINANCIAL)
    body = page(client, url)
    assert "Sufficiency report" not in body
    assert "Its papers are not available to the public." in body


def test_published_minutes_show_at_once(client, meeting):
    url = meeting.get_absolute_url()
    item = meeting.items.get()
    minute = MinuteFactory(
        minutes__meeting=meeting, agenda_item=item, heading="Sufficiency of placements"
    )
    assert "Minutes of this meeting" not in page(client, url)
    assert kept(client, url)
    minute.minutes.publish()
    body = page(client, url)
    assert "Minutes of this meeting" in body
    assert f'id="item-minute-{minute.pk}"' in body


def test_a_new_meeting_and_a_new_member_show_at_once(client, meeting):
    committee_url = meeting.committee.get_absolute_url()
    page(client, committee_url)
    page(client, "/")
    later = MeetingFactory(
        committee=meeting.committee, date=timezone.localdate() + datetime.timedelta(days=21)
    )
    MembershipFactory(
        committee=meeting.committee, person__first_name="Leigh", person__surname="Redman"
    )
    body = page(client, committee_url)
    assert later.get_absolute_url() in body
    assert "Leigh Redman" in body
    assert later.get_absolute_url() in page(client, "/")


@pytest.mark.parametrize("kind", ["officer", "member"])
def test_a_signed_in_page_is_never_served_to_the_public(client, meeting, exempt_paper, kind):
    url = meeting.get_absolute_url()
    assert SECRET not in page(client, url)  # kept for the public

    client.force_login(persona(kind, meeting.committee))
    for _ in range(2):
        response = client.get(url)
        assert response.context is not None, "a signed-in visitor gets a page of their own"
        assert SECRET in response.content.decode()
    if kind == "officer":
        assert 'id="edit-agenda"' in response.content.decode()

    client.logout()
    for _ in range(2):
        body = page(client, url)
        assert SECRET not in body
        assert 'id="edit-agenda"' not in body
        assert "Sign out" not in body


def test_a_signed_in_visit_first_keeps_nothing_for_the_public(client, meeting, exempt_paper):
    url = meeting.get_absolute_url()
    client.force_login(persona("officer", meeting.committee))
    assert SECRET in page(client, url)
    page(client, meeting.committee.get_absolute_url())
    client.logout()
    response = client.get(url)
    assert response.context is not None, "the first public visit renders the page"
    assert SECRET not in response.content.decode()


def test_a_draft_seen_by_an_officer_stays_private(client):
    draft = MeetingFactory(
        status=Meeting.Status.DRAFT, date=timezone.localdate() + datetime.timedelta(days=7)
    )
    AgendaItemFactory(meeting=draft, position=1, title="Draft item title")
    url = draft.get_absolute_url()
    client.force_login(persona("officer", draft.committee))
    assert "Draft item title" in page(client, url)
    client.logout()
    assert "Draft item title" not in page(client, url)
    assert "Draft item title" not in page(client, url)


def test_a_visitor_with_a_message_waiting_sees_it_and_nothing_is_kept(client, meeting):
    url = meeting.get_absolute_url()
    page(client, url)
    storage = CookieStorage(HttpRequest())
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Check your e-mail")])
    response = client.get(url)
    assert response.context is not None
    assert "Check your e-mail" in response.content.decode()
    assert "Check your e-mail" not in page(client, url)


def test_the_kept_committee_page_follows_the_date(client, time_machine):
    committee = CommitteeFactory()
    soon = MeetingFactory(committee=committee, date=datetime.date(2030, 3, 10))
    time_machine.move_to(datetime.datetime(2030, 3, 9, 12, tzinfo=datetime.UTC))
    body = page(client, committee.get_absolute_url())
    assert body.index(soon.get_absolute_url()) < body.index("Past meetings")
    time_machine.move_to(datetime.datetime(2030, 3, 11, 12, tzinfo=datetime.UTC))
    body = page(client, committee.get_absolute_url())
    assert body.index(soon.get_absolute_url()) > body.index("Past meetings")


def test_paper_links_are_the_ones_reverse_gives(client, meeting):
    paper = DocumentFactory(
        agenda_item=meeting.items.get(),
        title="Rapport d'été",
        original_filename="Rapport d'été (final) #2 100%.pdf",
        with_file="",
    )
    body = page(client, meeting.get_absolute_url())
    assert f'href="{paper.get_absolute_url()}"' in body
    assert f'href="{reverse("packs:paper_page", args=[paper.pk])}"' in body


def test_the_page_reverses_no_address_per_paper(client, meeting, monkeypatch):
    """Papers' links are made from one reverse() per page (meetings/selectors.py)."""
    reversed_names = []
    real = URLResolver._reverse_with_prefix

    def counting(self, lookup_view, *args, **kwargs):
        reversed_names.append(lookup_view)
        return real(self, lookup_view, *args, **kwargs)

    monkeypatch.setattr(URLResolver, "_reverse_with_prefix", counting)
    item = meeting.items.get()

    def reverses() -> int:
        reversed_names.clear()
        page(client, meeting.get_absolute_url())
        return len(reversed_names)

    few = reverses()
    for _ in range(20):
        DocumentFactory(agenda_item=item, with_file="")
    assert reverses() == few
