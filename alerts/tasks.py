import smtplib

from celery import shared_task
from django.db import OperationalError

from . import delivery, services

RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError, smtplib.SMTPException, OSError),
    "max_retries": 6,
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
}


@shared_task(**RETRY)
def send_alerts(kind: str, object_id: int, key: str, notice: str = "", status: str = "") -> int:
    """One event's alert to every confirmed subscriber. Idempotent: a retry or a second
    task sends only what was not sent (alerts.AlertSent)."""
    return delivery.send_alerts(kind, object_id, key, notice=notice, status=status)


@shared_task(**RETRY)
def send_confirmation_email(subscription_id: int) -> bool:
    return services.send_confirmation(subscription_id)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), max_retries=3)
def forget_unconfirmed_subscriptions() -> int:
    """Nightly: addresses that never confirmed are not kept (idempotent)."""
    return services.forget_unconfirmed()
