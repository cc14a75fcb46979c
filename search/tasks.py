"""The index is rebuilt here, in the worker, when what it indexes changes (signals.py)."""

from celery import shared_task

from . import services


@shared_task
def reindex_meeting(meeting_pk: int) -> int:
    """A meeting's entries, rebuilt from the meeting as it is now. Idempotent."""
    return services.reindex_meeting(meeting_pk)


@shared_task
def reindex_committee(committee_pk: int) -> int:
    """A committee's work programmes, outcome tracker and action plans. Idempotent."""
    return services.reindex_committee(committee_pk)


@shared_task
def reindex_source(what: str, pk: int) -> int:
    """The group of entries a changed row belongs to (see services.reindex_source)."""
    return services.reindex_source(what, pk)


@shared_task
def reindex_everything() -> int:
    """Nightly (Celery beat): the whole index, and any paper whose text was never read."""
    return services.reindex_everything()
