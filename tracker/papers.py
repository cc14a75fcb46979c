"""The outcome tracker as a paper for a pack, as it stood when issued."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from meetings import paper_sources
from meetings.models import Document

from .models import Tracker, TrackerEntry
from .selectors import view_as_at


def render_tracker_html(view) -> str:
    return render_to_string(
        "tracker/tracker_print.html",
        {"view": view, "strapline": view.tracker.committee.focus_strapline},
    )


@paper_sources.register(Document.Kind.OUTCOME_TRACKER)
def render_tracker_paper(document) -> str:
    """The tracker as it stood when the pack was issued, WITHOUT any exempt entry.

    The pack builder renders this paper once, for both the public and the confidential pack
    (which must keep the same page numbers), so it must always leave out entries agreed or
    minuted under an exempt (Part 2, Schedule 12A) item or a sub-part of one: `view_as_at`
    does. Members read exempt entries on the tracker page, signed in.
    """
    meeting = document.meeting
    tracker = (
        Tracker.objects.filter(committee=meeting.committee).select_related("committee").first()
    )
    if tracker is None:
        return render_to_string(
            "papers/nothing_yet.html",
            {"title": document.title, "text": "This committee has no outcome tracker yet."},
        )
    return render_tracker_html(view_as_at(tracker, _issue_day(meeting)))


def _issue_day(meeting) -> datetime.date:
    return min(timezone.localdate(), meeting.effective_issue_date)


@paper_sources.register_web_page(Document.Kind.OUTCOME_TRACKER)
def tracker_page(document) -> tuple[str, str] | None:
    tracker = Tracker.objects.filter(committee=document.meeting.committee).first()
    if tracker is None:
        return None
    return tracker.get_absolute_url(), "the outcome tracker page"


@paper_sources.register_printed(Document.Kind.OUTCOME_TRACKER)
def tracker_paper_printed(document) -> list[str]:
    tracker = Tracker.objects.filter(committee=document.meeting.committee).first()
    if tracker is None:
        return []
    view = view_as_at(tracker, _issue_day(document.meeting))
    return [f"entry:{row.entry.pk}" for group in view.groups for row in group.rows]


@paper_sources.register_restriction_check("entry")
def restricted_entries(ids) -> set[int]:
    unrestricted = TrackerEntry.objects.filter(pk__in=ids).unrestricted()
    return set(ids) - set(unrestricted.values_list("pk", flat=True))
