"""
Site search (/search/): one box on every page, results with highlighted snippets, filters
and pages, the text of uploaded PDFs, and the one visibility rule.

Exempt and unpublished material is planted with its own word in each place it can hide (an
exempt item's paper, an exempt minute, an unpublished meeting's item, an exempt tracker
entry); the people who may not see it (committees/access.py) never find it, and the
committee's member and its council's officer do.
"""

import datetime
import re
from unittest import mock

import pytest
from django.db import transaction
from django.urls import reverse

from meetings import services as meeting_services
from meetings.models import Document, Meeting
from meetings.tasks import extract_paper_text, read_pdf_text
from meetings.uploads import CheckedPdf
from minutes.models import Minute, Minutes
from search import services
from search.models import SearchEntry
from search.signals import queue
from tests.factories import (
    ENTITLED_PERSONAS,
    PUBLIC_PERSONAS,
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    PlanActionFactory,
    WorkProgrammeItemFactory,
    add_paper,
    add_update,
    make_entry,
    make_pdf,
    officer_user,
    persona,
)
from tracker.models import Tracker

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
DAY = datetime.date(2023, 5, 4)
# One word per hiding place, each found only by those who may see it.
SECRETS = {
    "exempt paper": "quillwortpaper",
    "exempt minute": "quillwortminute",
    "exempt decision": "quillwortdecision",
    "unpublished item": "quillwortdraft",
    "exempt tracker entry": "quillworttracker",
    "late paper": "quillwortlate",
}
PUBLIC_WORD = "heliotrope"


def results(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response, response.content.decode()


def result_titles(page: str) -> list[str]:
    block = page.split('id="result-list"', 1)[1] if 'id="result-list"' in page else ""
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r"<h3[^>]*>(.*?)</h3>", block)]


def reindex():
    services.reindex_everything()


@pytest.fixture
def committee():
    return CommitteeFactory(council=CouncilFactory(), name="Children and Families Scrutiny")


@pytest.fixture
def world(committee):
    meeting = MeetingFactory(committee=committee, date=DAY)
    public = AgendaItemFactory(meeting=meeting, position=1, title="Budget monitoring")
    add_paper(
        meeting,
        public,
        "Budget monitoring report",
        text=f"The {PUBLIC_WORD} budget is on track",
        published_at=datetime.datetime(2023, 4, 25, tzinfo=datetime.UTC),
    )
    exempt = AgendaItemFactory(
        meeting=meeting, position=2, title="Contract award", is_exempt=True, exempt_paragraph=3
    )
    add_paper(
        meeting,
        exempt,
        "Tender scores",
        text=f"The {SECRETS['exempt paper']} bid scored highest",
        published_at=datetime.datetime(2023, 4, 25, tzinfo=datetime.UTC),
    )
    add_paper(meeting, public, "Late paper", text=f"A {SECRETS['late paper']} late paper")
    minutes = Minutes.objects.create(meeting=meeting, end_time=datetime.time(12))
    Minute.objects.create(
        minutes=minutes, number=1, agenda_item=public, heading="Budget", body="<p>Noted.</p>"
    )
    exempt_minute = Minute.objects.create(
        minutes=minutes,
        number=2,
        agenda_item=exempt,
        heading="Contract award",
        body=f"<p>The {SECRETS['exempt minute']} discussion</p>",
    )
    decision = exempt_minute.decisions.create(
        wording=f"It was AGREED that the {SECRETS['exempt decision']} bid be accepted."
    )
    minutes.publish()
    make_entry(
        tracker=Tracker.for_committee(committee),
        meeting=meeting,
        decision=decision,
        agenda_item=exempt,
        item_title="Contract award",
        agreed_outcome=f"<p>{SECRETS['exempt tracker entry']} outcome</p>",
    )
    draft = MeetingFactory(
        committee=committee, date=datetime.date(2023, 7, 12), status=Meeting.Status.DRAFT
    )
    AgendaItemFactory(
        meeting=draft, position=1, title=f"The {SECRETS['unpublished item']} proposal"
    )
    reindex()
    return meeting


# Who finds what


@pytest.mark.parametrize("kind", PUBLIC_PERSONAS)
@pytest.mark.parametrize("where", list(SECRETS))
def test_nobody_who_may_not_see_it_finds_exempt_or_unpublished_material(
    client, world, committee, kind, where
):
    user = persona(kind, committee)
    if user:
        client.force_login(user)
    _, page = results(client, q=SECRETS[where])
    found = page.split('id="search-results"', 1)[1]
    assert "No results" in found
    assert SECRETS[where] not in found
    response, page = results(client, q=PUBLIC_WORD)
    assert result_titles(page) == ["Budget monitoring report"]
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("kind", ENTITLED_PERSONAS)
@pytest.mark.parametrize("where", [w for w in SECRETS if w != "unpublished item"])
def test_the_committees_member_and_officer_find_its_exempt_material(
    client, world, committee, kind, where
):
    client.force_login(persona(kind, committee))
    response, page = results(client, q=SECRETS[where])
    assert f"<mark>{SECRETS[where]}</mark>" in page
    assert len(result_titles(page)) >= 1
    assert response["Cache-Control"] == "private, no-store"


def test_only_the_councils_officer_finds_an_unpublished_meetings_agenda(client, world, committee):
    word = SECRETS["unpublished item"]
    client.force_login(persona("member", committee))
    assert "No results" in results(client, q=word)[1]
    client.force_login(persona("officer", committee))
    assert result_titles(results(client, q=word)[1]) == [f"Item 1: The {word} proposal"]


def test_an_item_made_exempt_leaves_the_public_results_when_its_meeting_is_reindexed(client, world):
    item = world.items.get(title="Budget monitoring")
    assert result_titles(results(client, q=PUBLIC_WORD)[1]) == ["Budget monitoring report"]
    item.is_exempt, item.exempt_paragraph = True, 3
    item.save()
    # Before the worker has rebuilt the meeting's entries, the public finds none of them.
    assert "No results" in results(client, q=PUBLIC_WORD)[1]
    services.reindex_meeting(world.pk)
    assert "No results" in results(client, q=PUBLIC_WORD)[1]


def test_a_changed_meetings_entries_are_found_again_once_rebuilt(client, world):
    item = world.items.get(title="Budget monitoring")
    item.title = "Budget monitoring (revised)"
    item.save()
    assert "No results" in results(client, q=PUBLIC_WORD)[1]
    services.reindex_meeting(world.pk)
    assert result_titles(results(client, q=PUBLIC_WORD)[1]) == ["Budget monitoring report"]


def test_a_renamed_committees_meetings_are_found_by_the_new_name_once_rebuilt(client, world):
    assert "Children and Families Scrutiny, Thursday 4 May 2023" in result_titles(
        results(client, q="Families Scrutiny")[1]
    )
    committee = world.committee
    with mock.patch("search.signals.queue") as queued:
        committee.name = "People Scrutiny Committee"
        committee.save()
    assert queued.call_args_list == [mock.call("committee", committee.pk)]

    services.reindex_source("committee", committee.pk)

    titles = result_titles(results(client, q="People Scrutiny Committee")[1])
    assert "People Scrutiny Committee, Thursday 4 May 2023" in titles
    assert not SearchEntry.objects.filter(title__startswith="Children and Families Scrutiny")


# The text inside uploaded papers


def pages_pdf(*texts: str) -> bytes:
    from weasyprint import HTML

    body = "".join(f'<p style="page-break-after: always">{text}</p>' for text in texts)
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def test_a_word_inside_an_uploaded_pdf_is_found_with_its_page(client, committee):
    meeting = MeetingFactory(committee=committee, date=DAY)
    item = AgendaItemFactory(meeting=meeting, position=1, title="Annual report")
    document = add_paper(
        meeting,
        item,
        "Annual report of the virtual school",
        pages=3,
        data=pages_pdf("Introduction", "Attendance figures", "The axolotl programme grew"),
        published_at=datetime.datetime(2023, 4, 25, tzinfo=datetime.UTC),
    )
    extract_paper_text(document.pk)
    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.EXTRACTED
    assert document.text.count("\f") == 2
    services.reindex_meeting(meeting.pk)
    _, page = results(client, q="axolotl")
    assert result_titles(page) == ["Annual report of the virtual school"]
    assert "The <mark>axolotl</mark> programme grew" in page
    assert "Found on page 3 of the paper" in page
    assert document.get_absolute_url() in page


def test_a_scanned_pdf_is_flagged_to_the_officer_in_the_agenda_editor(client, committee):
    from weasyprint import HTML

    scanned = HTML(
        string='<html><body><div style="width:80mm;height:80mm;background:#333"></div></body>'
    ).write_pdf()
    meeting = MeetingFactory(committee=committee, date=DAY, status=Meeting.Status.DRAFT)
    item = AgendaItemFactory(meeting=meeting, position=1, title="Scanned letter")
    document = add_paper(meeting, item, "Letter from the Minister", data=scanned)
    extract_paper_text(document.pk)
    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.NO_TEXT
    client.force_login(officer_user(council=committee.council))
    page = client.get(reverse("manage:agenda", args=[meeting.pk])).content.decode()
    assert "No text found: this looks like a scanned PDF" in page


def test_text_is_read_once_and_a_broken_file_is_marked_failed(committee):
    meeting = MeetingFactory(committee=committee, date=DAY)
    document = add_paper(meeting, None, "Broken", data=b"%PDF-1.4 not really a pdf")
    extract_paper_text(document.pk)
    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.FAILED
    document.text_status = Document.TextStatus.EXTRACTED
    document.save()
    extract_paper_text(document.pk)  # already read: left alone
    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.EXTRACTED


def test_pdf_text_keeps_its_pages_apart_and_drops_characters_the_index_cannot_hold():
    import io

    text, status = read_pdf_text(io.BytesIO(pages_pdf("First page", "Second page")))
    assert status == "extracted"
    assert text.split("\f") == ["First page", "Second page"]


def test_uploading_and_replacing_a_paper_queue_its_text_after_commit(
    committee, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(committee=committee, date=DAY, status=Meeting.Status.DRAFT)
    item = AgendaItemFactory(meeting=meeting, position=1)
    checked = CheckedPdf(name="report.pdf", content=make_pdf("Report"), page_count=1)
    with (
        mock.patch("meetings.tasks.extract_paper_text.delay") as delay,
        mock.patch("search.tasks.reindex_source.delay"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            document = meeting_services.add_pdf(
                meeting, checked, {"title": "Report", "kind": "report"}, user=None, item=item
            )
        assert delay.call_args_list == [mock.call(document.pk)]
        with django_capture_on_commit_callbacks(execute=True):
            new = meeting_services.replace_pdf(document, checked, user=None)
        assert delay.call_args_list[-1] == mock.call(new.pk)


# Keeping the index in step


def test_changes_hand_each_owner_to_the_worker_once_after_commit(
    committee, django_capture_on_commit_callbacks
):
    with mock.patch("search.tasks.reindex_source.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            meeting = MeetingFactory(committee=committee, date=DAY)
            for position in range(1, 6):
                AgendaItemFactory(meeting=meeting, position=position)
            minutes = Minutes.objects.create(meeting=meeting)
            Minute.objects.create(minutes=minutes, number=1, heading="Apologies")
        assert sorted(call.args for call in delay.call_args_list) == [
            ("meeting", meeting.pk),
            ("minutes", minutes.pk),
        ]


def test_a_rolled_back_change_hands_nothing_over(committee, django_capture_on_commit_callbacks):
    with mock.patch("search.tasks.reindex_source.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            meeting = MeetingFactory(committee=committee, date=DAY)
            try:
                with transaction.atomic():
                    AgendaItemFactory(meeting=meeting, position=1)
                    raise RuntimeError("rolled back")
            except RuntimeError:
                pass
            queue("plan", 7)
        assert sorted(call.args for call in delay.call_args_list) == [
            ("meeting", meeting.pk),
            ("plan", 7),
        ]


def test_the_tasks_rebuild_what_changed(committee):
    from search import tasks

    meeting = MeetingFactory(committee=committee, date=DAY)
    item = AgendaItemFactory(meeting=meeting, position=1, title="Early help strategy")
    tasks.reindex_source("meeting", meeting.pk)
    assert SearchEntry.objects.filter(kind="item", object_id=item.pk).exists()
    item.delete()
    tasks.reindex_meeting(meeting.pk)
    assert not SearchEntry.objects.filter(kind="item").exists()
    programme_item = WorkProgrammeItemFactory(programme__committee=committee, meeting=meeting)
    tasks.reindex_committee(committee.pk)
    assert SearchEntry.objects.filter(kind="work-programme", object_id=programme_item.pk).exists()


def test_reindex_search_command_rebuilds_everything_and_drops_what_is_gone(committee):
    from django.core.management import call_command

    meeting = MeetingFactory(committee=committee, date=DAY)
    AgendaItemFactory(meeting=meeting, position=1, title="Youth justice")
    SearchEntry.objects.create(
        group="meeting:999999", kind="item", object_id=1, title="Gone", url="/", **FLAGS
    )
    call_command("reindex_search", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not SearchEntry.objects.filter(title="Gone").exists()
    assert SearchEntry.objects.filter(kind="item", title="Item 1: Youth justice").exists()


FLAGS = {"is_published": True, "is_restricted": False}


# What the results show


def test_every_kind_is_found_with_its_committee_date_and_link(client, committee):
    meeting = MeetingFactory(committee=committee, date=DAY, venue="The Kestrel Room")
    item = AgendaItemFactory(
        meeting=meeting, position=1, title="Kestrel item", description="<p>Kestrel plans</p>"
    )
    minutes = Minutes.objects.create(meeting=meeting)
    minute = Minute.objects.create(
        minutes=minutes, number=4, agenda_item=item, heading="Kestrel minute", body="Kestrel"
    )
    minute.decisions.create(wording="It was AGREED that the kestrel report be noted.")
    minutes.publish()
    make_entry(meeting=meeting, item_title="Kestrel tracker", agreed_outcome="Kestrel outcome")
    WorkProgrammeItemFactory(programme__committee=committee, meeting=meeting, title="Kestrel wp")
    action = PlanActionFactory(plan__committee=committee, text="We will count kestrels")
    add_update(action, "May 2023", "Amber", "Kestrels counted")
    reindex()
    _, page = results(client, q="kestrel", order="newest")
    for label in ["Meeting", "Agenda item", "Minutes", "Decision", "Tracker entry",
                  "Work programme item", "Action plan"]:  # fmt: skip
        assert f">{label}</strong>" in page, label
    assert "4 May 2023" in page
    assert committee.name in page
    assert f'href="/minutes/meeting/{meeting.pk}/#minute-{minute.pk}"' in page
    assert f'href="/meetings/{meeting.pk}/#item-{item.pk}"' in page


def test_matches_are_highlighted_and_everything_else_is_escaped(client, committee):
    meeting = MeetingFactory(committee=committee, date=DAY)
    AgendaItemFactory(
        meeting=meeting,
        position=1,
        title="Pelican <script>alert(1)</script> crossings",
        description="<p>Fish &amp; chips near the pelican crossing &lt;b&gt;</p>",
    )
    reindex()
    _, page = results(client, q="pelican")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark>Pelican</mark>" in page
    assert "Fish &amp; chips near the <mark>pelican</mark> crossing" in page
    assert "crossing <b>" not in page  # shown as text where shown (PostgreSQL leaves it out)


def test_filters_by_committee_date_and_kind(client, committee):
    other = CommitteeFactory(council=committee.council, name="Adults Scrutiny", slug="adults")
    for day, owner in [(DAY, committee), (datetime.date(2024, 1, 10), committee), (DAY, other)]:
        meeting = MeetingFactory(committee=owner, date=day)
        AgendaItemFactory(meeting=meeting, position=1, title=f"Ospreys {owner.slug} {day}")
    reindex()
    _, page = results(client, q="ospreys", kind="item")
    assert len(result_titles(page)) == 3
    _, page = results(client, q="ospreys", kind="item", committee="adults")
    assert result_titles(page) == ["Item 1: Ospreys adults 2023-05-04"]
    _, page = results(
        client, q="ospreys", **{"from-day": "1", "from-month": "1", "from-year": "2024"}
    )
    assert result_titles(page) == [f"Item 1: Ospreys {committee.slug} 2024-01-10"]
    _, page = results(client, q="ospreys", to="2023-12-31", committee=committee.slug)
    assert result_titles(page) == [f"Item 1: Ospreys {committee.slug} 2023-05-04"]
    assert 'value="31"' in page  # the ISO date is shown back in the date inputs
    _, page = results(client, q="ospreys", kind="meeting")
    assert "No results" in page
    _, page = results(client, q="ospreys", kind=["meeting", "item"])
    assert len(result_titles(page)) == 3


def test_results_come_a_page_at_a_time(client, committee):
    meeting = MeetingFactory(committee=committee, date=DAY)
    for position in range(1, 46):
        AgendaItemFactory(meeting=meeting, position=position, title=f"Puffin report {position}")
    reindex()
    _, page = results(client, q="puffin")
    assert "45 results" in page and "Showing 1 to 20" in page
    assert len(result_titles(page)) == 20
    assert 'rel="next"' in page and "page=2" in page
    _, page = results(client, q="puffin", page="3")
    assert len(result_titles(page)) == 5 and "Showing 41 to 45" in page
    _, page = results(client, q="puffin", page="99")  # past the end: the last page
    assert len(result_titles(page)) == 5


def test_phrases_and_left_out_words(client, committee):
    meeting = MeetingFactory(committee=committee, date=DAY)
    AgendaItemFactory(meeting=meeting, position=1, title="Home to school transport")
    AgendaItemFactory(meeting=meeting, position=2, title="School meals at home")
    reindex()
    _, page = results(client, q='"school transport"')
    assert result_titles(page) == ["Item 1: Home to school transport"]
    _, page = results(client, q="school -transport")
    assert result_titles(page) == ["Item 2: School meals at home"]


def test_a_phrase_of_very_common_words_is_looked_for_among_the_newest_entries(
    client, committee, monkeypatch
):
    from search import backend

    if not backend.full_text():
        pytest.skip("phrases are PostgreSQL full-text search")
    monkeypatch.setattr(backend, "PHRASE_CHECKED_AT_MOST", 4)
    titles = [
        "School transport review",  # the oldest: not among the newest four holding both words
        "Transport to school",
        "School transport costs",
        "The transport of the school",
        "School transport budget",
        "School transport appeals",  # the newest
    ]
    SearchEntry.objects.bulk_create(
        SearchEntry(
            group="meeting:1", kind="item", object_id=n, title=title, url="/",
            date=DAY + datetime.timedelta(days=n), **FLAGS,
        )
        for n, title in enumerate(titles)
    )  # fmt: skip
    backend.refresh_vectors(SearchEntry.objects.all())

    _, page = results(client, q='"school transport"')
    assert "At least 3 results" in page
    assert sorted(result_titles(page)) == [
        "School transport appeals", "School transport budget", "School transport costs",
    ]  # fmt: skip
    # Leaving a phrase out cannot be looked for that way: every entry is checked.
    _, page = results(client, q='school -"school transport"')
    assert sorted(result_titles(page)) == ["The transport of the school", "Transport to school"]
    assert "2 results" in page


def test_very_many_matches_are_counted_up_to_a_thousand(client, committee):
    from search import backend

    SearchEntry.objects.bulk_create(
        SearchEntry(
            group="meeting:1", kind="item", object_id=n, title=f"Gannet {n}", url="/", **FLAGS
        )
        for n in range(backend.COUNT_LIMIT + 5)
    )
    backend.refresh_vectors(SearchEntry.objects.all())
    _, page = results(client, q="gannet", page="50")
    assert "More than 1,000 results" in page
    assert len(result_titles(page)) == 20


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_results(
    client, committee, django_assert_num_queries, count
):
    for n in range(count):
        meeting = MeetingFactory(committee=committee, date=DAY + datetime.timedelta(days=n))
        item = AgendaItemFactory(meeting=meeting, position=1, title=f"Curlew report {n}")
        add_paper(meeting, item, f"Curlew paper {n}", text="curlew nesting sites")
    reindex()
    user = persona("member", committee)
    client.force_login(user)
    client.get(SEARCH, {"q": "curlew"})
    # Session, user, the committees, whose member they are, their councils (officer roles),
    # "is a councillor?" (menus), the count and the page; on PostgreSQL also the savepoint
    # around SET LOCAL enable_seqscan and its release, the page's ids and the query's words.
    from search import backend

    expected = 13 if backend.full_text() else 8
    with django_assert_num_queries(expected):
        response = client.get(SEARCH, {"q": "curlew"})
    assert response.status_code == 200
    assert len(result_titles(response.content.decode())) == min(20, count * 2)


# Bad input: a clear message, never a 500


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 1000}, "Search for 200 characters or fewer"),
        ({"q": "budget", "from": "31-31-2023"}, "date must be a real date"),
        ({"q": "budget", "from": "yesterday"}, "Enter the ‘from’ date as a day, month and year"),
        ({"q": "budget", "to-day": "32", "to-month": "1", "to-year": "2023"}, "real date"),
        ({"q": "budget", "to-day": "3", "to-year": "2023"}, "must include a month"),
        ({"q": "budget", "from": "2024-01-01", "to": "2023-01-01"}, "same as or after"),
        ({"q": "budget", "kind": "spaceship"}, "is not a kind of thing the search finds"),
        ({"q": "budget", "committee": "no-such"}, "There is no committee “no-such”"),
        ({"q": "budget", "page": "abc"}, "The page number must be a whole number"),
        ({"q": "budget", "order": "random"}, "Sort by best match or newest first"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, committee, params, message):
    response = client.get(SEARCH, params)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert message in page


@pytest.mark.parametrize("q", ["", "   ", "!!!", '"'])
def test_an_empty_search_asks_for_words(client, committee, q):
    _, page = results(client, q=q)
    assert "Enter a word or phrase to search for" in page


@pytest.mark.parametrize(
    "q", ['"unclosed phrase', "-", "a & b | c", "or or or", "(x", "\\", "%_%", "'; drop"]
)
def test_odd_queries_never_fail(client, world, q):
    results(client, q=q)


def test_the_search_page_says_when_the_index_is_still_being_built(client, committee):
    AgendaItemFactory(meeting=MeetingFactory(committee=committee), title="Not indexed yet")
    _, page = results(client, q="indexed")
    assert "The search index is being built" in page


def test_the_search_page_without_a_query_shows_the_form(client):
    _, page = results(client)
    assert 'name="q"' in page and "There is a problem" not in page


# The search box on every page


@pytest.mark.parametrize("url", ["/", "/committees/"])
def test_every_public_page_has_the_search_box(client, url):
    page = client.get(url).content.decode()
    assert re.search(r'<form[^>]*action="/search/"[^>]*role="search"', page)
    assert '<label class="govuk-label govuk-visually-hidden" for="site-search">' in page
    assert 'id="site-search" name="q"' in page


# Papers in a published pack: the pack's page


def test_a_paper_in_a_published_pack_gives_its_page_in_the_pack(client, committee):
    from packs import services as pack_services

    meeting = MeetingFactory(committee=committee, date=DAY, status=Meeting.Status.DRAFT)
    item = AgendaItemFactory(meeting=meeting, position=1, title="Annual report")
    add_paper(
        meeting,
        item,
        "Virtual school annual report",
        pages=2,
        data=pages_pdf("Introduction", "The narwhal reading scheme"),
    )
    with mock.patch("packs.tasks.build_pack_version.delay"):
        versions = pack_services.publish(meeting, None)
    for version in versions:
        pack_services.build_version(version.pk)
    services.reindex_everything()
    entry = SearchEntry.objects.get(kind="paper")
    assert entry.pack_first_page and entry.pack_url
    _, page = results(client, q="narwhal")
    assert "Found on page 2 of the paper" in page
    assert f"page {entry.pack_first_page + 1} of the agenda pack" in page
