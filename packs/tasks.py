from celery import shared_task
from django.db import OperationalError

from . import services, withdrawal


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    max_retries=5,
    retry_backoff=1,
    retry_jitter=False,
)
def build_pack_version(version_id: int) -> None:
    """Idempotent: a ready or failed version is left as it is; a busy database is retried."""
    services.build_version(version_id)


@shared_task
def resume_stalled_pack_builds() -> int:
    """For celery beat, every minute: builds whose worker died go to a worker again."""
    return services.resume_stalled_builds()


@shared_task
def expire_stale_pack_builds() -> int:
    """For celery beat, every few minutes: builds whose worker died become failed."""
    return services.expire_stale_builds()


@shared_task
def withdraw_exposed_packs() -> int:
    """For celery beat, every minute: public packs printing a paper since made exempt."""
    return withdrawal.withdraw_exposed_packs()
