"""
Cancelling, postponing and moving a meeting: actions of their own, because each must be
told to the public (the meeting page says so plainly, public questions close, calendar
feeds update through the meeting's revision) and to the committee's members by e-mail.
"""

import datetime

from django.conf import settings
from django.db import transaction

from committees.formatting import council_time, long_date

from .mail import email_members
from .models import Meeting
from .services import FieldChange, NotAllowed, lock_meeting, record_change
from .signals import meeting_rescheduled


def cancel_meeting(meeting: Meeting, *, reason: str, user) -> Meeting:
    notice = f"This meeting has been cancelled. {reason}".strip()
    return _call_off(meeting, Meeting.Status.CANCELLED, notice, "Cancelled the meeting", user)


def postpone_meeting(meeting: Meeting, *, reason: str, user) -> Meeting:
    notice = f"This meeting has been postponed; a new date will be announced. {reason}".strip()
    return _call_off(meeting, Meeting.Status.POSTPONED, notice, "Postponed the meeting", user)


def move_meeting(
    meeting: Meeting, *, date: datetime.date, start_time: datetime.time, venue: str, reason: str,
    user,
) -> Meeting:  # fmt: skip
    with transaction.atomic():
        current = lock_meeting(meeting)
        _check_can_change(current)
        was = _when_and_where(current)
        current.date, current.start_time, current.venue = date, start_time, venue
        if current.status == Meeting.Status.POSTPONED:
            current.status = (
                Meeting.Status.PUBLISHED if current.is_agenda_published else Meeting.Status.DRAFT
            )
        now = _when_and_where(current)
        if now == was:
            raise NotAllowed("The new date, time and venue are the same as before.")
        current.notice = f"This meeting has moved: it was {was}; it is now {now}. {reason}".strip()
        current.save()
        record_change(
            current,
            user,
            "meeting.move",
            f"Moved the meeting from {was} to {now}",
            fields=[FieldChange("When and where", was, now)],
        )
        transaction.on_commit(lambda: tell_members(current))
        meeting_rescheduled.send(sender=Meeting, meeting=current)
    return current


def _call_off(meeting: Meeting, status: str, notice: str, summary: str, user) -> Meeting:
    with transaction.atomic():
        current = lock_meeting(meeting)
        _check_can_change(current)
        if current.status == status:
            raise NotAllowed(f"The meeting is already {current.get_status_display().lower()}.")
        before = current.get_status_display()
        current.status, current.notice = status, notice
        current.save()
        record_change(
            current,
            user,
            f"meeting.{status}",
            summary,
            fields=[FieldChange("Status", before, current.get_status_display())],
        )
        transaction.on_commit(lambda: tell_members(current))
        meeting_rescheduled.send(sender=Meeting, meeting=current)
    return current


def _check_can_change(meeting: Meeting) -> None:
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise NotAllowed(
            f"The meeting is {meeting.get_status_display().lower()}, so it cannot be "
            "cancelled, postponed or moved."
        )


def _when_and_where(meeting: Meeting) -> str:
    return f"{long_date(meeting.date)} at {council_time(meeting.start_time)}, {meeting.venue}"


def tell_members(meeting: Meeting) -> int:
    """E-mail the committee's current members what the public page now says."""
    subject = f"{meeting.committee.name}: {meeting.get_status_display().lower()} meeting"
    body = f"{meeting.notice}\n\n{settings.SITE_URL}{meeting.get_absolute_url()}\n"
    return email_members(meeting, subject, body)
