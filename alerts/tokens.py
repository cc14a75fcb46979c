"""The signed link that confirms a subscription: it names the subscription and its address,
and works for CONFIRM_MAX_AGE."""

import datetime
from dataclasses import dataclass

from django.core import signing

from committees.models import Committee

from .models import Subscription

CONFIRM_SALT = "alerts.confirm"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)


@dataclass
class Confirmation:
    state: str  # "valid", "expired" or "invalid"
    subscription: Subscription | None = None
    committee: Committee | None = None

    @property
    def is_valid(self) -> bool:
        return self.state == "valid"


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=CONFIRM_SALT)


def confirmation_token(subscription: Subscription) -> str:
    return _signer().sign_object({"s": subscription.pk, "e": subscription.email})


def check_confirmation_token(token: str) -> Confirmation:
    """What a confirmation link is worth. An expired link still names its committee, so the
    page can offer to send a new one; a link that was changed says nothing at all."""
    signer = _signer()
    try:
        payload, state = signer.unsign_object(token, max_age=CONFIRM_MAX_AGE), "valid"
    except signing.SignatureExpired:
        payload, state = signer.unsign_object(token), "expired"
    except signing.BadSignature:
        return Confirmation("invalid")
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        return Confirmation("invalid")
    subscription = (
        Subscription.objects.select_related("committee__council")
        .filter(pk=payload["s"], email=payload.get("e"))
        .first()
    )
    if subscription is None:  # unsubscribed since, or never made
        return Confirmation("invalid")
    return Confirmation(state, subscription, subscription.committee)
