"""
alerts/ listens to the publishing apps (they never import it): each event that subscribers
want to hear of is handed to the task queue once the publication has committed.
"""

import logging
from functools import partial

from django.db import transaction
from django.dispatch import receiver
from kombu.exceptions import OperationalError as KombuOperationalError

from meetings.signals import meeting_rescheduled
from minutes.signals import minutes_published
from packs.signals import pack_published

from .events import MEETING, MINUTES, PACK
from .models import Subscription

logger = logging.getLogger(__name__)


def queue_alerts(kind: str, object_id: int, key: str, *, committee_id: int, **details) -> bool:
    """After the commit, a task sends the alert; nothing is queued for nobody."""
    if not Subscription.objects.confirmed().filter(committee_id=committee_id).exists():
        return False
    transaction.on_commit(partial(_hand_over, kind, object_id, key, details))
    return True


def _hand_over(kind: str, object_id: int, key: str, details: dict) -> None:
    from .tasks import send_alerts

    try:
        send_alerts.delay(kind, object_id, key, **details)
    except KombuOperationalError:
        # The publication has happened; an alert must never undo it.
        logger.error("Alerts for %s not sent: the task queue could not be reached", key)


@receiver(pack_published, dispatch_uid="alerts.pack_published")
def on_pack_published(sender, version, **kwargs):
    queue_alerts(PACK, version.pk, f"pack:{version.pk}", committee_id=version.meeting.committee_id)


@receiver(minutes_published, dispatch_uid="alerts.minutes_published")
def on_minutes_published(sender, minutes, **kwargs):
    queue_alerts(
        MINUTES, minutes.pk, f"minutes:{minutes.pk}", committee_id=minutes.meeting.committee_id
    )


@receiver(meeting_rescheduled, dispatch_uid="alerts.meeting_rescheduled")
def on_meeting_rescheduled(sender, meeting, **kwargs):
    # Whether the public may know of the meeting is the task's to ask (alerts/events.py).
    queue_alerts(
        MEETING,
        meeting.pk,
        f"meeting:{meeting.pk}:{meeting.revision}",
        committee_id=meeting.committee_id,
        notice=meeting.notice,
        status=meeting.status,
    )
