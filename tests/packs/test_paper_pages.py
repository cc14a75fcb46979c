"""Every paper as an HTML page (issue 11): same visibility rule as its download."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Document
from packs import services
from tests.factories import (
    ENTITLED_PERSONAS,
    PUBLIC_PERSONAS,
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    four_may_meeting,
    officer_user,
    persona,
)

pytestmark = pytest.mark.django_db


def page_url(document):
    return reverse("packs:paper_page", args=[document.pk])


def as_persona(client, kind, committee):
    user = persona(kind, committee)
    if user is not None:
        client.force_login(user)
    return user


def uploaded_paper(**fields):
    document = DocumentFactory(**fields)
    document.text = "page one\fpage two\n\nsecond paragraph"
    document.text_status = Document.TextStatus.EXTRACTED
    document.save()
    return document


def test_the_url_is_papers_pk():
    assert reverse("packs:paper_page", args=[7]) == "/packs/papers/7/"


def test_a_written_paper_shows_its_body(client):
    item = AgendaItemFactory()
    document = Document.objects.create(
        meeting=item.meeting,
        agenda_item=item,
        title="Chair's briefing",
        body="<p>The panel <strong>welcomed</strong> the plan.</p><script>x()</script>",
        published_at=timezone.now(),
    )
    response = client.get(page_url(document))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chair&#x27;s briefing" in html or "Chair's briefing" in html
    assert "<p>The panel <strong>welcomed</strong> the plan.</p>" in html
    assert "<script>x()</script>" not in html
    assert "Cache-Control" not in response or "no-store" not in response["Cache-Control"]


def test_an_uploaded_paper_shows_its_text_page_by_page(client):
    document = uploaded_paper()
    html = client.get(page_url(document)).content.decode()
    assert 'id="page-1"' in html and 'id="page-2"' in html and 'id="page-3"' not in html
    assert "Page 1" in html and "Page 2" in html
    assert '<p class="govuk-body">page one</p>' in html
    assert '<p class="govuk-body">page two</p>' in html
    assert '<p class="govuk-body">second paragraph</p>' in html
    assert "This is the text of the PDF; the PDF is the formal copy" in html
    assert document.get_absolute_url() in html


@pytest.mark.parametrize(
    ("status", "says"),
    [
        (Document.TextStatus.PENDING, "has not been read yet"),
        (Document.TextStatus.NO_TEXT, "No text was found"),
        (Document.TextStatus.FAILED, "could not be read"),
    ],
)
def test_an_unread_paper_says_so_and_links_the_pdf(client, status, says):
    document = DocumentFactory()
    document.text = "stale text\fmore"
    document.text_status = status
    document.save()
    html = client.get(page_url(document)).content.decode()
    assert says in html
    assert 'id="page-1"' not in html and "stale text" not in html
    assert document.get_absolute_url() in html


@pytest.mark.parametrize("kind", PUBLIC_PERSONAS)
def test_an_exempt_paper_is_not_found_for_the_public(client, kind):
    document = uploaded_paper(is_exempt=True)
    as_persona(client, kind, document.meeting.committee)
    assert client.get(page_url(document)).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", ENTITLED_PERSONAS)
def test_an_exempt_paper_is_shown_to_members_and_officers_privately(client, kind):
    document = uploaded_paper(is_exempt=True)
    as_persona(client, kind, document.meeting.committee)
    response = client.get(page_url(document))
    assert response.status_code == 200
    assert "page one" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("kind, recorded", [("member", True), ("officer", False)])
def test_a_members_reading_of_an_exempt_paper_is_recorded_as_a_download_is(client, kind, recorded):
    document = uploaded_paper(is_exempt=True)
    as_persona(client, kind, document.meeting.committee)
    with mock.patch("packs.paper_views.note_confidential_download") as note:
        assert client.get(page_url(document)).status_code == 200
    assert note.called is recorded


@pytest.mark.parametrize("kind", PUBLIC_PERSONAS)
def test_an_unpublished_paper_is_not_found_for_the_public(client, kind):
    document = uploaded_paper(published_at=None)
    assert document.meeting.is_published
    as_persona(client, kind, document.meeting.committee)
    assert client.get(page_url(document)).status_code == 404


def test_an_unpublished_paper_is_private_for_members(client):
    document = uploaded_paper(published_at=None)
    as_persona(client, "member", document.meeting.committee)
    response = client.get(page_url(document))
    assert response.status_code == 200
    assert "Not yet published" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_a_paper_of_a_draft_meeting_is_for_officers_only(client):
    item = AgendaItemFactory(meeting=MeetingFactory(status="draft"))
    document = uploaded_paper(agenda_item=item)
    assert client.get(page_url(document)).status_code == 404
    as_persona(client, "officer", item.meeting.committee)
    assert client.get(page_url(document)).status_code == 200


def test_the_meeting_page_links_each_paper_online(client):
    document = uploaded_paper()
    html = client.get(document.meeting.get_absolute_url()).content.decode()
    assert f'href="{page_url(document)}"' in html
    assert "(Read online)" in html


def build_now(versions):
    for version in versions:
        services.build_version(version.pk)
        version.refresh_from_db()
    return versions


def test_the_page_shows_where_the_paper_is_in_the_pack(client):
    meeting, items = four_may_meeting(papers={2: [2], 3: [8]})
    build_now(services.publish(meeting, officer_user()))
    paper = meeting.documents.get(title="Item 3 paper 1")
    pack = services.current_pack(meeting)
    html = client.get(page_url(paper)).content.decode()
    assert "Pages 11 - 18 of the" in html  # as the agenda prints "(Pages 11 - 18)"
    assert f'href="{pack.get_absolute_url()}"' in html


def test_no_pack_pages_before_a_pack_is_built(client):
    document = uploaded_paper()
    assert "of the agenda pack" not in client.get(page_url(document)).content.decode()


def test_a_fixed_number_of_queries_and_no_writes(client, django_assert_num_queries):
    short = uploaded_paper()
    long = uploaded_paper()
    long.text = "\f".join(f"page {n}\n\npara" for n in range(40))
    long.save()
    for document in (short, long):
        with django_assert_num_queries(2):
            assert client.get(page_url(document)).status_code == 200

    member_paper = uploaded_paper(is_exempt=True)
    as_persona(client, "member", member_paper.meeting.committee)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page_url(member_paper)).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_an_exempt_paper_shows_its_pages_in_the_confidential_pack(client):
    from tests.factories import add_paper

    meeting, items = four_may_meeting(papers={2: [2]})
    secret = add_paper(meeting, items[3], "Secret appendix", 3, is_exempt=True)
    build_now(services.publish(meeting, officer_user()))
    secret.refresh_from_db()
    pack = services.current_pack(meeting, "confidential")
    assert pack is not None
    as_persona(client, "member", meeting.committee)
    response = client.get(page_url(secret))
    html = response.content.decode()
    assert "of the <a" in html and "confidential agenda pack" in html
    assert f'href="{pack.get_absolute_url()}"' in html
    assert response["Cache-Control"] == "private, no-store"


def test_a_written_paper_gets_a_pdf_of_its_own_when_its_pack_is_published(client):
    meeting, items = four_may_meeting(papers={2: [2]})
    written = Document.objects.create(
        meeting=meeting, agenda_item=items[7], title="Chair's briefing",
        body="<p>The panel welcomed the plan.</p>",
    )  # fmt: skip
    assert not written.file

    build_now(services.publish(meeting, officer_user()))

    written.refresh_from_db()
    assert written.file and written.page_count >= 1
    response = client.get(written.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    html = client.get(page_url(written)).content.decode()
    assert f'href="{written.get_absolute_url()}"' in html
    assert "as the agenda pack prints it" in html
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{written.get_absolute_url()}"' in meeting_page


def test_a_generated_paper_links_to_the_page_its_records_are_on(client):
    from tracker.models import Tracker

    meeting, items = four_may_meeting(papers={2: [2]})
    Tracker.for_committee(meeting.committee)
    tracker_paper = Document.objects.create(
        meeting=meeting, agenda_item=items[4], title="Tracker", kind=Document.Kind.OUTCOME_TRACKER
    )
    build_now(services.publish(meeting, officer_user()))

    html = client.get(page_url(tracker_paper)).content.decode()
    tracker_url = reverse("tracker:detail", args=[meeting.committee.slug])
    assert f'<a class="govuk-link" href="{tracker_url}">the outcome tracker page</a>' in html


def test_a_late_paper_shows_its_pages_in_the_supplement_that_published_it(client):
    from tests.factories import add_paper

    meeting, items = four_may_meeting(papers={2: [2], 7: [3]})
    build_now(services.publish(meeting, officer_user()))
    late = add_paper(meeting, items[9], "Draft consultation response", 3)
    build_now(
        services.publish(meeting, officer_user(), supplement_to=services.current_pack(meeting))
    )
    supplement = services.published_versions(meeting)[-1]
    assert supplement.is_supplement

    html = client.get(page_url(late)).content.decode()
    assert "Pages 3 - 6 of" in " ".join(html.split())
    assert f'href="{supplement.get_absolute_url()}">Supplement 1</a> to the agenda pack' in html
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "(Supplement 1, pages 3 - 6)" in meeting_page
