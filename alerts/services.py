"""Subscribing (double opt-in), confirming and unsubscribing."""

import datetime
import logging
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from .mail import confirmation_message
from .models import Subscription

logger = logging.getLogger(__name__)

# However often an address is given, it gets at most one confirmation e-mail a day.
CONFIRMATION_EVERY = datetime.timedelta(days=1)
# An address that never confirmed is forgotten this long after its last confirmation e-mail
# (whose link works for a week: tokens.CONFIRM_MAX_AGE); nobody keeps it who was not asked.
FORGET_UNCONFIRMED_AFTER = datetime.timedelta(days=30)


def normalise_email(value: str) -> str:
    return value.strip().lower()


def subscribe(committee, email: str) -> None:
    """
    Ask for alerts of this committee to this address. A new (or unconfirmed) subscription is
    sent a link to confirm, at most once a day; a confirmed one is left as it is. The caller
    learns nothing either way, so the page cannot tell anyone whether an address subscribes.
    """
    email = normalise_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscription, _ = Subscription.objects.get_or_create(email=email, committee=committee)
        sent_at = subscription.confirmation_sent_at
        if subscription.is_confirmed or (sent_at and sent_at > now - CONFIRMATION_EVERY):
            return
        # Only one of two requests at the same moment sends the e-mail.
        due = Q(confirmation_sent_at__isnull=True) | Q(
            confirmation_sent_at__lte=now - CONFIRMATION_EVERY
        )
        claimed = (
            Subscription.objects.filter(due, pk=subscription.pk, confirmed_at__isnull=True)
            .update(confirmation_sent_at=now)
        )  # fmt: skip
        if claimed:
            transaction.on_commit(partial(_queue_confirmation, subscription.pk))


def _queue_confirmation(subscription_id: int) -> None:
    """The e-mail goes from a worker; with the queue unreachable, from this request."""
    from .tasks import send_confirmation_email

    try:
        send_confirmation_email.delay(subscription_id)
    except KombuOperationalError:
        logger.warning("Task queue unreachable: confirming subscription %s now", subscription_id)
        send_confirmation(subscription_id, fail_silently=True)


def send_confirmation(subscription_id: int, fail_silently: bool = False) -> bool:
    subscription = (
        Subscription.objects.select_related("committee__council")
        .filter(pk=subscription_id, confirmed_at__isnull=True)
        .first()
    )
    if subscription is None:  # confirmed or unsubscribed since
        return False
    return bool(confirmation_message(subscription).send(fail_silently=fail_silently))


def confirm(subscription: Subscription) -> bool:
    """Alerts go to this address from now on. Confirming again changes nothing."""
    updated = Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    subscription.refresh_from_db()
    return bool(updated)


def unsubscribe(subscription: Subscription | None):
    """No more alerts: the subscription (and the record of what it was sent) is deleted."""
    if subscription is None:
        return None
    committee = subscription.committee
    subscription.delete()
    return committee


def forget_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Delete subscriptions never confirmed within FORGET_UNCONFIRMED_AFTER; the count."""
    cutoff = (now or timezone.now()) - FORGET_UNCONFIRMED_AFTER
    stale = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).filter(
        Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=cutoff)
    )
    deleted, _ = stale.delete()
    return deleted
