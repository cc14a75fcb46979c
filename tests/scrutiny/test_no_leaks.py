"""
Nothing exempt or unpublished reaches anyone who may not see it, on any page, file,
feed or export.

Exempt material of every kind, and a paper added after publication, is planted with a
marker in its text; then every URL pattern of the site is requested with every id and
slug in the database as each of three people who may not see it (a member of the
public, a former member of the committee, a councillor of another council's committee),
and every answer to GET and HEAD (headers, HTML, PDF text and bookmarks, CSV, XLSX,
iCalendar, Atom) is searched for the marker. The committee's current member and an
officer must find it, so the search is known to work.
"""

import datetime
import io
import itertools
import re
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook
from pypdf import PdfReader

from committees.models import Committee, Membership
from meetings import services as meeting_services
from meetings.models import AgendaItem, Document, Meeting
from minutes.models import Comment, Decision, Minute, Minutes
from packs import services as pack_services
from packs import withdrawal
from packs.models import PackVersion
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    add_paper,
    councillor_user,
    make_entry,
    officer_user,
)
from tracker.models import Tracker

MARKER = "PLANTEDEXEMPTMARKER"
PUBLIC_TEXT = "PLANTEDPUBLICTEXT"
KINDS = ["minute", "comment", "decision", "attendance", "declaration", "speaker",
         "action", "milestone", "update"]  # fmt: skip
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build(meeting):
    for version in pack_services.publish(meeting, None):
        pack_services.build_version(version.pk)


def plant():
    council = CouncilFactory()
    committee = CommitteeFactory(council=council, slug="planted-committee")
    north_somerset = CouncilFactory(name="North Somerset Council", slug="north-somerset")
    other_committee = CommitteeFactory(council=north_somerset)
    people = {
        "member": MembershipFactory(committee=committee, person=PersonFactory()),
        "former": MembershipFactory(
            committee=committee,
            person=PersonFactory(),
            start_date=datetime.date(2019, 5, 1),
            end_date=datetime.date(2022, 5, 1),
        ),
        "other": MembershipFactory(committee=other_committee, person=PersonFactory()),
    }
    for name, membership in people.items():
        membership.person.user = councillor_user(username=name)
        membership.person.save()
    officer_user(username="officer", council=council)
    # An officer of a council with no committees here: whatever they change is a leak.
    officer_user(username="elsewhere", council=CouncilFactory(name="Bath Council", slug="bath"))
    for user in User.objects.all():
        user.set_password("pw")
        user.save()

    meeting = MeetingFactory(committee=committee, date=datetime.date(2023, 5, 4))
    public_item = AgendaItemFactory(meeting=meeting, position=1, title="Budget monitor")
    add_paper(meeting, public_item, "Budget report", text=PUBLIC_TEXT)
    exempt_item = AgendaItemFactory(
        meeting=meeting, position=2, title="Contract award", is_exempt=True, exempt_paragraph=3
    )
    add_paper(meeting, exempt_item, f"{MARKER} tender scores", text=MARKER)
    sub_part = AgendaItemFactory(meeting=meeting, parent=exempt_item, position=1, title="Bids")
    add_paper(meeting, sub_part, f"{MARKER} bid list", text=MARKER)
    third = AgendaItemFactory(meeting=meeting, position=3, title="Staffing")
    add_paper(meeting, third, f"{MARKER} salaries", text=MARKER, is_exempt=True)
    add_paper(meeting, None, f"{MARKER} annex", text=MARKER, is_exempt=True)
    fourth = AgendaItemFactory(meeting=meeting, position=4, title="Property")
    later = add_paper(meeting, fourth, "Site valuation", text=f"{MARKER} valuation")

    minutes = Minutes.objects.create(meeting=meeting, end_time=datetime.time(12))
    Minute.objects.create(minutes=minutes, number=1, agenda_item=public_item, body=PUBLIC_TEXT)
    exempt_minute = Minute.objects.create(
        minutes=minutes, number=2, agenda_item=exempt_item, heading="Contract award",
        body=f"<p>{MARKER} discussion</p>",
    )  # fmt: skip
    Comment.objects.create(minute=exempt_minute, text=MARKER, response=MARKER)
    decision = Decision.objects.create(minute=exempt_minute, wording=f"{MARKER} agreed")
    Minute.objects.create(
        minutes=minutes, number=3, agenda_item=sub_part, heading="Bids", body=f"<p>{MARKER}</p>"
    )
    minutes.publish()
    make_entry(
        tracker=Tracker.for_committee(committee),
        meeting=meeting,
        decision=decision,
        agenda_item=exempt_item,
        item_title=f"{MARKER} entry",
        agreed_outcome=f"<p>{MARKER} outcome</p>",
    )
    build(meeting)
    # Made exempt after publication: the packs that printed it must stop serving it.
    meeting_services.update_paper(
        later, {"title": later.title, "kind": later.kind, "is_exempt": True}, user=None,
        loaded_revision=None,
    )  # fmt: skip
    withdrawal.withdraw_exposed_packs()
    for version in meeting.pack_versions.filter(status=PackVersion.Status.QUEUED):
        pack_services.build_version(version.pk)
    # Added after publication, and not yet published in a pack or supplement.
    add_paper(meeting, public_item, f"{MARKER} late paper", text=MARKER)

    next_meeting = MeetingFactory(committee=committee, date=datetime.date(2023, 7, 12))
    previous = AgendaItemFactory(meeting=next_meeting, position=1, title="Minutes")
    Document.objects.create(
        meeting=next_meeting, agenda_item=previous, title="Minutes", kind=Document.Kind.MINUTES
    )
    Document.objects.create(
        meeting=next_meeting,
        agenda_item=previous,
        title="Tracker",
        kind=Document.Kind.OUTCOME_TRACKER,
        position=2,
    )
    build(next_meeting)

    # A draft meeting: announced (its date is public) but nothing of its agenda is, even a
    # paper marked published as though a pack had printed it (tests/meetings/test_calendar.py).
    draft = MeetingFactory(
        committee=committee,
        date=datetime.date.today() + datetime.timedelta(days=14),
        status=Meeting.Status.DRAFT,
    )
    draft_item = AgendaItemFactory(
        meeting=draft, position=1, title=f"{MARKER} draft item",
        description=f"<p>{MARKER} draft description</p>", is_to_follow=True,
    )  # fmt: skip
    AgendaItemFactory(meeting=draft, parent=draft_item, position=1, title=f"{MARKER} draft part")
    add_paper(
        draft, draft_item, f"{MARKER} draft paper", text=MARKER, published_at=draft.updated_at
    )
    add_paper(draft, None, f"{MARKER} draft annex", text=MARKER)
    return committee


@pytest.fixture(scope="module")
def planted(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    media = tmp_path_factory.mktemp("leak-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHER),
        # Packs are built here, in the test; nothing goes to a broker.
        mock.patch("packs.tasks.build_pack_version.delay"),
    ):
        plant()
    yield media
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0, stdout=StringIO())


def patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            # The admin is for staff; the API is walked, planted and throttled in its own
            # tests (tests/api/), where every caller is the public.
            if str(entry.pattern).startswith(("admin/", "api/")):
                continue
            yield from patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def every_url() -> list[str]:
    """Each pattern filled with every id, slug and kind there is."""
    from django.apps import apps

    ids = set()
    for model in apps.get_models():
        if model._meta.app_label in ("committees", "meetings", "minutes", "tracker", "packs"):
            ids.update(model.objects.values_list("pk", flat=True))
    values = {
        "int": sorted(ids | {2022, 2023}),
        "slug": sorted({*Committee.objects.values_list("slug", flat=True), "x"}),
        "str": ["paper.pdf"],
        "kind": KINDS,
    }
    urls = []
    for pattern in patterns():
        parameters = [
            "kind" if name == "kind" else converter or "str"
            for converter, name in PARAMETER.findall(pattern)
        ]
        for combination in itertools.product(*(values[p] for p in parameters)):
            parts = iter(combination)
            urls.append("/" + PARAMETER.sub(lambda _m, parts=parts: str(next(parts)), pattern))
    return urls


def readable_text(response) -> str:
    """What a person could read in the answer, whatever its format, headers included."""
    return " ".join([str(response.headers), body_text(response)])


def body_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(content))
        text = " ".join(page.extract_text() for page in reader.pages)
        titles = []
        stack = list(reader.outline)
        while stack:
            entry = stack.pop()
            stack.extend(entry) if isinstance(entry, list) else titles.append(entry.title)
        return " ".join([text, *titles, str(reader.metadata), content.decode("latin-1")])
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(content))
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return content.decode("utf-8", errors="replace")


WRITES = ("INSERT", "UPDATE", "DELETE")


H1 = re.compile(r"<h1\b")


def one_h1_and_main(response) -> bool:
    """A whole HTML page has one h1 and one main landmark (fragments for htmx are not pages)."""
    if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
        return True
    html = response.content.decode("utf-8", errors="replace")
    if "<html" not in html:
        return True
    return len(H1.findall(html)) == 1 and html.count("<main") == 1


def walk(username, media, settings) -> tuple[list[str], int]:
    """Every URL by GET and HEAD: the URLs whose answer holds the marker, and how many answered.
    No GET may write to the database, whoever asks, and every page has one h1 and one main."""
    settings.MEDIA_ROOT = media
    settings.PASSWORD_HASHERS = FAST_HASHER
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    leaks, answered, writes, misshapen = [], 0, [], []
    for url in every_url():
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            # HEAD can only say more than GET where GET answered.
            head = client.head(url) if response.status_code == 200 else response
        writes += [f"{url}: {q['sql'][:60]}" for q in queries if q["sql"].startswith(WRITES)]
        if response.status_code == 200:
            answered += 1
        if not one_h1_and_main(response):
            misshapen.append(f"{response.status_code} {url}")
        if MARKER in readable_text(response) or MARKER in str(head.headers):
            leaks.append(f"{response.status_code} {url}")
    assert writes == []
    assert misshapen == [], "pages without exactly one h1 and one main landmark"
    return leaks, answered


@pytest.mark.django_db
@pytest.mark.parametrize("username", [None, "former", "other", "elsewhere"])
def test_nobody_who_may_not_see_exempt_material_finds_any_of_it(planted, settings, username):
    leaks, answered = walk(username, planted, settings)
    assert answered > 20
    assert leaks == []


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["member", "officer"])
def test_the_committees_member_and_officers_do_find_it(planted, settings, username):
    leaks, _ = walk(username, planted, settings)
    assert any(url.startswith("200 /meetings/papers/") for url in leaks)
    assert any(url.startswith("200 /minutes/meeting/") for url in leaks)


@pytest.mark.django_db
def test_the_public_reads_what_is_public(planted, settings, client):
    settings.MEDIA_ROOT = planted
    meeting = Meeting.objects.get(date="2023-05-04")
    assert PUBLIC_TEXT in client.get(f"/minutes/meeting/{meeting.pk}/").content.decode()
    corrected = pack_services.current_pack(meeting)
    assert corrected.number == 2
    assert PUBLIC_TEXT in readable_text(client.get(corrected.get_absolute_url()))
    withdrawn = meeting.pack_versions.get(kind="public", number=1)
    assert client.get(withdrawn.get_absolute_url()).status_code == 410
    papers = Document.objects.filter(title="Budget report").get()
    assert PUBLIC_TEXT in readable_text(client.get(papers.get_absolute_url()))
    assert AgendaItem.objects.filter(is_exempt=True).count() == 1
    assert Membership.objects.count() == 3


def post_everywhere(username, media, settings, under="/") -> list[str]:
    """POST (with nothing filled in) to every URL under `under` as this officer: the URLs
    that wrote."""
    settings.MEDIA_ROOT = media
    client = Client()
    client.force_login(User.objects.get(username=username))
    writes = []
    for url in every_url():
        if url.startswith(("/sign-", "/account/")) or not url.startswith(under):
            continue
        with CaptureQueriesContext(connection) as queries:
            client.post(url)
        if any(query["sql"].startswith(WRITES) for query in queries):
            writes.append(url)
    return writes


@pytest.mark.django_db
def test_an_officer_of_another_council_changes_nothing(planted, settings):
    writes = post_everywhere("elsewhere", planted, settings)
    assert writes == [], "\n".join(writes)


@pytest.mark.django_db
def test_the_councils_own_officer_can_change_things(planted, settings):
    """The check above is known to work: the same POSTs by the council's officer write (the
    tracker's rules run at least). The tracker's committee URLs are enough to show it; the
    test's transaction undoes what they change."""
    writes = post_everywhere("officer", planted, settings, under="/tracker/committee/")
    assert "/tracker/committee/planted-committee/apply-rules/" in writes, writes


def test_the_page_shape_check_finds_a_page_with_two_h1s_or_no_main():
    from django.http import HttpResponse

    good = HttpResponse("<html><body><main><h1>Meeting</h1></main></body></html>")
    assert one_h1_and_main(good)
    assert not one_h1_and_main(HttpResponse("<html><main><h1>A</h1><h1>B</h1></main></html>"))
    assert not one_h1_and_main(HttpResponse("<html><body><h1>No main</h1></body></html>"))
    assert one_h1_and_main(HttpResponse("<li>an htmx fragment</li>"))
