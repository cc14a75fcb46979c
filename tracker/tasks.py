from celery import shared_task

from .services import apply_rules


@shared_task
def apply_tracker_rules():
    """Daily: overdue entries become Incomplete; Completed ones leave after the next meeting."""
    result = apply_rules()
    return {"incomplete": len(result.made_incomplete), "archived": len(result.archived)}
