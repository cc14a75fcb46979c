"""
The page django-axes answers with while sign-in is locked (settings.AXES_LOCKOUT_CALLABLE).

Axes locks an account after AXES_FAILURE_LIMIT wrong passwords from anywhere, and an
address after as many from it for any accounts. The lock lasts AXES_COOLOFF_TIME from the
failure that reached the limit; tries during the lock do not move it
(AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so the time given stays true.
"""

import datetime

from axes.helpers import (
    get_client_parameters,
    get_client_user_agent,
    get_client_username,
    get_cool_off,
    get_failure_limit,
)
from axes.models import AccessAttempt
from django.shortcuts import render
from django.utils import timezone

from committees.formatting import long_date


def unlock_time(request, credentials=None) -> datetime.datetime | None:
    """When the lock on this request's account or address ends (the later of the two)."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    now = timezone.now()
    limit = get_failure_limit(request, credentials)
    username = get_client_username(request, credentials)
    ip_address = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")
    user_agent = getattr(request, "axes_user_agent", None) or get_client_user_agent(request)
    ends = []
    for filters in get_client_parameters(username, ip_address, user_agent, request, credentials):
        attempts = (
            AccessAttempt.objects.filter(**filters, attempt_time__gte=now - cool_off)
            .order_by("-attempt_time")
            .values_list("attempt_time", "failures_since_start")
        )
        # The lock ends when the failures still inside the cool-off fall below the limit:
        # at the time of the newest failure that, with all newer ones, reaches it.
        total = 0
        for attempt_time, failures in attempts:
            total += failures
            if total >= limit:
                ends.append(attempt_time + cool_off)
                break
    return max(ends) if ends else now + cool_off


def when(moment: datetime.datetime) -> str:
    """ "2:35pm today", "9:05am tomorrow" or "2:35pm on Friday 12 July 2030"."""
    local = timezone.localtime(moment)
    time = f"{local.hour % 12 or 12}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
    today = timezone.localdate()
    if local.date() == today:
        return f"{time} today"
    if local.date() == today + datetime.timedelta(days=1):
        return f"{time} tomorrow"
    return f"{time} on {long_date(local.date()).replace(',', '')}"


def lockout_response(request, original_response=None, credentials=None):
    ends = unlock_time(request, credentials)
    # Rounded up to the minute, so "after 2:35pm" is never a minute early.
    if ends is not None and (ends.second or ends.microsecond):
        ends = ends.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    context = {"try_again_at": when(ends) if ends else None, "unlock_time": ends}
    return render(request, "registration/locked_out.html", context, status=429)
