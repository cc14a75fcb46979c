"""The e-mails of alerts/: the confirmation of a subscription, and the alerts themselves."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Subscription
from .tokens import CONFIRM_MAX_AGE, confirmation_token


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def confirmation_message(subscription: Subscription, connection=None) -> EmailMessage:
    committee = subscription.committee
    url = absolute(reverse("alerts:confirm", args=[confirmation_token(subscription)]))
    body = render_to_string(
        "alerts/confirmation_email.txt",
        {"committee": committee, "url": url, "days": CONFIRM_MAX_AGE.days},
    )
    return EmailMessage(
        subject=f"Confirm your e-mail alerts for the {committee.name}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={"Auto-Submitted": "auto-generated"},
        connection=connection,
    )


def unsubscribe_headers(subscription: Subscription) -> dict[str, str]:
    """
    List-Unsubscribe (RFC 2369) with the subscription's own link, and, where that link is
    https, List-Unsubscribe-Post (RFC 8058): mail programs then offer one-click unsubscribe,
    a POST to the link. RFC 8058 allows the second header with an https link only.
    """
    url = absolute(subscription.get_unsubscribe_url())
    headers = {"List-Unsubscribe": f"<{url}>"}
    if url.startswith("https://"):
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def list_id(subscription: Subscription) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{subscription.committee.slug}.alerts.{host}>"


def alert_message(subscription: Subscription, alert, connection=None) -> EmailMessage:
    """One subscriber's copy of an alert: addressed to them only, with their own link out."""
    unsubscribe_url = absolute(subscription.get_unsubscribe_url())
    body = render_to_string(
        "alerts/alert_email.txt",
        {"alert": alert, "committee": alert.committee, "unsubscribe_url": unsubscribe_url},
    )
    return EmailMessage(
        subject=alert.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            **unsubscribe_headers(subscription),
            "List-Id": list_id(subscription),
            "Auto-Submitted": "auto-generated",
            "Precedence": "bulk",
        },
        connection=connection,
    )
