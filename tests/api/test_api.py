"""
The open-data API (/api/): exactly what the public pages show, to everyone; bad input is a
400 naming the parameter; conditional GETs; CORS; query counts that do not grow with rows;
the nightly bulk files.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from api import bulk
from api.bulk import RESOURCES, bulk_name
from meetings.models import Meeting
from minutes.models import Comment, Decision, Minute, Minutes
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    add_paper,
    councillor_user,
    make_entry,
    officer_user,
)
from tracker.models import Tracker

MARKER = "APIPLANTEDEXEMPT"
PUBLIC_TEXT = "APIPUBLICTEXT"
LISTS = ["councils", "committees", "people", "memberships", "meetings", "documents",
         "decisions", "tracker-entries"]  # fmt: skip


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The throttle counts requests in the cache; every test starts from none."""
    cache.clear()
    yield
    cache.clear()


def published(document):
    document.published_at = document.created_at
    document.save()
    return document


def plant():
    """A published meeting with exempt material of every kind, and a draft meeting."""
    committee = CommitteeFactory(slug="api-committee")
    member = MembershipFactory(committee=committee, person=PersonFactory())
    member.person.user = councillor_user(username="api-member")
    member.person.save()
    officer_user(username="api-officer", council=committee.council)

    meeting = MeetingFactory(committee=committee, date=datetime.date(2023, 5, 4))
    public_item = AgendaItemFactory(
        meeting=meeting, position=1, title=f"{PUBLIC_TEXT} budget",
        description=f"<p>{PUBLIC_TEXT}</p>",
    )  # fmt: skip
    published(add_paper(meeting, public_item, f"{PUBLIC_TEXT} report"))
    exempt_item = AgendaItemFactory(
        meeting=meeting, position=2, title="Contract award", is_exempt=True, exempt_paragraph=3
    )
    published(add_paper(meeting, exempt_item, f"{MARKER} tender scores"))
    sub_part = AgendaItemFactory(meeting=meeting, parent=exempt_item, position=1, title="Bids")
    published(add_paper(meeting, sub_part, f"{MARKER} bid list"))
    published(add_paper(meeting, public_item, f"{MARKER} salaries", is_exempt=True))
    published(add_paper(meeting, None, f"{MARKER} annex", is_exempt=True))
    add_paper(meeting, public_item, f"{MARKER} late paper")  # not yet published in a pack

    minutes = Minutes.objects.create(meeting=meeting, end_time=datetime.time(12))
    public_minute = Minute.objects.create(
        minutes=minutes, number=1, agenda_item=public_item, heading="Budget", body=PUBLIC_TEXT
    )
    Decision.objects.create(minute=public_minute, wording=f"{PUBLIC_TEXT} agreed")
    # An exempt minute's heading is public (the minutes print it); its text is not.
    exempt_minute = Minute.objects.create(
        minutes=minutes, number=2, agenda_item=exempt_item, heading="Contract award",
        body=f"<p>{MARKER} discussion</p>",
    )  # fmt: skip
    Comment.objects.create(minute=exempt_minute, text=MARKER, response=MARKER)
    decision = Decision.objects.create(minute=exempt_minute, wording=f"{MARKER} agreed")
    minutes.publish()
    tracker = Tracker.for_committee(committee)
    make_entry(
        tracker=tracker, meeting=meeting, decision=decision, agenda_item=exempt_item,
        item_title=f"{MARKER} entry", agreed_outcome=f"<p>{MARKER} outcome</p>",
    )  # fmt: skip
    make_entry(tracker=tracker, meeting=meeting, item_title=f"{PUBLIC_TEXT} entry")

    draft = MeetingFactory(
        committee=committee,
        date=datetime.date.today() + datetime.timedelta(days=14),
        status=Meeting.Status.DRAFT,
        venue="Draft venue",
    )
    draft_item = AgendaItemFactory(
        meeting=draft, position=1, title=f"{MARKER} draft item",
        description=f"<p>{MARKER} draft description</p>",
    )  # fmt: skip
    AgendaItemFactory(meeting=draft, parent=draft_item, position=1, title=f"{MARKER} draft part")
    published(add_paper(draft, draft_item, f"{MARKER} draft paper"))
    return meeting, draft


@pytest.fixture
def planted(db):
    return plant()


def every_api_url():
    urls = [f"/api/{name}/" for name in LISTS]
    for name, (rows, _serializer) in RESOURCES.items():
        model = rows().model
        urls += [f"/api/{name}/{pk}/" for pk in model.objects.values_list("pk", flat=True)]
    return urls + ["/api/", "/api/schema/", "/api/bulk/"]


@pytest.mark.parametrize("username", [None, "api-member", "api-officer"])
def test_no_endpoint_shows_exempt_or_unpublished_material_to_anyone(planted, client, username):
    """Every caller is the public: even the committee's member and officer see only that."""
    if username:
        client.force_login(User.objects.get(username=username))
    answered = 0
    for url in every_api_url():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        answered += response.status_code == 200
        assert MARKER not in response.content.decode(), url
    assert answered > 15


def test_the_public_reads_what_the_public_pages_show(planted, client):
    meeting, draft = planted
    body = client.get(f"/api/meetings/{meeting.pk}/").json()
    assert body["ocd_id"] == f"ocd-event/{meeting.pk}"
    assert [item["label"] for item in body["agenda"]] == ["1", "2"]
    first, exempt = body["agenda"]
    assert PUBLIC_TEXT in first["description"]
    assert [doc["title"] for doc in first["documents"]] == [f"{PUBLIC_TEXT} report"]
    assert first["documents"][0]["url"].endswith(".pdf")
    assert exempt["is_exempt"] and exempt["exempt_paragraph"] == 3
    assert exempt["papers_withheld"] and exempt["documents"] == []
    assert [part["label"] for part in exempt["sub_items"]] == ["(a)"]
    assert body["documents"] == []

    announced = client.get(f"/api/meetings/{draft.pk}/").json()
    assert announced["location"] == "Draft venue"
    assert announced["status"] == "draft"
    assert announced["agenda"] == [] and announced["documents"] == []
    assert announced["agenda_note"].startswith("Agenda to be published by")

    decisions = client.get("/api/decisions/").json()["results"]
    assert [d["wording"] for d in decisions] == [f"{PUBLIC_TEXT} agreed"]
    entries = client.get("/api/tracker-entries/").json()["results"]
    assert [e["item_title"] for e in entries] == [f"{PUBLIC_TEXT} entry"]
    assert entries[0]["history"][0]["to_status"]


def test_a_paper_links_to_the_access_checked_download(planted, client):
    document = client.get("/api/documents/").json()["results"][0]
    path = document["url"].split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/pdf")
    assert len(document["sha256"]) == 64 and document["pages"] == 1


def test_lists_filter_by_committee_date_and_status(planted, client):
    meeting, draft = planted
    other = MeetingFactory(date=datetime.date(2023, 6, 1))
    url = "/api/meetings/"
    ids = lambda query: [m["id"] for m in client.get(url, query).json()["results"]]  # noqa: E731
    assert ids({"committee": meeting.committee_id}) == [meeting.pk, draft.pk]
    assert ids({"date_from": "2023-05-05", "date_to": "2023-12-31"}) == [other.pk]
    assert ids({"status": "draft"}) == [draft.pk]
    assert ids({"updated_since": "2100-01-01T00:00:00Z"}) == []
    # An offset PostgreSQL cannot hold (schemathesis found this one) is read in UTC.
    assert ids({"updated_since": "0889-08-31T08:06:28.003+20:12"}) == [
        meeting.pk,
        draft.pk,
        other.pk,
    ]


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"colour": "red"}, "colour"),
        ({"date_from": "4 May"}, "date_from"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"page_size": "501"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"status": "exploded"}, "status"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(planted, client, query, parameter):
    response = client.get("/api/meetings/", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert parameter in response.json()


def test_an_unknown_id_is_a_404_in_json(db, client):
    response = client.get("/api/meetings/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Meeting matches the given query."}


def test_pages_follow_the_cursor(db, client):
    meetings = MeetingFactory.create_batch(5)
    response = client.get("/api/meetings/", {"page_size": 2}).json()
    seen = [m["id"] for m in response["results"]]
    while response["next"]:
        response = client.get(response["next"]).json()
        seen += [m["id"] for m in response["results"]]
    assert seen == [m.pk for m in meetings]


def test_a_conditional_get_is_answered_not_modified(planted, client):
    meeting, _draft = planted
    url = f"/api/meetings/{meeting.pk}/"
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_any_site_may_read_the_api_but_not_the_rest_of_the_portal(db, client):
    origin = {"Origin": "https://example.com"}
    assert client.get("/api/meetings/", headers=origin)["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/meetings/calendar/", headers=origin)


def test_the_api_writes_nothing(planted, client):
    for url in ("/api/meetings/", f"/api/meetings/{planted[0].pk}/"):
        assert client.post(url, {}).status_code == 405
        assert client.delete(url).status_code == 405


def test_anonymous_callers_are_throttled(db, client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    codes = [client.get("/api/councils/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def make_rows(count):
    """`count` published meetings with an item, a public paper, a decision and an entry."""
    for _ in range(count):
        committee = CommitteeFactory()
        MembershipFactory(committee=committee, person=PersonFactory())
        meeting = MeetingFactory(committee=committee)
        item = AgendaItemFactory(meeting=meeting, position=1)
        published(add_paper(meeting, item, "Report"))
        minutes = Minutes.objects.create(meeting=meeting)
        minute = Minute.objects.create(minutes=minutes, number=1, agenda_item=item, heading="H")
        Decision.objects.create(minute=minute, wording="Agreed")
        minutes.publish()
        make_entry(meeting=meeting, tracker=Tracker.for_committee(committee))


# Queries of one page of each list, the same for 2 rows and 10.
LIST_QUERIES = {"councils": 1, "committees": 1, "people": 1, "memberships": 1, "meetings": 1,
                "documents": 1, "decisions": 1, "tracker-entries": 2}  # fmt: skip


@pytest.mark.parametrize("rows", [2, 10])
@pytest.mark.parametrize("name", LISTS)
def test_a_list_costs_the_same_queries_however_many_rows(db, client, django_assert_num_queries,
                                                         name, rows):  # fmt: skip
    make_rows(rows)
    with django_assert_num_queries(LIST_QUERIES[name]):
        response = client.get(f"/api/{name}/", {"page_size": 50})
    assert len(response.json()["results"]) >= (1 if name == "councils" else rows)


def test_the_bulk_files_hold_everything_public_and_nothing_else(planted, client):
    counts = bulk.export_everything()
    assert counts["meetings"] == 2
    written = {name: default_storage.open(bulk_name(name)).read() for name in RESOURCES}
    assert bulk.export_everything() == counts  # idempotent: the same files again
    for name in RESOURCES:
        assert default_storage.open(bulk_name(name)).read() == written[name]
    listing = client.get("/api/bulk/")
    assert listing.status_code == 200
    for name in RESOURCES:
        response = client.get(f"/api/bulk/{name}.jsonl")
        assert response.status_code == 200
        text = b"".join(response.streaming_content).decode()
        assert MARKER not in text
        rows = [json.loads(line) for line in text.splitlines()]
        assert len(rows) == counts[name]
    meetings = [json.loads(line) for line in written["meetings"].decode().splitlines()]
    assert PUBLIC_TEXT in json.dumps(meetings)
    assert not [name for name in default_storage.listdir(bulk.BULK_DIR)[1] if ".tmp" in name]


def test_a_bulk_file_not_yet_written_is_not_found(db, client):
    assert client.get("/api/bulk/meetings.jsonl").status_code == 404
    assert client.get("/api/bulk/secrets.jsonl").status_code == 404
    assert "not been written yet" in client.get("/api/bulk/").content.decode()


def test_the_documentation_page_lists_every_endpoint(db, client):
    response = client.get(reverse("api:documentation"))
    assert response.status_code == 200
    page = response.content.decode()
    for name in LISTS:
        assert f"/api/{name}/" in page
    assert "<script>" not in page
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.")
