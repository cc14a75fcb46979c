# ruff: noqa: E501  (seed text kept as printed)
import io
import re
from html import unescape

import pytest

from meetings.models import Document, Meeting
from meetings.paper_sources import render_html
from meetings.seeds import SOMERSET_PACK, seed_lines
from minutes import demo
from minutes.models import Minutes
from minutes.papers import render_minutes_html
from tracker import demo as tracker_demo
from tracker.models import TrackerEntry

pytestmark = pytest.mark.django_db

SEED_SENTENCES = [
    "SCRUTINY FOR POLICIES, CHILDREN AND FAMILIES COMMITTEE",
    "Minutes of a Meeting of the Scrutiny for Policies, Children and Families Committee held in the "
    "Luttrell Room - County Hall, Taunton, on Monday 6 March 2023 at 1.00 pm",
    "Cllr L Trimnell (substitute for Cllr S Hart)",
    "Cllr E Potts-Jones (attended virtually) and Cllr S Carswell (attended virtually)",
    "<strong>Apologies for absence:</strong> Cllr J Snell",
    "<strong>Declarations of Interest</strong> - Agenda Item 2",
    "There were no new declarations of interest made at the meeting.",
    "It was AGREED that the Committee receive an update on the new Inspection Framework and the APP in 4 months.",
    "The Committee requested that a response comes back to the next meeting in May 2023.",
    "(The meeting ended at 4.05 pm)",
    "CHAIR",
]


def test_demo_minutes_hold_the_seed_sentences_and_go_in_the_may_pack():
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    minutes = Minutes.objects.get()
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.minute_entries.count() == 10
    may = Meeting.objects.get(committee__slug="scrutiny-children-families", date="2023-05-04")
    html = render_html(Document(meeting=may, kind=Document.Kind.MINUTES, title="Minutes"))
    for sentence in SEED_SENTENCES:
        assert sentence in html
    assert "– <em>Ms Merchant-Jones confirmed that there will not be a revisit" in html


def test_demo_tracker_holds_every_row_of_the_pack_and_links_the_minuted_decision():
    demo.load(io.StringIO())
    tracker_demo.load(io.StringIO())
    tracker_demo.load(io.StringIO())
    entries = TrackerEntry.objects.order_by("position")
    assert entries.count() == 8
    assert [str(e.meeting.date) for e in entries].count("2023-01-16") == 4
    rhi = entries.get(item_title="Return Home Interview Process")
    assert (rhi.owners_text, rhi.status.label) == ("Lise Bird", "Completed")
    send = entries.get(meeting__date="2023-03-06", owners_text="Claire Merchant-Jones")
    assert send.decision is not None
    assert "Inspection Framework and the APP in 4 months" in send.decision.wording
    may = Meeting.objects.get(committee__slug="scrutiny-children-families", date="2023-05-04")
    html = render_html(Document(meeting=may, kind=Document.Kind.OUTCOME_TRACKER, title="Tracker"))
    assert "Scrutiny Committee - Children &amp; Families Outcome Tracker 2022 - 23" in html
    assert "Update to May &#x27;23 mtg" in html
    for day in ("3 October 2022", "12 December 2022", "16 January 2023", "6 March 2023"):
        assert day in html


def _printed_text(line: str) -> str:
    """A seed line as it reads on paper: markdown marks and link targets dropped."""
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"</?sup>", "", line)
    line = re.sub(r"^#+ ", "", line.strip()).replace("*", "")
    return " ".join(re.sub(r"^- ", "", line).split())


def test_every_line_of_the_seed_minutes_reads_the_same_in_the_rendered_minutes():
    demo.load(io.StringIO())
    html = render_minutes_html(Minutes.objects.get())
    rendered = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    seed = seed_lines(SOMERSET_PACK, 294, 458)  # the minutes of 6 March 2023
    missing = [text for text in map(_printed_text, seed) if text and text not in rendered]
    assert missing == []
    assert "The Revd. T Osmond (attended virtually) Ruth Hobbs and E Tipper - co-opted members" in (
        rendered
    )
    assert "7 LA Maintained Schools – Core Offer – update – Agenda Item 8" in rendered
    assert "*" not in rendered
