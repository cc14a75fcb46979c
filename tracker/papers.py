"""The outcome tracker as a paper for a pack: as it stood when the pack was issued."""

from django.template.loader import render_to_string
from django.utils import timezone

from meetings import paper_sources
from meetings.models import Document

from .models import Tracker
from .selectors import view_as_at


def render_tracker_html(view) -> str:
    return render_to_string(
        "tracker/tracker_print.html",
        {"view": view, "strapline": view.tracker.committee.focus_strapline},
    )


@paper_sources.register(Document.Kind.OUTCOME_TRACKER)
def render_tracker_paper(document) -> str:
    meeting = document.meeting
    tracker = (
        Tracker.objects.filter(committee=meeting.committee).select_related("committee").first()
    )
    if tracker is None:
        return render_to_string(
            "papers/nothing_yet.html",
            {"title": document.title, "text": "This committee has no outcome tracker yet."},
        )
    day = min(timezone.localdate(), meeting.effective_issue_date)
    return render_tracker_html(view_as_at(tracker, day))


def render_plan_progress(plan) -> str:
    """The paper: "Action | By when | Responsible officer | Action RAG | KPIs | Progress"."""
    rows = []
    for action in plan.actions.all():
        updates = list(action.updates.all())
        rows.append((action, updates[-1] if updates else None))
    latest = max(
        (update for _, update in rows if update), key=lambda u: u.period_start, default=None
    )
    return render_to_string(
        "tracker/plan_progress_print.html",
        {
            "plan": plan,
            "rows": rows,
            "period": latest.period if latest else "",
            "strapline": plan.committee.focus_strapline if plan.committee_id else "",
        },
    )
