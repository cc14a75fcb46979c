"""Outcome tracker entries from exempt (Part 2, Schedule 12A) items never reach the public.

Exempt: agreed under an exempt item or a sub-part of one, or minuted (the entry's decision)
under one. Only officers and the committee's current members see them; not the public, not a
councillor of another committee, not a former member; and never the tracker paper in a pack,
which is the same for the public and the confidential pack.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import access
from meetings.models import Document
from meetings.paper_sources import render_html
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    MeetingFactory,
    MinuteFactory,
    MinutesFactory,
    make_entry,
    persona,
)
from tracker.models import LegendStatus, StatusChange, Tracker, TrackerEntry
from tracker.services import entry_from_decision

pytestmark = pytest.mark.django_db

MARKER = "EXEMPT-TRACKER-SECRET"
PUBLIC = "PUBLIC-TRACKER-ENTRY"
MEETING_DAY = datetime.date(2023, 5, 4)


def _secret(entry_fields, n):
    return {
        "item_title": f"{MARKER}-{n} title",
        "agreed_outcome": f"<p>{MARKER}-{n} outcome</p>",
        "status_note": f"{MARKER}-{n} status note",
        **entry_fields,
    }


@pytest.fixture
def world():
    committee = CommitteeFactory()
    tracker = Tracker.for_committee(committee)
    meeting = MeetingFactory(committee=committee, date=MEETING_DAY)
    minutes = MinutesFactory(meeting=meeting)

    exempt = AgendaItemFactory(meeting=meeting, is_exempt=True, exempt_paragraph=3)
    exempt_part = AgendaItemFactory(meeting=meeting, parent=exempt, position=1)
    open_item = AgendaItemFactory(meeting=meeting)
    open_part = AgendaItemFactory(meeting=meeting, parent=open_item, position=1)

    def decision_on(item):
        return DecisionFactory(
            minute=MinuteFactory(minutes=minutes, agenda_item=item),
            wording=f"It was AGREED that {MARKER} wording under {item.title}."
            if item.is_restricted
            else "It was AGREED that the report be noted.",
        )

    secret = [
        # From a decision on the exempt item, as "Add to outcome tracker" makes it.
        make_entry(
            tracker=tracker,
            meeting=meeting,
            **_secret({"agenda_item": exempt, "decision": decision_on(exempt)}, 1),
        ),
        # Agreed under a sub-part of the exempt item.
        make_entry(tracker=tracker, meeting=meeting, **_secret({"agenda_item": exempt_part}, 2)),
        # Only its decision says where it came from: minuted under the exempt item...
        make_entry(
            tracker=tracker, meeting=meeting, **_secret({"decision": decision_on(exempt)}, 3)
        ),
        # ... or under a sub-part of it.
        make_entry(
            tracker=tracker, meeting=meeting, **_secret({"decision": decision_on(exempt_part)}, 4)
        ),
        # Archived: still in the archive and the exports.
        make_entry(
            tracker=tracker,
            meeting=meeting,
            archived_on=datetime.date(2023, 7, 1),
            **_secret({"agenda_item": exempt}, 5),
        ),
    ]
    public = [
        make_entry(
            tracker=tracker,
            meeting=meeting,
            item_title=f"{PUBLIC}-1",
            agenda_item=open_item,
            decision=decision_on(open_item),
        ),
        make_entry(
            tracker=tracker, meeting=meeting, item_title=f"{PUBLIC}-2", agenda_item=open_part
        ),
        make_entry(tracker=tracker, meeting=meeting, item_title=f"{PUBLIC}-3"),
        make_entry(
            tracker=tracker,
            meeting=meeting,
            item_title=f"{PUBLIC}-4",
            archived_on=datetime.date(2023, 7, 1),
        ),
    ]
    return {"committee": committee, "tracker": tracker, "secret": secret, "public": public}


def _signed_in(kind):
    def sign_in(client, committee):
        user = persona(kind, committee)
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


_anonymous = _signed_in("anonymous")
_other_councillor = _signed_in("councillor of another committee")
_former_member = _signed_in("former member")
_current_member = _signed_in("member")
_officer = _signed_in("officer")


OUTSIDERS = pytest.mark.parametrize(
    "sign_in",
    [_anonymous, _other_councillor, _former_member],
    ids=["anonymous", "councillor-of-another-committee", "former-member"],
)
INSIDERS = pytest.mark.parametrize(
    "sign_in", [_current_member, _officer], ids=["current-member", "officer"]
)


def _get(client, name, committee):
    response = client.get(reverse(f"tracker:{name}", args=[committee.slug]))
    assert response.status_code == 200
    return response


def _xlsx_text(content: bytes) -> str:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row)


@OUTSIDERS
@pytest.mark.parametrize("name", ["detail", "archive", "print"])
def test_outsiders_pages_hold_no_exempt_entry(client, world, sign_in, name):
    client = sign_in(client, world["committee"])
    page = _get(client, name, world["committee"]).content.decode()
    assert MARKER not in page
    archived = name == "archive"
    expected = ["4"] if archived else ["1", "2", "3"]
    for n in expected:
        assert f"{PUBLIC}-{n}" in page
    for entry in world["secret"]:
        assert reverse("tracker:entry", args=[entry.pk]) not in page


@OUTSIDERS
def test_outsiders_csv_holds_no_exempt_entry(client, world, sign_in):
    client = sign_in(client, world["committee"])
    text = _get(client, "csv", world["committee"]).content.decode()
    assert MARKER not in text
    rows = list(csv.reader(io.StringIO(text)))
    assert sorted(row[1] for row in rows[1:]) == [f"{PUBLIC}-{n}" for n in range(1, 5)]


@OUTSIDERS
def test_outsiders_xlsx_holds_no_exempt_entry(client, world, sign_in):
    client = sign_in(client, world["committee"])
    text = _xlsx_text(_get(client, "xlsx", world["committee"]).content)
    assert MARKER not in text
    for n in range(1, 5):
        assert f"{PUBLIC}-{n}" in text


@OUTSIDERS
def test_outsiders_get_404_for_an_exempt_entry(client, world, sign_in):
    client = sign_in(client, world["committee"])
    for entry in world["secret"]:
        response = client.get(reverse("tracker:entry", args=[entry.pk]))
        assert response.status_code == 404
        assert MARKER not in response.content.decode()
    for entry in world["public"]:
        assert client.get(reverse("tracker:entry", args=[entry.pk])).status_code == 200


def test_pack_paper_never_holds_an_exempt_entry(world):
    """Rendered once for the public and the confidential pack alike: nobody's paper has it."""
    pack_meeting = MeetingFactory(committee=world["committee"], date=datetime.date(2023, 6, 29))
    document = Document(meeting=pack_meeting, kind=Document.Kind.OUTCOME_TRACKER, title="Tracker")
    html = render_html(document)
    assert MARKER not in html
    for n in range(1, 4):
        assert f"{PUBLIC}-{n}" in html


@INSIDERS
def test_officers_and_current_members_see_exempt_entries(client, world, sign_in):
    client = sign_in(client, world["committee"])
    page = _get(client, "detail", world["committee"]).content.decode()
    for n in range(1, 5):
        assert f"{MARKER}-{n} title" in page
        assert f"{MARKER}-{n} status note" in page
    assert f"{PUBLIC}-1" in page
    assert "Exempt: not for publication" in page
    assert f"{MARKER}-5 title" in _get(client, "archive", world["committee"]).content.decode()
    assert f"{MARKER}-1 outcome" in _get(client, "csv", world["committee"]).content.decode()
    for entry in world["secret"]:
        response = client.get(reverse("tracker:entry", args=[entry.pk]))
        assert response.status_code == 200
        assert MARKER in response.content.decode()


def test_officers_still_update_exempt_entries_in_place(client, world):
    client = _officer(client, world["committee"])
    entry = world["secret"][0]
    page = _get(client, "detail", world["committee"]).content.decode()
    assert f'hx-post="{reverse("tracker:entry_update", args=[entry.pk])}"' in page
    completed = world["tracker"].status_with_meaning(LegendStatus.Meaning.COMPLETED)
    response = client.post(
        reverse("tracker:entry_update", args=[entry.pk]),
        {"status": completed.pk, "status_note": f"{MARKER} done", "target_meeting": "", "note": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert f"{MARKER} done" in response.content.decode()


def test_the_rule_in_sql_and_in_python_agree(world):
    secret = {entry.pk for entry in world["secret"]}
    entries = TrackerEntry.objects.for_display().select_related("tracker__committee")
    assert {entry.pk for entry in entries if entry.is_restricted} == secret
    assert set(TrackerEntry.objects.unrestricted().values_list("pk", flat=True)) == {
        entry.pk for entry in world["public"]
    }
    assert TrackerEntry.objects.published().count() == len(secret) + len(world["public"])
    entry = world["secret"][1]
    assert entry.access_committee == world["committee"] and entry.is_published
    history = StatusChange.objects.unrestricted()
    assert not history.filter(entry_id__in=secret).exists()
    assert history.filter(entry__in=world["public"]).count() == len(world["public"])
    change = entry.history.get()
    assert change.is_restricted and change.access_committee == world["committee"]


def test_an_entry_made_from_an_exempt_decision_is_exempt(world):
    item = AgendaItemFactory(
        meeting=MeetingFactory(committee=world["committee"]), is_exempt=True, exempt_paragraph=1
    )
    decision = DecisionFactory(
        minute=MinuteFactory(minutes=MinutesFactory(meeting=item.meeting), agenda_item=item)
    )
    entry = entry_from_decision(decision)
    assert TrackerEntry.objects.get(pk=entry.pk).is_restricted
    assert not TrackerEntry.objects.unrestricted().filter(pk=entry.pk).exists()
    assert not access.may_see(AnonymousUser(), entry)


def _page_queries(client, committee) -> int:
    with CaptureQueriesContext(connection) as queries:
        _get(client, "detail", committee)
    return len(queries)


def test_a_members_tracker_page_does_not_grow_with_exempt_entries(client, world):
    client = _current_member(client, world["committee"])
    before = _page_queries(client, world["committee"])
    exempt = AgendaItemFactory(
        meeting=world["secret"][0].meeting, is_exempt=True, exempt_paragraph=3
    )
    for n in range(6):
        make_entry(
            tracker=world["tracker"],
            meeting=exempt.meeting,
            item_title=f"More {n}",
            agenda_item=AgendaItemFactory(meeting=exempt.meeting, parent=exempt, position=n + 1),
        )
    assert _page_queries(client, world["committee"]) == before
