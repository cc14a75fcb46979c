from celery import shared_task

from .bulk import export_everything


@shared_task(time_limit=30 * 60, soft_time_limit=25 * 60)
def export_bulk_files():
    """Nightly (Celery beat): the public JSON Lines files behind /api/bulk/."""
    return export_everything()
