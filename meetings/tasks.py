import datetime
import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from kombu.exceptions import OperationalError as KombuOperationalError

from .models import Meeting, MeetingChange

logger = logging.getLogger(__name__)


@shared_task
def record_confidential_download(meeting_id: int, user_id: int, what: str, at: str) -> None:
    """Write the history line for a councillor's download of something exempt. Idempotent."""
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if meeting is None or user is None:
        return
    when = datetime.datetime.fromisoformat(at)
    summary = f"{user.get_full_name() or user.username} downloaded {what}"[:500]
    MeetingChange.objects.get_or_create(
        meeting=meeting,
        action="download.confidential",
        user=user,
        created_at=when,
        summary=summary,
        defaults={"revision": meeting.revision},
    )


def note_confidential_download(meeting: Meeting, user, what: str, at: datetime.datetime) -> None:
    """
    The meeting's history records every download of exempt material by a councillor. The
    request only hands the record to the task queue, so that a GET never writes.
    """
    try:
        record_confidential_download.delay(meeting.pk, user.pk, what, at.isoformat())
    except KombuOperationalError:
        logger.error("Could not record %s's download of %s (meeting %s)", user, what, meeting.pk)
