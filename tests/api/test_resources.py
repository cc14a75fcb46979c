"""
The API's minutes, pack versions, work programme items and action plans: only what the
public pages show of them, in a number of queries that does not grow with the rows.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.storage import default_storage

from actionplans.models import ActionPlan, Milestone, PlanAction, ProgressUpdate
from api import bulk
from meetings.models import Meeting
from minutes.models import AttendanceEntry, Decision, Declaration, Minute, Minutes
from packs.models import PackVersion
from tests.api.test_api import MARKER, PUBLIC_TEXT, plant
from tests.factories import AgendaItemFactory, CommitteeFactory, MeetingFactory, PersonFactory
from workprogramme.models import WorkProgramme, WorkProgrammeItem

NEW = ["minutes", "pack-versions", "work-programme-items", "action-plans"]


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def pack(meeting, *, kind=PackVersion.Kind.PUBLIC, withdrawn=False, number=1):
    public_item, exempt_item = meeting.items.filter(parent=None).order_by("position")[:2]
    summary = {
        "rows": [
            {"key": f"item:{public_item.pk}", "label": "1", "title": public_item.title,
             "pages": [3, 8], "to_follow": False,
             "papers": [{"key": "doc:1", "title": "Report", "withheld": False, "pages": [3, 8]}]},
            {"key": f"item:{exempt_item.pk}", "label": "2", "title": exempt_item.title,
             "pages": None, "to_follow": False,
             "papers": [{"key": "doc:2", "title": f"{MARKER} withheld", "withheld": True,
                         "pages": [9, 10]}]},
        ],
        "page_count": 10,
    }  # fmt: skip
    return PackVersion.objects.create(
        meeting=meeting,
        number=number,
        kind=kind,
        status=PackVersion.Status.READY,
        page_count=10,
        summary=summary,
        file="packs/fake.pdf",
        withdrawn_at=datetime.datetime(2023, 5, 1, tzinfo=datetime.UTC) if withdrawn else None,
    )


def plant_more():
    meeting, draft = plant()
    committee = meeting.committee
    minutes = meeting.minutes
    exempt_minute = minutes.minute_entries.get(number=2)
    # The heading of an exempt minute is public, as the public minutes print it.
    Minute.objects.filter(pk=exempt_minute.pk).update(heading="Contract award")
    Declaration.objects.create(minutes=minutes, minute=exempt_minute, name=f"{MARKER} Cllr")
    Declaration.objects.create(minutes=minutes, name="Mrs Hobbs", description=PUBLIC_TEXT)
    AttendanceEntry.objects.create(minutes=minutes, name="Cllr L Redman", role="chair")
    draft_minutes = Minutes.objects.create(meeting=MeetingFactory(committee=committee))
    Minute.objects.create(minutes=draft_minutes, number=1, heading=f"{MARKER} draft minute")

    pack(meeting)
    pack(meeting, kind=PackVersion.Kind.CONFIDENTIAL)
    pack(meeting, withdrawn=True, number=2)

    programme = WorkProgramme.objects.create(committee=committee, municipal_year=2023)
    WorkProgrammeItem.objects.create(programme=programme, title=f"{PUBLIC_TEXT} review",
                                     meeting=meeting)  # fmt: skip
    WorkProgrammeItem.objects.create(
        programme=programme, title=f"{MARKER} proposal", status=WorkProgrammeItem.Status.PROPOSED
    )
    plan = ActionPlan.objects.create(committee=committee, title="SEND plan", slug="send")
    plan.set_legend([("Red", "red"), ("Green", "green")])
    action = PlanAction.objects.create(plan=plan, ref="1.1", text=f"We will {PUBLIC_TEXT}")
    Milestone.objects.create(action=action, text="Recruit")
    ProgressUpdate.objects.create(
        action=action, period="May 2023", period_start=datetime.date(2023, 5, 1),
        rag=plan.rag_levels.get(label="Green"), text="On track",
    )  # fmt: skip
    return meeting, draft


@pytest.fixture
def planted(db):
    return plant_more()


def urls():
    found = []
    for name in NEW:
        rows, _serializer = bulk.RESOURCES[name]
        found.append(f"/api/{name}/")
        found += [f"/api/{name}/{pk}/" for pk in rows().model.objects.values_list("pk", flat=True)]
    return found


@pytest.mark.parametrize("username", [None, "api-member", "api-officer"])
def test_none_of_them_shows_exempt_or_unpublished_material(planted, client, username):
    if username:
        client.force_login(User.objects.get(username=username))
    answered = []
    for url in urls():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        if response.status_code == 200:
            answered.append(url)
        assert MARKER not in response.content.decode(), url
    assert PUBLIC_TEXT in "".join(client.get(f"/api/{name}/").content.decode() for name in NEW)
    assert len(answered) >= 8


def test_minutes_show_an_exempt_minute_by_number_heading_and_paragraph_only(planted, client):
    meeting, _draft = planted
    (body,) = client.get("/api/minutes/").json()["results"]
    assert body["meeting"] == meeting.pk
    public, exempt = body["minutes"]
    assert public["body"] == PUBLIC_TEXT
    assert [d["wording"] for d in public["decisions"]] == [f"{PUBLIC_TEXT} agreed"]
    assert exempt["is_exempt"] and exempt["exempt_paragraph"] == 3
    assert exempt["body"] == "" and exempt["decisions"] == [] and exempt["comments"] == []
    assert [d["name"] for d in body["declarations"]] == ["Mrs Hobbs"]
    assert [a["printed"] for a in body["attendance"]] == ["Cllr L Redman (Chair)"]


def test_only_the_public_pack_as_published_is_listed(planted, client):
    (version,) = client.get("/api/pack-versions/").json()["results"]
    assert version["version"] == 1 and version["pages"] == 10
    first, exempt = version["items"]
    assert first["pages"] == [3, 8] and first["documents"] == [{"id": 1, "pages": [3, 8]}]
    assert exempt["documents"] == []


def test_work_programme_and_action_plans(planted, client):
    items = client.get("/api/work-programme-items/").json()["results"]
    assert [item["title"] for item in items] == [f"{PUBLIC_TEXT} review"]
    (plan,) = client.get("/api/action-plans/").json()["results"]
    (action,) = plan["actions"]
    assert action["progress"] == [
        {"period": "May 2023", "period_start": "2023-05-01", "rag": "Green", "text": "On track"}
    ]
    assert action["milestones"][0]["text"] == "Recruit"


def test_the_bulk_files_of_these_hold_nothing_withheld(planted, client):
    counts = bulk.export_everything()
    for name in NEW:
        text = default_storage.open(bulk.bulk_name(name)).read().decode()
        assert MARKER not in text
        assert len([json.loads(line) for line in text.splitlines()]) == counts[name]
    assert counts["minutes"] == 1 and counts["pack-versions"] == 1


def make_rows(count):
    for n in range(count):
        committee = CommitteeFactory()
        meeting = MeetingFactory(committee=committee, status=Meeting.Status.HELD)
        item = AgendaItemFactory(meeting=meeting, position=1)
        AgendaItemFactory(meeting=meeting, position=2, is_exempt=True, exempt_paragraph=3)
        minutes = Minutes.objects.create(meeting=meeting)
        minute = Minute.objects.create(minutes=minutes, number=1, agenda_item=item, heading="H")
        Decision.objects.create(minute=minute, wording="Agreed")
        AttendanceEntry.objects.create(minutes=minutes, person=PersonFactory())
        Declaration.objects.create(minutes=minutes, minute=minute, person=PersonFactory())
        minutes.publish()
        pack(meeting)
        programme = WorkProgramme.objects.create(committee=committee, municipal_year=2023)
        WorkProgrammeItem.objects.create(programme=programme, title="Item", meeting=meeting)
        plan = ActionPlan.objects.create(committee=committee, title="Plan", slug=f"plan-{n}")
        plan.set_legend([("Red", "red")])
        action = PlanAction.objects.create(plan=plan, ref="1", text="We will", rag_id=None)
        Milestone.objects.create(action=action, text="M")
        ProgressUpdate.objects.create(
            action=action, period="May 2023", period_start=datetime.date(2023, 5, 1), text="T"
        )


LIST_QUERIES = {"minutes": 6, "pack-versions": 1, "work-programme-items": 1, "action-plans": 4}


@pytest.mark.parametrize("rows", [2, 10])
@pytest.mark.parametrize("name", NEW)
def test_a_list_costs_the_same_queries_however_many_rows(db, client, django_assert_num_queries,
                                                         name, rows):  # fmt: skip
    make_rows(rows)
    with django_assert_num_queries(LIST_QUERIES[name]):
        response = client.get(f"/api/{name}/", {"page_size": 50})
    assert len(response.json()["results"]) == rows
