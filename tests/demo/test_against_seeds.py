"""
The portal against the real packs in ../shared/seeds: skipped, with the reason, where
they are not beside the checkout. The demo keeps the packs' facts (titles, names,
dates, statuses); these tests check the facts, and that the minutes renderer prints
every line of real minutes when it is given them.
"""

import re
from html import unescape
from io import StringIO

import pytest

from demo import loader
from demo import minutes as demo_minutes
from demo.records import read
from meetings.models import Document, Meeting
from meetings.paper_sources import render_html
from minutes.models import Minutes
from minutes.papers import render_minutes_html
from tests.seed_documents import (
    SOMERSET_PACK,
    heading_title,
    minutes_data,
    needs_seeds,
    parse_tracker,
    seed_line,
    seed_lines,
)
from tracker.models import TrackerEntry

pytestmark = [pytest.mark.django_db, pytest.mark.seeds, needs_seeds]

# The printed headings of the 4 May 2023 agenda, by line of the Somerset pack.
AGENDA_HEADINGS = [43, 47, 53, 57, 65, 75, 83, 93, 101, 109, 117, 121]
SEED_SENTENCES = [
    "SCRUTINY FOR POLICIES, CHILDREN AND FAMILIES COMMITTEE",
    "Minutes of a Meeting of the Scrutiny for Policies, Children and Families Committee held "
    "in the Luttrell Room - County Hall, Taunton, on Monday 6 March 2023 at 1.00 pm",
    "Cllr L Trimnell (substitute for Cllr S Hart)",
    "Cllr E Potts-Jones (attended virtually) and Cllr S Carswell (attended virtually)",
    "<strong>Apologies for absence:</strong> Cllr J Snell",
    "<strong>Declarations of Interest</strong> - Agenda Item 2",
    "(The meeting ended at 4.05 pm)",
    "CHAIR",
]


@pytest.fixture
def demo_meetings():
    loader.load(StringIO(), until="meetings")


def test_the_4_may_agenda_titles_are_the_printed_headings(demo_meetings):
    meeting = Meeting.objects.get(committee__slug="scrutiny-children-families", date="2023-05-04")
    titles = list(meeting.items.filter(parent=None).values_list("title", flat=True))
    assert titles == [heading_title(seed_line(SOMERSET_PACK, line)) for line in AGENDA_HEADINGS]


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _printed_text(line: str) -> str:
    """A seed line as it reads on paper: markdown marks and link targets dropped."""
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"</?sup>", "", line)
    line = re.sub(r"^#+ ", "", line.strip()).replace("*", "")
    return " ".join(re.sub(r"^- ", "", line).split())


def test_every_line_of_real_minutes_reads_the_same_in_the_rendered_minutes(demo_meetings):
    demo_minutes.load(StringIO(), minutes_data(read("minutes")))
    minutes = Minutes.objects.get()
    html = render_minutes_html(minutes)
    rendered = text_of(html)

    seed = seed_lines(SOMERSET_PACK, 294, 458)  # the minutes of 6 March 2023
    missing = [text for text in map(_printed_text, seed) if text and text not in rendered]
    assert missing == []
    for sentence in SEED_SENTENCES:
        assert sentence in html
    assert "The Revd. T Osmond (attended virtually) Ruth Hobbs and E Tipper - co-opted members" in (
        rendered
    )
    assert "7 LA Maintained Schools – Core Offer – update – Agenda Item 8" in rendered
    assert "*" not in rendered


def test_the_demo_minutes_keep_the_printed_decisions_word_for_word(demo_meetings):
    demo_minutes.load(StringIO(), read("minutes"))
    printed = {
        minute["number"]: minute["decisions"] for minute in minutes_data(read("minutes"))["minutes"]
    }
    demo = {
        minute["number"]: [
            demo_minutes.decision_fields(decision)["wording"]
            for decision in minute.get("decisions", [])
        ]
        for minute in read("minutes")["minutes"]
    }
    assert demo == printed


def test_the_demo_tracker_holds_every_printed_row(demo_meetings):
    loader.load(StringIO(), until="outcome tracker")
    printed = parse_tracker(seed_lines(SOMERSET_PACK))
    entries = TrackerEntry.objects.select_related("meeting", "status").order_by("position")

    assert [
        (entry.meeting.date, entry.item_title, entry.owners_text, text_of(entry.agreed_outcome))
        for entry in entries
    ] == [(row["meeting"], row["title"], row["owners"], text_of(row["outcome"])) for row in printed]
    assert [entry.status.label for entry in entries] == [
        row["status_lines"][0] if row["status_lines"][0] == "Completed" else "Pending"
        for row in printed
    ]
    may = Meeting.objects.get(committee__slug="scrutiny-children-families", date="2023-05-04")
    html = render_html(Document(meeting=may, kind=Document.Kind.OUTCOME_TRACKER, title="Tracker"))
    assert "Update to May &#x27;23 mtg" in html
