"""
Two-factor sign-in with an authenticator app (django-otp's TOTP devices).

Anyone may set up an app; whoever has one is asked for a code at every sign-in. Where a
council requires it (`Council.require_two_factor`), its officers and the current members
of its committees must use one: at sign-in the session is marked (REQUIRED_KEY) and
`TwoFactorRequiredMiddleware` keeps a marked, unverified session on the set-up or code
page. The mark costs nothing on other requests; sessions that began before a council
switched the requirement on, or before someone joined it, are marked then (signals.py).
"""

import datetime
import time
from base64 import b32encode
from binascii import unhexlify
from importlib import import_module
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from committees.models import Council, Membership

PORTAL_NAME = "Council scrutiny"
REQUIRED_KEY = "accounts_two_factor_required"
SETUP_SALT = "accounts.two-factor-setup"
SETUP_MAX_AGE = 30 * 60  # seconds to scan the code and type the first number
DEVICE_NAME = "Authenticator app"
# Between the password and the code: who gave the password, for how long it counts.
PENDING_KEY = "accounts_pending_sign_in"
PENDING_MAX_AGE = datetime.timedelta(minutes=10)


def councils_requiring(user):
    """The councils that require this user to use two-factor sign-in."""
    current_seats = Membership.objects.current(timezone.localdate()).filter(person__user=user)
    return Council.objects.filter(require_two_factor=True).filter(
        Q(officer_roles__user=user) | Q(pk__in=current_seats.values("committee__council"))
    )


def required_for(user) -> bool:
    return user.is_authenticated and councils_requiring(user).exists()


def confirmed_device(user) -> TOTPDevice | None:
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


# Setting up: the key travels in the form, signed, so showing the page writes nothing.


def new_setup_token(user) -> str:
    return signing.dumps({"user": user.pk, "key": random_hex(20)}, salt=SETUP_SALT)


def key_from_setup_token(user, token: str) -> str | None:
    try:
        data = signing.loads(token, salt=SETUP_SALT, max_age=SETUP_MAX_AGE)
    except signing.BadSignature:
        return None
    return data["key"] if data.get("user") == user.pk else None


def base32_secret(key: str) -> str:
    """The secret as people type it into an app: groups of four letters and digits."""
    secret = b32encode(unhexlify(key)).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def otpauth_url(user, key: str) -> str:
    label = quote(f"{PORTAL_NAME}:{user.get_username()}")
    params = urlencode(
        {
            "secret": b32encode(unhexlify(key)).decode().rstrip("="),
            "issuer": PORTAL_NAME,
            "algorithm": "SHA1",
            "digits": 6,
            "period": 30,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{params}"


def qr_svg(url: str) -> str:
    """The set-up link as an inline SVG QR code: no image request, no style attributes."""
    return segno.make(url, error="m").svg_inline(
        scale=4, border=4, title="QR code for your authenticator app", svgclass="portal-qr"
    )


def verify_new_key(key: str, code: str) -> int | None:
    """The time step the first code matched (one step either way), or None."""
    try:
        token = int(code)
    except (TypeError, ValueError):
        return None
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=6)
    totp.time = time.time()
    if totp.verify(token, tolerance=1):
        return totp.t()
    return None


def save_device(user, key: str, last_t: int) -> TOTPDevice:
    """The user's one authenticator app, replacing any earlier one."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, key=key, confirmed=True, last_t=last_t
    )


def throttle_wait(device: TOTPDevice) -> int:
    """Seconds before this device will check another code (after wrong ones), or 0."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return 0
    locked_until = (details or {}).get("locked_until")
    if locked_until is None:
        return 1
    return max(1, int((locked_until - timezone.now()).total_seconds()) + 1)


# Sessions that began before the requirement applied to their user.


def mark_sessions(user_ids) -> int:
    """Mark the open sessions of these users, so that they must use a code from now on."""
    user_ids = {str(pk) for pk in user_ids}
    if not user_ids or not settings.SESSION_ENGINE.startswith("django.contrib.sessions.backends"):
        return 0
    if settings.SESSION_ENGINE.rsplit(".", 1)[-1] not in ("db", "cached_db"):
        return 0  # only sessions in the database can be looked through
    from django.contrib.sessions.models import Session

    engine = import_module(settings.SESSION_ENGINE)
    marked = 0
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator():
        data = session.get_decoded()
        if data.get("_auth_user_id") in user_ids and not data.get(REQUIRED_KEY):
            store = engine.SessionStore(session_key=session.session_key)
            store[REQUIRED_KEY] = True
            store.save()
            marked += 1
    return marked


def users_requiring(council) -> set[int]:
    officers = council.officer_roles.values_list("user_id", flat=True)
    members = (
        Membership.objects.current(timezone.localdate())
        .filter(committee__council=council, person__user__isnull=False)
        .values_list("person__user_id", flat=True)
    )
    return {*officers, *members}
