"""The outcome tracker and action plan progress as papers for a pack, as they stood when issued."""

import datetime

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from meetings import paper_sources
from meetings.models import Document

from .models import Tracker, TrackerEntry
from .plans import ActionPlanReport, ProgressUpdate
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


def plan_actions(plan):
    """The plan's actions with RAG, milestones and updates, in a fixed number of queries."""
    return plan.actions.select_related("rag").prefetch_related(
        "milestones", Prefetch("updates", queryset=ProgressUpdate.objects.select_related("rag"))
    )


def render_plan_progress(plan, up_to: datetime.date | None = None, period: str = "") -> str:
    """The paper: "Action | By when | Responsible officer | Action RAG | KPIs | Progress".

    Each action shows its latest update up to the reported period, with that period's RAG.
    """
    rows = []
    for action in plan_actions(plan):
        updates = [u for u in action.updates.all() if up_to is None or u.period_start <= up_to]
        rows.append((action, updates[-1] if updates else None))
    if not period:
        latest = max(
            (update for _, update in rows if update), key=lambda u: u.period_start, default=None
        )
        period = latest.period if latest else ""
    return render_to_string(
        "tracker/plan_progress_print.html",
        {
            "plan": plan,
            "rows": rows,
            "period": period,
            "legend": list(plan.rag_levels.all()),
            "strapline": plan.committee.focus_strapline if plan.committee_id else "",
        },
    )


def report_for(document) -> ActionPlanReport | None:
    return (
        ActionPlanReport.objects.filter(document=document).select_related("plan__committee").first()
    )


@paper_sources.register(Document.Kind.ACTION_PLAN)
def render_action_plan_paper(document) -> str:
    report = report_for(document)
    if report is None:
        return render_to_string(
            "papers/nothing_yet.html",
            {"title": document.title, "text": "No action plan is linked to this paper yet."},
        )
    return render_plan_progress(report.plan, up_to=report.period_start, period=report.period)


@paper_sources.register_web_page(Document.Kind.ACTION_PLAN)
def action_plan_page(document) -> tuple[str, str] | None:
    report = report_for(document)
    if report is None:
        return None
    return report.plan.get_absolute_url(), "the action plan page"
