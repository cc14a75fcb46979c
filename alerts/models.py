"""
E-mail alerts for anyone: a subscription to a committee, confirmed by a link sent to the
address (double opt-in), and a record of each alert sent, so that a retried task never sends
the same alert twice.
"""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone

from committees.models import Committee


def new_unsubscribe_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    email = models.EmailField(max_length=254, help_text="Kept in lower case.")
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="alert_subscriptions"
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty until the address confirms: no alerts till then."
    )
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="The last confirmation e-mail; at most one a day."
    )
    unsubscribe_token = models.CharField(
        max_length=64, unique=True, default=new_unsubscribe_token, editable=False
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "email"]
        constraints = [
            models.UniqueConstraint(fields=["email", "committee"], name="one_subscription"),
        ]

    def __str__(self):
        return f"{self.email}: {self.committee}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def get_unsubscribe_url(self) -> str:
        return reverse("alerts:unsubscribe", args=[self.unsubscribe_token])


class AlertSent(models.Model):
    """One alert sent to one subscriber: `event_key` names what happened ("pack:12")."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="sent")
    event_key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "alerts sent"
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_key"], name="one_alert_per_event"
            ),
        ]

    def __str__(self):
        return f"{self.event_key} to {self.subscription.email}"
