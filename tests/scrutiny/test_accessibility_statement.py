"""The accessibility statement (PSBAR 2018), with figures from the published papers."""

import pytest
from django.urls import reverse

from committees.models import Council
from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

STATEMENT = "/accessibility/"


def test_every_page_links_the_statement_from_its_footer(client):
    meeting = MeetingFactory()
    for url in ["/", "/committees/", meeting.get_absolute_url(), STATEMENT]:
        html = client.get(url).content.decode()
        footer = html.split('<footer class="govuk-footer">', 1)[1]
        assert f'href="{reverse("accessibility")}">Accessibility statement</a>' in footer


def test_the_statement_counts_public_papers_without_tags_and_nothing_else(client):
    council = Council.objects.create(
        name="Somerset Council", slug="somerset", email="democratic@somerset.gov.uk"
    )
    meeting = MeetingFactory(committee__council=council)
    item = AgendaItemFactory(meeting=meeting)
    DocumentFactory(agenda_item=item, is_tagged=False)
    DocumentFactory(agenda_item=item, is_tagged=False)
    DocumentFactory(agenda_item=item, is_tagged=True)
    # Neither an exempt paper nor one no pack has published yet is counted: both are private.
    DocumentFactory(agenda_item=item, is_tagged=False, is_exempt=True)
    DocumentFactory(agenda_item=item, is_tagged=False, published_at=None)

    response = client.get(STATEMENT)
    html = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "2 of the 3 published papers uploaded as PDF have no tags" in html
    assert "partially compliant" in html
    assert "democratic@somerset.gov.uk" in html
    assert "Equality and Human Rights Commission" in html


def test_with_every_paper_tagged_the_statement_says_so(client):
    DocumentFactory(is_tagged=True)
    html = " ".join(client.get(STATEMENT).content.decode().split())
    assert "have no tags" not in html
    assert "We know of no published paper that fails the regulations." in html
