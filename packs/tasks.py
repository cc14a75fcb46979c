from celery import shared_task

from . import services


@shared_task(acks_late=True, max_retries=2)
def build_pack_version(version_id: int) -> None:
    """Idempotent: a ready or failed version is left as it is."""
    services.build_version(version_id)


@shared_task
def expire_stale_pack_builds() -> int:
    """For celery beat, every few minutes: builds whose worker died become failed."""
    return services.expire_stale_builds()
