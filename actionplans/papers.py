"""An action plan's progress as a paper for a pack, as it stood at the reported period."""

import datetime

from django.db.models import Prefetch
from django.template.loader import render_to_string

from meetings import paper_sources
from meetings.models import Document

from .models import ActionPlanReport, ProgressUpdate


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
        "actionplans/plan_progress_print.html",
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
