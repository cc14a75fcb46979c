"""
The decisions register, the minutes and decisions under each item of a meeting page, and
the trail of a topic (issue 11).

- /minutes/decisions/ and /minutes/committee/<slug>/decisions/ list every decision in
  published minutes, newest first, with the tracker's status and RAG colour as text;
  filtered by municipal year (May to April) and committee, a wrong filter says so.
- The meeting page shows, under each item, its minute and decisions once the minutes are
  published, in the same number of queries however long the agenda.
- /tracker/item/<pk>/trail/ shows the work programme entry, earlier meetings, minutes,
  decisions and tracker entries with their history.
- Exempt decisions, minutes and entries are for the committee's members and its council's
  officers only (committees/access.py).
"""

import datetime
import re
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import AgendaItem, Meeting
from minutes import outcomes
from minutes.models import Decision, Minutes
from tests.factories import (
    ENTITLED_PERSONAS,
    PUBLIC_PERSONAS,
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    MeetingFactory,
    MinuteFactory,
    MinutesFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
    persona,
)
from tracker.models import LegendStatus, Tracker, TrackerEntry
from tracker.services import change_status, entry_from_decision

pytestmark = pytest.mark.django_db

SECRET = "EXEMPT-DECISION-SECRET"
DRAFT = "DRAFT-MINUTES-DECISION"
REGISTER = "/minutes/decisions/"


def published_minutes(meeting):
    minutes = MinutesFactory(meeting=meeting)
    minutes.publish()
    return minutes


def decide(minutes, item, wording, **kwargs):
    minute = MinuteFactory(minutes=minutes, agenda_item=item, heading=item.title)
    return DecisionFactory(minute=minute, wording=wording, **kwargs)


def completed(entry, when):
    status = entry.tracker.status_with_meaning(LegendStatus.Meaning.COMPLETED)
    return change_status(
        entry, status, note="Update given at the meeting.", status_note="Done", when=when
    )


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def item_block(html: str, item_pk: int) -> str:
    """The agenda item's own <li>, sub-parts and all."""
    start = html.index(f'id="item-{item_pk}"')
    start = html.rindex("<li", 0, start)
    depth, position = 0, start
    for tag in re.finditer(r"<(/?)li\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            position = start + tag.end()
            break
    return html[start:position]


@pytest.fixture
def world():
    """
    A committee with published minutes of October 2022 (an open decision on the tracker,
    completed, and an exempt one), of June 2023 (an open decision), and draft minutes of
    September 2023.
    """
    committee = CommitteeFactory(name="Scrutiny Committee - Children and Families")
    Tracker.for_committee(committee)
    october = MeetingFactory(committee=committee, date=datetime.date(2022, 10, 3))
    june = MeetingFactory(committee=committee, date=datetime.date(2023, 6, 29))
    september = MeetingFactory(committee=committee, date=datetime.date(2023, 9, 13))

    transport = AgendaItemFactory(meeting=october, position=5, title="Home to School Transport")
    contract = AgendaItemFactory(
        meeting=october, position=6, title="Contract award", is_exempt=True, exempt_paragraph=3
    )
    minutes = published_minutes(october)
    older = decide(minutes, transport, "It was AGREED that school transport join the work plan.")
    secret = decide(minutes, contract, f"It was RESOLVED that {SECRET} wins the contract.")
    tracked = entry_from_decision(older)
    completed(tracked, datetime.datetime(2023, 1, 16, 12, tzinfo=datetime.UTC))
    secret_entry = entry_from_decision(secret)
    secret_entry.item_title = f"{SECRET} entry"
    secret_entry.save()

    budget = AgendaItemFactory(meeting=june, position=4, title="Budget monitor")
    newer = decide(
        published_minutes(june),
        budget,
        "It was RECOMMENDED that the Executive note the budget position.",
        kind=Decision.Kind.RECOMMENDED,
        addressed_to="The Executive",
    )
    draft_item = AgendaItemFactory(meeting=september, position=3, title="Draft business")
    decide(MinutesFactory(meeting=september), draft_item, f"It was AGREED that {DRAFT}.")
    return {
        "committee": committee,
        "october": october,
        "june": june,
        "september": september,
        "transport": transport,
        "contract": contract,
        "older": older,
        "newer": newer,
        "secret": secret,
        "tracked": tracked,
        "secret_entry": secret_entry,
    }


# The register ---------------------------------------------------------------------------


def test_the_register_lists_published_decisions_newest_first_with_their_tracker_outcome(
    client, world
):
    response = client.get(REGISTER)
    assert response.status_code == 200
    html = response.content.decode()
    newer = html.index(f'id="decision-{world["newer"].pk}"')
    older = html.index(f'id="decision-{world["older"].pk}"')
    assert newer < older
    row = html[older : html.index("</tr>", older)]
    assert "29 June 2023" in html[newer:older] and "3 October 2022" in row
    assert "Home to School Transport" in row
    assert "school transport join the work plan" in row
    # The outcome: the tracker entry's current status and RAG colour, as text, and a link.
    assert "Completed" in row and "RAG: green" in row
    assert reverse("tracker:entry", args=[world["tracked"].pk]) in row
    assert "RECOMMENDED" in html[newer:older]
    assert "Addressed to: The Executive" in html[newer:older]
    assert "Addressed to" not in row  # nobody was named for the older one
    assert "Not on the outcome tracker" in html[newer:older]


def test_decisions_of_unpublished_minutes_are_not_in_the_register_even_for_officers(client, world):
    assert DRAFT not in client.get(REGISTER).content.decode()
    login(client, persona("officer", world["committee"]))
    assert DRAFT not in client.get(REGISTER).content.decode()
    world["september"].minutes.publish()
    assert DRAFT in client.get(REGISTER).content.decode()


@pytest.mark.parametrize("kind", PUBLIC_PERSONAS)
def test_exempt_decisions_are_hidden_from_the_public(client, world, kind):
    login(client, persona(kind, world["committee"]))
    slug = world["committee"].slug
    for url in [REGISTER, reverse("minutes:committee_decisions", args=[slug])]:
        html = client.get(url).content.decode()
        assert "school transport join the work plan" in html
        assert SECRET not in html
        assert f'id="decision-{world["secret"].pk}"' not in html
    # Nor under the item on the meeting page, nor on a trail.
    html = client.get(world["october"].get_absolute_url()).content.decode()
    assert "school transport join the work plan" in html
    assert SECRET not in html
    assert "Exempt information: Schedule 12A paragraph 3" in item_block(html, world["contract"].pk)
    assert SECRET not in client.get(trail_url(world["transport"])).content.decode()
    assert client.get(trail_url(world["contract"])).status_code == 404


@pytest.mark.parametrize("kind", ENTITLED_PERSONAS)
def test_exempt_decisions_are_shown_to_members_and_officers(client, world, kind):
    login(client, persona(kind, world["committee"]))
    html = client.get(REGISTER).content.decode()
    row = html[html.index(f'id="decision-{world["secret"].pk}"') :]
    assert SECRET in row and "Exempt" in row
    assert reverse("tracker:entry", args=[world["secret_entry"].pk]) in row
    block = item_block(
        client.get(world["october"].get_absolute_url()).content.decode(), world["contract"].pk
    )
    assert SECRET in block and "Not for publication" in block
    trail = client.get(trail_url(world["contract"]))
    assert trail.status_code == 200 and SECRET in trail.content.decode()


def test_the_year_filter_is_the_municipal_year(client, world):
    html = client.get(REGISTER, {"year": 2022}).content.decode()
    assert "school transport join the work plan" in html
    assert "note the budget position" not in html
    assert "1 decision in 2022 to 2023" in html
    html = client.get(REGISTER, {"year": 2023}).content.decode()
    assert "note the budget position" in html
    assert "school transport join the work plan" not in html
    assert '<option value="2023" selected>2023 to 2024</option>' in html
    html = client.get(REGISTER, {"year": 2019}).content.decode()
    assert "No decisions match these filters." in html


@pytest.mark.parametrize(
    "query, message",
    [
        ({"year": "abc"}, "Choose a municipal year from the list"),
        ({"year": "2023-24"}, "Choose a municipal year from the list"),
        ({"year": "99999999999999999999"}, "Choose a municipal year from the list"),
        ({"committee": "no-such-committee"}, "Choose a committee from the list"),
        ({"committee": "<script>"}, "Choose a committee from the list"),
    ],
)
def test_a_bad_filter_value_gets_a_message_not_an_error(client, world, query, message):
    response = client.get(REGISTER, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    # The register is still there, unfiltered.
    assert "school transport join the work plan" in html and "note the budget position" in html


def test_a_bad_page_number_shows_a_page(client, world):
    for page in ["zzz", "0", "999"]:
        assert client.get(REGISTER, {"page": page}).status_code == 200


def test_the_committee_filter_and_the_committees_own_register(client, world):
    other = CommitteeFactory(name="Adults Scrutiny")
    decide(
        published_minutes(MeetingFactory(committee=other, date=datetime.date(2023, 7, 1))),
        AgendaItemFactory(meeting=Meeting.objects.get(committee=other)),
        "It was AGREED that adult social care be reviewed.",
    )
    html = client.get(REGISTER).content.decode()
    assert "adult social care" in html and "school transport" in html
    html = client.get(REGISTER, {"committee": other.slug}).content.decode()
    assert "adult social care" in html and "school transport" not in html

    committee_page = client.get(world["committee"].get_absolute_url()).content.decode()
    url = reverse("minutes:committee_decisions", args=[world["committee"].slug])
    assert f'href="{url}"' in committee_page
    html = client.get(url).content.decode()
    assert "school transport" in html and "adult social care" not in html
    assert client.get("/minutes/committee/no-such-committee/decisions/").status_code == 404


def test_a_committees_register_includes_the_committee_it_replaced(client, world):
    successor = CommitteeFactory(predecessor=world["committee"], name="New Scrutiny")
    html = client.get(reverse("minutes:committee_decisions", args=[successor.slug])).content
    assert b"school transport join the work plan" in html


def test_a_decision_minuted_under_no_agenda_item_is_in_the_register(client, world):
    minute = MinuteFactory(
        minutes=world["june"].minutes, agenda_item=None, heading="Any other business"
    )
    DecisionFactory(minute=minute, wording="It was AGREED that a site visit be arranged.")
    html = client.get(REGISTER).content.decode()
    assert "a site visit be arranged" in html and "Any other business" in html
    assert SECRET not in html


def test_the_register_is_paginated(client, world):
    meeting = MeetingFactory(committee=world["committee"], date=datetime.date(2024, 1, 10))
    minutes = published_minutes(meeting)
    for n in range(30):
        decide(minutes, AgendaItemFactory(meeting=meeting), f"Paged decision number {n:02d}.")
    html = client.get(REGISTER).content.decode()
    assert html.count('id="decision-') == 25
    assert "32 decisions, page 1 of 2" in html
    assert 'rel="next"' in html
    html = client.get(REGISTER, {"page": 2}).content.decode()
    assert html.count('id="decision-') == 7
    assert "note the budget position" in html


def register_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_register_takes_as_many_queries_for_three_decisions_as_for_a_full_page(
    client, world, django_assert_num_queries
):
    few = register_queries(client, REGISTER)
    meeting = MeetingFactory(committee=world["committee"], date=datetime.date(2024, 1, 10))
    minutes = published_minutes(meeting)
    for n in range(30):
        decision = decide(minutes, AgendaItemFactory(meeting=meeting), f"Decision {n}.")
        entry_from_decision(decision)
    with django_assert_num_queries(few):
        client.get(REGISTER)


# The meeting page -------------------------------------------------------------------------


def test_the_meeting_page_shows_the_minute_and_decision_under_the_item_once_published(
    client, world
):
    meeting = world["september"]
    item = AgendaItem.objects.get(meeting=meeting, title="Draft business")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert DRAFT not in html
    officer = persona("officer", world["committee"])
    login(client, officer)
    assert DRAFT not in client.get(meeting.get_absolute_url()).content.decode()

    Minutes.objects.get(meeting=meeting).publish()
    client.logout()
    html = client.get(meeting.get_absolute_url()).content.decode()
    block = item_block(html, item.pk)
    assert DRAFT in block
    assert "Minute " in block and "in the minutes" in block
    # Inside the item's own list item: the agenda stays one list of items.
    assert f'id="outcome-{item.pk}"' in block


def test_the_decision_under_an_item_has_its_tracker_outcome_and_the_trail_link(client, world):
    html = client.get(world["october"].get_absolute_url()).content.decode()
    block = item_block(html, world["transport"].pk)
    assert "school transport join the work plan" in block
    assert "Completed" in block and "RAG: green" in block
    assert reverse("tracker:entry", args=[world["tracked"].pk]) in block
    assert trail_url(world["transport"]) in block
    # An exempt item's trail is not offered to the public.
    assert trail_url(world["contract"]) not in html


def test_items_that_come_back_at_every_meeting_have_no_trail_link(client, world):
    apologies = AgendaItemFactory(
        meeting=world["june"], position=1, title="Apologies", kind=AgendaItem.Kind.PROCEDURAL
    )
    programme = AgendaItemFactory(
        meeting=world["june"], position=2, title="Work Programme", kind=AgendaItem.Kind.STANDING
    )
    html = client.get(world["june"].get_absolute_url()).content.decode()
    assert trail_url(apologies) not in html and trail_url(programme) not in html
    assert f'id="outcome-{apologies.pk}"' not in item_block(html, apologies.pk)


def test_minutes_of_a_sub_part_are_shown_under_its_item(client, world):
    meeting = MeetingFactory(committee=world["committee"], date=datetime.date(2024, 3, 13))
    parent = AgendaItemFactory(meeting=meeting, position=1, title="Items for Information")
    part = AgendaItemFactory(meeting=meeting, parent=parent, position=1, title="Board update")
    decide(published_minutes(meeting), part, "It was NOTED that the Board met.")
    block = item_block(client.get(meeting.get_absolute_url()).content.decode(), parent.pk)
    assert "the Board met" in block and "item 1(a)" in block


def meeting_with_items(committee, count, day):
    meeting = MeetingFactory(committee=committee, date=day)
    minutes = MinutesFactory(meeting=meeting)
    for position in range(1, count + 1):
        item = AgendaItemFactory(meeting=meeting, position=position)
        if position == 2:
            item.is_exempt, item.exempt_paragraph = True, 3
            item.save()
        decision = decide(minutes, item, f"Decision on item {position}.")
        entry_from_decision(decision)
    minutes.publish()
    return meeting


@pytest.mark.parametrize("kind", ["anonymous", "member"])
def test_the_meeting_page_takes_the_same_queries_for_3_and_20_items(
    client, world, kind, django_assert_num_queries
):
    login(client, persona(kind, world["committee"]))
    short = meeting_with_items(world["committee"], 3, datetime.date(2024, 1, 10))
    long = meeting_with_items(world["committee"], 20, datetime.date(2024, 3, 13))
    client.get(short.get_absolute_url())  # the session and the viewer, read once
    cache.clear()  # both pages rendered, not the public's kept copy (meetings/page_cache.py)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(short.get_absolute_url()).content.decode()
    assert html.count("portal-item-decision") == (3 if kind == "member" else 2)
    with django_assert_num_queries(len(queries)):
        html = client.get(long.get_absolute_url()).content.decode()
    assert html.count("portal-item-decision") == (20 if kind == "member" else 19)


@pytest.mark.parametrize("count", [3, 20])
def test_the_outcomes_tag_takes_five_queries_however_many_items(
    world, count, django_assert_num_queries
):
    meeting = meeting_with_items(world["committee"], count, datetime.date(2024, 1, 10))
    meeting = Meeting.objects.with_committee().get(pk=meeting.pk)
    # Minutes with decisions, the exempt minutes withheld, decisions, entries, prefixes.
    with django_assert_num_queries(5):
        by_item = outcomes.minutes_by_item(AnonymousUser(), meeting)
    assert len(by_item) == count
    assert sum(row.withheld for rows in by_item.values() for row in rows) == 1


# The trail --------------------------------------------------------------------------------


def trail_url(item):
    return reverse("tracker:item_trail", args=[item.pk])


@pytest.fixture
def topic(world):
    """
    "Home to School Transport" in October 2022 (decision, tracker entry completed in January),
    again in June 2023 (from the work programme), and a later one.
    """
    committee = world["committee"]
    june_item = AgendaItemFactory(
        meeting=world["june"], position=7, title="Home to School Transport - update"
    )
    programme = WorkProgrammeFactory(committee=committee, municipal_year=2023)
    proposal = WorkProgrammeItemFactory(
        programme=programme,
        meeting=world["june"],
        agenda_item=june_item,
        title="Home to School Transport – update on the external review",
        purpose="To hear the outcome of the external review.",
    )
    return {"item": june_item, "proposal": proposal, **world}


def test_the_trail_shows_work_programme_earlier_meetings_decision_and_tracker_history(
    client, topic
):
    response = client.get(trail_url(topic["item"]))
    assert response.status_code == 200
    html = response.content.decode()
    # The work programme entry that proposed it.
    assert "Home to School Transport – update on the external review" in html
    assert "Proposed this item" in html
    # The earlier meeting that discussed the same topic, its minute and decision.
    earlier = html.index(f'id="trail-meeting-{topic["october"].pk}"')
    this = html.index(f'id="trail-meeting-{topic["june"].pk}"')
    assert earlier < this
    assert "Earlier meeting" in html[earlier:this]
    assert "school transport join the work plan" in html[earlier:this]
    # The tracker entry, its status and its history.
    entry = html[html.index(f'id="trail-entry-{topic["tracked"].pk}"') :]
    assert "Completed" in entry and "RAG: green" in entry
    assert "Added to the tracker." in entry and "Update given at the meeting." in entry
    assert "16 January 2023" in entry
    # Other business of the meetings is not part of it.
    assert "Budget monitor" not in html
    assert SECRET not in html


def test_an_earlier_item_links_to_later_ones_and_the_trail_page_is_linked_from_the_meeting(
    client, topic
):
    html = client.get(trail_url(topic["transport"])).content.decode()
    assert "Later meeting" in html and "Home to School Transport - update" in html
    meeting_page = client.get(topic["june"].get_absolute_url()).content.decode()
    assert trail_url(topic["item"]) in item_block(meeting_page, topic["item"].pk)


def test_a_deferred_item_is_on_the_trail_whatever_its_title(client, topic):
    later = MeetingFactory(committee=topic["committee"], date=datetime.date(2023, 11, 15))
    moved = AgendaItemFactory(meeting=later, title="Transport review", deferred_from=topic["item"])
    html = client.get(trail_url(moved)).content.decode()
    assert f'id="trail-meeting-{topic["june"].pk}"' in html
    assert "Home to School Transport – update on the external review" in html


def test_procedural_items_are_not_matched_by_title(client, world):
    first = AgendaItemFactory(
        meeting=world["october"], title="Apologies for Absence", kind=AgendaItem.Kind.PROCEDURAL
    )
    AgendaItemFactory(
        meeting=world["june"], title="Apologies for Absence", kind=AgendaItem.Kind.PROCEDURAL
    )
    html = client.get(trail_url(first)).content.decode()
    assert "No earlier meeting discussed this topic." in html
    assert f'id="trail-meeting-{world["june"].pk}"' not in html


def test_a_public_trail_leaves_out_exempt_items_and_entries_of_the_same_title(client, topic):
    hidden = AgendaItemFactory(
        meeting=topic["october"],
        position=9,
        title="Home to School Transport",
        is_exempt=True,
        exempt_paragraph=3,
    )
    decision = decide(topic["october"].minutes, hidden, f"It was AGREED that {SECRET} pays.")
    entry = entry_from_decision(decision)
    assert entry.item_title == "Home to School Transport"
    html = client.get(trail_url(topic["item"])).content.decode()
    assert SECRET not in html and f'id="trail-entry-{entry.pk}"' not in html
    login(client, persona("member", topic["committee"]))
    html = client.get(trail_url(topic["item"])).content.decode()
    assert SECRET in html and f'id="trail-entry-{entry.pk}"' in html


def test_the_trail_of_a_draft_agenda_is_not_found(client, world):
    draft = MeetingFactory(
        committee=world["committee"], date=datetime.date(2024, 5, 15), status=Meeting.Status.DRAFT
    )
    item = AgendaItemFactory(meeting=draft, title="Home to School Transport")
    assert client.get(trail_url(item)).status_code == 404
    login(client, persona("officer", world["committee"]))
    assert client.get(trail_url(item)).status_code == 200
    # Nor does a draft agenda's item join a public trail.
    client.logout()
    assert b"15 May 2024" not in client.get(trail_url(world["transport"])).content


def test_the_trail_takes_as_many_queries_for_two_meetings_as_for_eight(
    client, topic, django_assert_num_queries
):
    url = trail_url(topic["item"])
    few = register_queries(client, url)
    for month in range(1, 7):
        meeting = MeetingFactory(committee=topic["committee"], date=datetime.date(2024, month, 2))
        item = AgendaItemFactory(meeting=meeting, title="Home to School Transport")
        entry_from_decision(decide(published_minutes(meeting), item, f"Transport {month}."))
    with django_assert_num_queries(few):
        html = client.get(url).content.decode()
    assert html.count('id="trail-meeting-') == 8


# The demo ---------------------------------------------------------------------------------


def test_the_register_lists_the_demo_decisions_with_their_tracker_outcomes(client, settings):
    from demo import loader

    # Everything but the packs, which the register does not read (and take a minute).
    steps = [step for step in loader.STEPS if step[0] != "packs"]
    with mock.patch.object(loader, "STEPS", steps):
        call_command("load_demo", stdout=StringIO())
    decisions = Decision.objects.published()
    assert decisions.count() >= 4
    html = client.get(REGISTER).content.decode()
    assert html.count('id="decision-') == decisions.count()
    tracked = TrackerEntry.objects.filter(decision__isnull=False).select_related("status")
    assert tracked
    for entry in tracked:
        row = html[html.index(f'id="decision-{entry.decision_id}"') :]
        row = row[: row.index("</tr>")]
        assert entry.status.label in row
        assert f"RAG: {entry.status.get_colour_display().lower()}" in row
        assert entry.get_absolute_url() in row
    committee = tracked[0].tracker.committee
    html = client.get(reverse("minutes:committee_decisions", args=[committee.slug])).content
    assert html.decode().count('id="decision-') == decisions.count()
