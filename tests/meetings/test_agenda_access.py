"""Nobody but democratic services officers can reach an editing page or action."""

import datetime

import pytest
from django.urls import get_resolver, resolve, reverse
from django.utils import timezone

from meetings import manage_urls
from meetings.models import AgendaItem, Document, Meeting, StandardItem
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    StandardItemFactory,
    councillor_user,
    officer_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects():
    item = AgendaItemFactory(meeting=MeetingFactory(status=Meeting.Status.DRAFT))
    MeetingFactory(committee=item.meeting.committee, date=datetime.date(2024, 1, 1))
    document = DocumentFactory(agenda_item=item)
    standard = StandardItemFactory(committee=item.meeting.committee)
    return {"item": item, "document": document, "standard": standard}


def editing_urls(objects):
    """Every URL in the officer namespace, filled in with real objects."""
    item, document, standard = objects["item"], objects["document"], objects["standard"]
    kwargs_for = {
        "pk": {
            "meetings/<int:pk>/": item.meeting_id,
            "items/<int:pk>/": item.pk,
            "papers/<int:pk>/": document.pk,
            "standard-items/<int:pk>/": standard.pk,
        },
        "slug": standard.committee.slug,
    }
    urls = []
    for pattern in manage_urls.urlpatterns:
        route = str(pattern.pattern)
        kwargs = {}
        if "<int:pk>" in route:
            prefix = route.split("<int:pk>")[0] + "<int:pk>/"
            kwargs["pk"] = kwargs_for["pk"][prefix]
        if "<slug:slug>" in route:
            kwargs["slug"] = kwargs_for["slug"]
        urls.append(reverse(f"manage:{pattern.name}", kwargs=kwargs))
    return urls


def test_every_officer_url_is_walked(objects):
    urls = editing_urls(objects)
    assert len(urls) == len(manage_urls.urlpatterns) >= 20
    mounted = [p for p in get_resolver().url_patterns if str(p.pattern) == "manage/"]
    assert mounted and mounted[0].namespace == "manage"


def state(objects):
    return (
        Meeting.objects.count(),
        list(AgendaItem.objects.values_list("pk", "position", "title", "deferred_to")),
        list(Document.objects.values_list("pk", "position", "replaced_by")),
        list(StandardItem.objects.values_list("pk", "position", "title")),
        Meeting.objects.get(pk=objects["item"].meeting_id).revision,
    )


POST_DATA = {
    "direction": "up",
    "title": "Hijacked",
    "kind": "report",
    "order": "",
    "committee": "",
    "dates": "1 January 2030",
}


def test_anonymous_visitors_are_sent_to_sign_in(client, objects):
    before = state(objects)
    for url in editing_urls(objects):
        for method in (client.get, client.post):
            response = method(url, POST_DATA) if method == client.post else method(url)
            assert response.status_code == 302, (method, url)
            assert response.url.startswith(reverse("login")), url
    assert state(objects) == before


def test_councillors_are_refused(client, objects):
    client.force_login(councillor_user())
    before = state(objects)
    for url in editing_urls(objects):
        assert client.get(url).status_code == 403, url
        assert client.post(url, POST_DATA).status_code == 403, url
    assert state(objects) == before


# The officer URLs that are buttons (POST only), not pages.
ACTIONS = {"item_move", "items_reorder", "paper_move", "standard_item_delete", "standard_item_move"}


def test_officers_can_open_every_page_and_actions_ask_for_post(client, objects):
    client.force_login(officer_user())
    before = state(objects)
    answers = {}
    for url in editing_urls(objects):
        response = client.get(url)
        answers[resolve(url).url_name] = (response.status_code, response.get("Allow"))

    assert {name for name, answer in answers.items() if answer == (405, "POST")} == ACTIONS
    pages = {name: answer for name, answer in answers.items() if name not in ACTIONS}
    assert pages == dict.fromkeys(pages, (200, None))
    assert state(objects) == before


def test_the_public_meeting_page_links_officers_to_the_editor(client, objects):
    meeting = objects["item"].meeting
    meeting.status, meeting.agenda_published_at = Meeting.Status.PUBLISHED, timezone.now()
    meeting.save()
    edit_url = reverse("manage:agenda", args=[meeting.pk])

    assert edit_url not in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(councillor_user())
    assert edit_url not in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(officer_user())
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert edit_url in page
    assert reverse("manage:dashboard") in page
