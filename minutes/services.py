"""
Writing minutes: starting them from the agenda and the membership on the day, recording
attendance, adding and changing their parts, taking them through their life cycle, and
changing them after approval (the change and the record of it together).

Every write to minutes or their parts comes through here (the views, the admin). Each one
locks the row of the minutes, reads their status as it is now and refuses with
MinutesLocked once they are approved, unless it is a recorded correction. The models' save()
and delete() check nothing: a write that skips these functions skips the rule.
"""

from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Max

from committees.models import Membership
from meetings.models import AgendaItem, Meeting

from .models import (
    LOCKED_MESSAGE,
    AttendanceEntry,
    Comment,
    Correction,
    Decision,
    Minute,
    Minutes,
    MinutesLocked,
    MinutesPart,
    MinutesStateError,
    PublicSpeaker,
)

# The block a seat's member is printed in when present.
PRESENT_CATEGORY = {
    Membership.Role.CO_OPTED: AttendanceEntry.Category.CO_OPTED,
    Membership.Role.ADDED: AttendanceEntry.Category.CO_OPTED,
    Membership.Role.RIGHT_TO_SPEAK: AttendanceEntry.Category.OTHER_IN_PERSON,
}
PRINTED_ROLE = {
    Membership.Role.CHAIR: AttendanceEntry.Role.CHAIR,
    Membership.Role.VICE_CHAIR: AttendanceEntry.Role.VICE_CHAIR,
}


def seats_on_the_day(meeting: Meeting):
    """The committee's filled seats on the day of the meeting, in print order."""
    return (
        Membership.objects.current(on=meeting.date)
        .filter(committee_id=meeting.committee_id, person__isnull=False)
        .in_print_order()
    )


def items_in_agenda_order(meeting: Meeting) -> list[tuple[AgendaItem, list[AgendaItem]]]:
    """The meeting's items by position, each with its sub-parts (a), (b)… by position."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    parts: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id:
            parts.setdefault(item.parent_id, []).append(item)
    return [(item, parts.get(item.pk, [])) for item in items if not item.parent_id]


@transaction.atomic
def start_minutes(meeting: Meeting) -> tuple[Minutes, bool]:
    """
    The minutes of this meeting, started once: a row of attendance for each member on the
    day (nothing recorded yet), one minute for each agenda item and sub-part in agenda order,
    and no declarations. Starting them again changes nothing and says so (`created` False).
    """
    minutes, created = Minutes.objects.get_or_create(
        meeting=meeting, defaults={"end_time": meeting.end_time}
    )
    if created:
        minutes.meeting = meeting
        add_members_on_the_day(minutes)
        add_agenda_minutes(minutes)
    return minutes, created


def seats_not_listed(minutes: Minutes) -> tuple[list[Membership], int]:
    """
    The seats filled on the day whose member is not in the attendance yet (vacancies are
    left out; a person with two seats counts once, in the first), and the last position.
    """
    listed = list(
        AttendanceEntry.objects.filter(minutes=minutes).values_list(
            "membership_id", "person_id", "position"
        )
    )
    seats_listed = {seat for seat, _, _ in listed if seat}
    people_listed = {person for _, person, _ in listed if person}
    missing = []
    for seat in seats_on_the_day(minutes.meeting):
        if seat.pk not in seats_listed and seat.person_id not in people_listed:
            people_listed.add(seat.person_id)
            missing.append(seat)
    return missing, max((position for _, _, position in listed), default=0)


@transaction.atomic
def add_members_on_the_day(minutes: Minutes) -> list[AttendanceEntry]:
    """A row, nothing recorded yet, for each member on the day not listed. Safe to repeat."""
    writable(minutes)
    missing, position = seats_not_listed(minutes)
    rows = []
    for seat in missing:
        position += 1
        rows.append(
            AttendanceEntry(
                minutes=minutes,
                membership=seat,
                person=seat.person,
                category=PRESENT_CATEGORY.get(seat.role, AttendanceEntry.Category.PRESENT),
                role=PRINTED_ROLE.get(seat.role, AttendanceEntry.Role.NONE),
                status=AttendanceEntry.Status.NOT_RECORDED,
                position=position,
            )
        )
    return AttendanceEntry.objects.bulk_create(rows)


@transaction.atomic
def add_agenda_minutes(minutes: Minutes) -> list[Minute]:
    """
    One minute for each item, numbered as the committee numbers its minutes and headed with
    the item's title; an item's sub-parts are paragraphs of its minute (6.1, 6.2; with
    running numbers 55.0, then 55.1, 55.2).
    """
    writable(minutes)
    number, paragraph = minutes.next_number()
    entries = []
    for item, parts in items_in_agenda_order(minutes.meeting):
        entries.append(_minute_for(minutes, item, number, paragraph))
        entries.extend(
            _minute_for(minutes, part, number, (paragraph or 0) + index)
            for index, part in enumerate(parts, 1)
        )
        number += 1
    return Minute.objects.bulk_create(entries)


def _minute_for(minutes, item, number, paragraph) -> Minute:
    return Minute(
        minutes=minutes,
        number=number,
        paragraph=paragraph,
        agenda_item=item,
        heading=item.title[: Minute._meta.get_field("heading").max_length],
    )


def refuse_if_locked(minutes: Minutes) -> None:
    if minutes.is_locked:
        raise MinutesLocked(LOCKED_MESSAGE)


def owning_minutes(thing: Minutes | MinutesPart) -> Minutes:
    return thing if isinstance(thing, Minutes) else thing.owning_minutes()


def locked_row(minutes: Minutes) -> Minutes:
    """
    The minutes as they stand now, their row locked until the transaction ends: one write
    to them (or to anything in them) at a time. Call it inside transaction.atomic.
    """
    return Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)


def writable(minutes: Minutes) -> Minutes:
    """The minutes, locked (see locked_row), if they are not approved yet; else MinutesLocked."""
    current = locked_row(minutes)
    refuse_if_locked(current)
    return current


# Where a new part goes: after the highest position among those of the same parent. (Not
# the count: after a deletion that is a position already taken.)
POSITIONED = {
    AttendanceEntry: "minutes",
    Comment: "minute",
    Decision: "minute",
    PublicSpeaker: "minute",
}


def next_position(model: type[models.Model], **parent) -> int:
    """The highest position under this parent, plus one. Inside the transaction that adds
    the row, with the parent's minutes locked (writable), so no two additions take one."""
    top = model.objects.filter(**parent).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


@transaction.atomic
def add_part(part: MinutesPart) -> MinutesPart:
    """
    A new attendance row, declaration, minute, comment, decision or public speaker, in
    minutes not approved yet; one with a position goes last.
    """
    writable(part.owning_minutes())
    parent = POSITIONED.get(type(part))
    if parent is not None:
        part.position = next_position(type(part), **{f"{parent}_id": getattr(part, f"{parent}_id")})
    part.clean()
    part.save()
    return part


@transaction.atomic
def save_part(part: MinutesPart) -> MinutesPart:
    """A changed part of minutes not approved yet (once they are: record_correction)."""
    writable(part.owning_minutes())
    part.clean()
    part.save()
    return part


@transaction.atomic
def remove_part(part: MinutesPart) -> None:
    """A part of minutes not approved yet, removed."""
    writable(part.owning_minutes())
    part.delete()


@transaction.atomic
def delete_minutes(minutes: Minutes) -> None:
    """Minutes not approved yet, deleted with everything in them."""
    writable(minutes)
    minutes.delete()


DETAILS = ("heading", "venue", "end_time")


@transaction.atomic
def save_details(minutes: Minutes, changes: dict) -> Minutes:
    """
    The heading, venue or end time of minutes not approved yet. Only these are written:
    the status is the life cycle's (publish_minutes, approve_minutes, finalise_minutes).
    """
    if not set(changes) <= set(DETAILS):
        raise ValueError(f"Only {', '.join(DETAILS)} are details of the minutes.")
    current = writable(minutes)
    for field, value in changes.items():
        setattr(current, field, value)
    current.save(update_fields=[*changes, "updated_at"])
    return current


@transaction.atomic
def publish_minutes(minutes: Minutes) -> Minutes:
    """Draft minutes published, subject to approval (MinutesStateError if they are not draft)."""
    current = locked_row(minutes)
    current.publish()
    return current


@transaction.atomic
def approve_minutes(minutes: Minutes, at_meeting: Meeting, on=None) -> Minutes:
    """Published minutes approved as a correct record at a later meeting: locked from now."""
    current = locked_row(minutes)
    current.approve(at_meeting, on)
    return current


@transaction.atomic
def finalise_minutes(minutes: Minutes) -> Minutes:
    """Approved minutes signed as final."""
    current = locked_row(minutes)
    current.finalise()
    return current


@dataclass
class MemberAttendance:
    """What the attendance form says about one member's row."""

    entry: AttendanceEntry
    status: str
    substitute: str = ""


@transaction.atomic
def record_attendance(minutes: Minutes, answers: list[MemberAttendance]) -> None:
    """
    Record each member as present, sending apologies, substituted (and by whom) or absent,
    all at once. A substitute is a row of their own, printed as present "(substitute for …)"
    where the member would have been; the member is printed under apologies.
    """
    # One officer's save at a time, and as the minutes stand now (approved since it was read?).
    writable(minutes)
    if any(answer.entry.minutes_id != minutes.pk for answer in answers):
        raise ValueError("Attendance of other minutes.")
    members = [answer.entry for answer in answers]
    for answer in answers:
        answer.entry.status = answer.status
    AttendanceEntry.objects.bulk_update(members, ["status"])

    existing = {
        row.substitute_of_id: row
        for row in AttendanceEntry.objects.filter(substitute_of__in=members)
    }
    create, update, remove = [], [], []
    for answer in answers:
        row = existing.get(answer.entry.pk)
        if answer.status != AttendanceEntry.Status.SUBSTITUTED:
            if row:
                remove.append(row.pk)
            continue
        fields = {
            "name": answer.substitute.strip(),
            "substitute_for": answer.entry.display_name,
            "category": answer.entry.category,
            "position": answer.entry.position,
        }
        if row is None:
            create.append(AttendanceEntry(minutes=minutes, substitute_of=answer.entry, **fields))
        elif any(getattr(row, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(row, name, value)
            update.append(row)
    AttendanceEntry.objects.filter(pk__in=remove).delete()
    AttendanceEntry.objects.bulk_update(update, ["name", "substitute_for", "category", "position"])
    AttendanceEntry.objects.bulk_create(create)


@transaction.atomic
def record_correction(part, *, user, reason: str, changes: dict) -> Correction:
    """
    Apply `changes` to a part of approved minutes (or to the minutes' details) and record
    who, when, what and why. The only way approved minutes change.
    """
    if not reason.strip():
        raise ValueError("A correction needs a reason.")
    minutes = locked_row(owning_minutes(part))
    if not minutes.is_locked:
        raise MinutesStateError("Only approved minutes are corrected; these can be edited.")
    if isinstance(part, Minutes) and not set(changes) <= set(DETAILS):
        raise ValueError(f"Only {', '.join(DETAILS)} of the minutes are corrected.")
    before = "\n".join(f"{field}: {getattr(part, field)}" for field in changes)
    for field, value in changes.items():
        setattr(part, field, value)
    if isinstance(part, Minutes):
        part.save(update_fields=[*changes, "updated_at"])
    else:
        part.clean()
        part.save()
    after = "\n".join(f"{field}: {getattr(part, field)}" for field in changes)
    return Correction.objects.create(
        minutes=minutes,
        made_by=user if user and user.is_authenticated else None,
        what=f"{part._meta.verbose_name.capitalize()}: {part}"[:300],
        before=before,
        after=after,
        reason=reason,
    )
