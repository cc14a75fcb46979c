"""
Sending one event's alert to each confirmed subscriber, one message each. Safe to run
again: each (subscription, event) sent is recorded, in the same transaction as the send,
so a retried or repeated task sends only what was not sent.
"""

import logging
import smtplib

from django.core.mail import get_connection
from django.db import transaction

from . import events
from .mail import alert_message
from .models import AlertSent, Subscription

logger = logging.getLogger(__name__)


def send_alerts(kind: str, object_id: int, key: str, notice: str = "", status: str = "") -> int:
    alert = events.describe(kind, object_id, key, notice=notice, status=status)
    if alert is None:
        return 0
    waiting = list(
        Subscription.objects.confirmed()
        .filter(committee=alert.committee)
        .exclude(sent__event_key=key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not waiting:
        return 0
    sent = 0
    with get_connection() as connection:
        for subscription_id in waiting:
            sent += _send_one(subscription_id, alert, connection)
    return sent


def _send_one(subscription_id: int, alert: events.Alert, connection) -> int:
    """
    Record, then send, in one transaction: if sending fails the record goes too, and the
    task's retry sends it; if another task recorded it first, nothing is sent.
    """
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update()
            .confirmed()
            .filter(pk=subscription_id)
            .select_related("committee")
            .first()
        )
        if subscription is None:  # unsubscribed meanwhile
            return 0
        _, created = AlertSent.objects.get_or_create(subscription=subscription, event_key=alert.key)
        if not created:
            return 0
        try:
            alert_message(subscription, alert, connection).send()
        except smtplib.SMTPRecipientsRefused:
            # Trying again would be refused the same way: the record stays.
            logger.warning("Alert %s refused for subscription %s", alert.key, subscription_id)
            return 0
    return 1
