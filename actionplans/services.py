"""Changing action plans: actions and milestones added after the last, progress reported."""

from django.db import transaction
from django.db.models import Max

from meetings.models import Document
from meetings.services import add_written_paper

from .models import (
    ActionPlan,
    ActionPlanReport,
    Milestone,
    PlanAction,
    ProgressUpdate,
    parse_period,
)


@transaction.atomic
def report_plan_progress(
    plan: ActionPlan, agenda_item, period: str, *, title: str = "", user=None
) -> ActionPlanReport:
    """The plan's progress as a paper on an agenda item: it goes into the meeting's pack."""
    document = add_written_paper(
        agenda_item.meeting,
        {
            "title": title or f"{plan.title}: progress to {period}",
            "kind": Document.Kind.ACTION_PLAN,
            "is_exempt": False,
            "body": "",
        },
        user=user,
        item=agenda_item,
    )
    return ActionPlanReport.objects.create(
        plan=plan,
        document=document,
        period=period,
        period_start=(
            ProgressUpdate.objects.filter(action__plan=plan, period=period)
            .values_list("period_start", flat=True)
            .first()
            or parse_period(period)
        ),
        created_by=user if user and user.is_authenticated else None,
    )


def _last_position(rows) -> int:
    return rows.aggregate(top=Max("position"))["top"] or 0


@transaction.atomic
def add_plan_action(action: PlanAction) -> PlanAction:
    """
    A new action, after the plan's last: the highest position plus one (not the count,
    which after a deletion is a position already taken), read with the plan's row locked
    so that two actions added at once do not take the same one.
    """
    plan = ActionPlan.objects.select_for_update().get(pk=action.plan_id)
    action.position = _last_position(plan.actions.all()) + 1
    action.save()
    return action


@transaction.atomic
def add_milestone(milestone: Milestone) -> Milestone:
    """A new milestone, after the action's last (as add_plan_action, the action's row locked)."""
    action = PlanAction.objects.select_for_update().get(pk=milestone.action_id)
    milestone.position = _last_position(action.milestones.all()) + 1
    milestone.save()
    return milestone
