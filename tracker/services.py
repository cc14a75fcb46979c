"""Changing a tracker entry, and the two rules the daily job applies."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from committees.dates import add_months
from committees.lineage import lineage_ids
from meetings.models import Meeting

from .models import LegendStatus, StatusChange, Tracker, TrackerEntry

INCOMPLETE_AFTER_MONTHS = 3


@transaction.atomic
def change_status(
    entry: TrackerEntry,
    to_status: LegendStatus,
    *,
    user=None,
    status_note: str | None = None,
    note: str = "",
    by_rule: bool = False,
    when: datetime.datetime | None = None,
) -> StatusChange:
    """Record an update: a new status (or the same one with news), dated and kept."""
    if to_status.tracker_id != entry.tracker_id:
        labels = ", ".join(entry.tracker.statuses.values_list("label", flat=True))
        raise ValidationError(
            {
                "status": (
                    f"“{to_status.label}” is not a status in this committee's legend ({labels})."
                )
            }
        )
    when = when or timezone.now()
    day = timezone.localtime(when).date()
    from_status = entry.status
    entry.status = to_status
    if status_note is not None:
        entry.status_note = status_note
    if not by_rule:
        entry.last_updated_on = day
    if to_status.meaning == LegendStatus.Meaning.COMPLETED:
        entry.completed_on = entry.completed_on or day
    else:
        entry.completed_on = None
    entry.save()
    return StatusChange.objects.create(
        entry=entry,
        changed_at=when,
        changed_by=user if user and user.is_authenticated else None,
        from_status=from_status,
        to_status=to_status,
        status_note=entry.status_note,
        note=note,
        by_rule=by_rule,
    )


def record_update(
    entry: TrackerEntry, *, status, status_note: str, target_meeting, note: str = "", user=None
) -> StatusChange:
    """An officer's update: status, the note under it and where the entry goes next."""
    if target_meeting != entry.target_meeting:
        entry.target_meeting = target_meeting
        moved = (
            f"Target meeting {target_meeting.date:%-d %B %Y}."
            if target_meeting
            else "Target meeting cleared."
        )
        note = f"{note} {moved}".strip()
    return change_status(entry, status, user=user, status_note=status_note, note=note)


@transaction.atomic
def create_entry(*, user=None, when=None, owners=(), **fields) -> TrackerEntry:
    """A new entry and the first line of its history."""
    entry = TrackerEntry(**fields)
    entry.save()
    if owners:
        entry.owners.set(owners)
    StatusChange.objects.create(
        entry=entry,
        changed_at=when or timezone.now(),
        changed_by=user if user and user.is_authenticated else None,
        from_status=None,
        to_status=entry.status,
        status_note=entry.status_note,
        note="Added to the tracker.",
    )
    return entry


def entry_from_decision(decision, *, user=None) -> TrackerEntry:
    """One step from a minuted decision to a tracked outcome: its wording, meeting and item."""
    minute = decision.minute
    meeting = minute.minutes.meeting
    tracker = Tracker.for_committee(current_committee(meeting.committee))
    existing = tracker.entries.filter(decision=decision).first()
    if existing:
        return existing
    return create_entry(
        user=user,
        tracker=tracker,
        meeting=meeting,
        agenda_item=minute.agenda_item,
        decision=decision,
        item_title=minute.agenda_item.title if minute.agenda_item_id else minute.heading,
        agreed_outcome=f"<p>{decision.wording}</p>",
        status=tracker.status_with_meaning(LegendStatus.Meaning.PENDING)
        or tracker.statuses.first(),
        agreed_on=meeting.date,
    )


def current_committee(committee):
    """The committee that carries a record on: the latest successor of this one."""
    seen = 0
    while seen < 10:
        successor = committee.successors.order_by("-pk").first()
        if successor is None:
            return committee
        committee = successor
        seen += 1
    return committee


@dataclass
class RulesResult:
    made_incomplete: list[TrackerEntry] = field(default_factory=list)
    archived: list[TrackerEntry] = field(default_factory=list)


def apply_rules(today: datetime.date | None = None) -> RulesResult:
    """Idempotent: running it twice on one day changes nothing the second time."""
    today = today or timezone.localdate()
    result = RulesResult()
    _mark_incomplete(today, result)
    _archive_completed(today, result)
    return result


def _mark_incomplete(today, result):
    # A coarse cut in the database, then the exact calendar rule: not a day early.
    candidates = (
        TrackerEntry.objects.on_tracker()
        .filter(status__meaning=LegendStatus.Meaning.PENDING)
        .filter(last_updated_on__lte=today - datetime.timedelta(days=88))
        .select_related("tracker", "status")
    )
    incomplete_by_tracker = {}
    for entry in candidates:
        if add_months(entry.last_updated_on, INCOMPLETE_AFTER_MONTHS) > today:
            continue
        if entry.tracker_id not in incomplete_by_tracker:
            incomplete_by_tracker[entry.tracker_id] = entry.tracker.status_with_meaning(
                LegendStatus.Meaning.INCOMPLETE
            )
        incomplete = incomplete_by_tracker[entry.tracker_id]
        if incomplete is None:
            continue
        change_status(
            entry,
            incomplete,
            note=(
                f"No update for {INCOMPLETE_AFTER_MONTHS} months "
                f"since {entry.last_updated_on:%-d %B %Y}."
            ),
            by_rule=True,
        )
        result.made_incomplete.append(entry)


def _archive_completed(today, result):
    completed = (
        TrackerEntry.objects.on_tracker()
        .filter(status__meaning=LegendStatus.Meaning.COMPLETED, completed_on__isnull=False)
        .select_related("tracker__committee")
    )
    for entry in completed:
        next_meeting = (
            Meeting.objects.filter(
                committee_id__in=lineage_ids(entry.tracker.committee),
                date__gt=entry.completed_on,
            )
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("date")
            .first()
        )
        if next_meeting and next_meeting.date < today:
            entry.archived_on = today
            entry.save(update_fields=["archived_on"])
            result.archived.append(entry)
