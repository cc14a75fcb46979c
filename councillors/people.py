"""
The public record of a person (/people/): memberships, attendance, meetings chaired and
declarations of interest, each read in one query however long the record is.

Attendance and declarations come from published minutes only (what the public may read);
cancelled meetings are not counted. Declarations are exempt with the minute they were made
under, and committees/access.py decides who may see those, as everywhere else. Vacancies are
not people, and someone who is neither a councillor nor a member of any committee (an officer
named in a pack) has a page only when published minutes record them attending as a member
or declaring an interest.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from committees import access
from committees.models import Committee, Membership, Person
from meetings.models import Meeting
from minutes.models import AttendanceEntry, Declaration, Minutes, MinutesSettings

# What an attendance row says about the person, strongest first (a person listed twice in
# one set of minutes counts once, as the strongest).
PRESENT = "present"
SUBSTITUTED = "substituted"
APOLOGIES = "apologies"
ABSENT = "absent"
AS_SUBSTITUTE = "as_substitute"
AS_OTHER = "as_other"
OUTCOME_ORDER = [PRESENT, SUBSTITUTED, APOLOGIES, ABSENT, AS_SUBSTITUTE, AS_OTHER]
EXPECTED = (PRESENT, SUBSTITUTED, APOLOGIES, ABSENT)

Status = AttendanceEntry.Status
Category = AttendanceEntry.Category
STATUS_OUTCOME = {
    Status.PRESENT: PRESENT,
    Status.APOLOGIES: APOLOGIES,
    Status.SUBSTITUTED: SUBSTITUTED,
    Status.ABSENT: ABSENT,
}
# Rows listed by hand (older minutes, the demo's) say it by the block they are printed in.
CATEGORY_OUTCOME = {
    Category.PRESENT: PRESENT,
    Category.CO_OPTED: PRESENT,
    Category.APOLOGIES: APOLOGIES,
    Category.OTHER_IN_PERSON: AS_OTHER,
    Category.OTHER_VIRTUAL: AS_OTHER,
}


def outcome(entry: AttendanceEntry) -> str | None:
    """
    What this row counts as: a member present, sending apologies, sending a substitute or
    absent (all four expected to attend); sitting in as someone's substitute, or attending
    as another councillor (neither expected). None for officers and rows not recorded yet.
    """
    if entry.status in STATUS_OUTCOME:
        return STATUS_OUTCOME[entry.status]
    if entry.status != Status.LISTED:
        return None  # not recorded yet
    if entry.substitute_of_id or entry.substitute_for:
        return AS_SUBSTITUTE
    return CATEGORY_OUTCOME.get(entry.category)


@dataclass
class Tally:
    """A person's attendance at one committee's meetings, from its published minutes."""

    committee: Committee
    present: int = 0
    apologies: int = 0
    substituted: int = 0
    absent: int = 0
    as_substitute: int = 0
    as_other: int = 0

    @property
    def expected(self) -> int:
        return self.present + self.apologies + self.substituted + self.absent

    @property
    def percentage_present(self) -> int | None:
        if not self.expected:
            return None
        return round(100 * self.present / self.expected)

    @property
    def attended_otherwise(self) -> str:
        """ "Attended 1 meeting as a substitute and 2 meetings as another councillor"."""
        parts = [
            f"{count} meeting{'' if count == 1 else 's'} as {what}"
            for count, what in (
                (self.as_substitute, "a substitute"),
                (self.as_other, "another councillor"),
            )
            if count
        ]
        return f"Attended {' and '.join(parts)}" if parts else ""

    def add(self, result: str) -> None:
        setattr(self, result, getattr(self, result) + 1)


@dataclass
class DeclarationRow:
    declaration: Declaration
    meeting: Meeting
    minute_label: str = ""

    @property
    def minute(self):
        return self.declaration.minute

    @property
    def is_exempt(self) -> bool:
        return self.declaration.is_restricted


@dataclass
class PersonRecord:
    person: Person
    current: list[Membership] = field(default_factory=list)
    past: list[Membership] = field(default_factory=list)
    attendance: list[Tally] = field(default_factory=list)
    chaired: list[Meeting] = field(default_factory=list)
    declarations: list[DeclarationRow] = field(default_factory=list)

    @property
    def memberships(self) -> list[Membership]:
        return self.current + self.past

    @property
    def has_page(self) -> bool:
        return bool(
            self.person.is_councillor or self.memberships or self.attendance or self.declarations
        )

    @property
    def councils(self) -> list[str]:
        names = []
        for membership in self.memberships:
            if membership.committee.council.name not in names:
                names.append(membership.committee.council.name)
        return names

    @property
    def representing(self) -> list[tuple[str, str]]:
        """(representative type, organisation) of the seats a co-optee or added member holds."""
        seen = []
        for membership in self.current or self.past:
            pair = (
                membership.representative_type,
                membership.organisation or self.person.organisation,
            )
            if any(pair) and pair not in seen:
                seen.append(pair)
        if not seen and not self.person.is_councillor and self.person.organisation:
            seen.append(("", self.person.organisation))
        return seen

    @property
    def holds_exempt_text(self) -> bool:
        return any(row.is_exempt for row in self.declarations)


def counted_minutes():
    """Published minutes of meetings that took place: drafts and cancelled meetings are not."""
    return Minutes.objects.published().filter(
        meeting__in=Meeting.objects.published().exclude(status=Meeting.Status.CANCELLED)
    )


def memberships_of(person: Person, today: datetime.date):
    memberships = (
        Membership.objects.filter(person=person)
        .select_related("committee__council")
        .order_by("committee__council__name", "committee__name", "start_date", "pk")
    )
    current, past = [], []
    for membership in memberships:
        ended = membership.end_date is not None and membership.end_date < today
        (past if ended else current).append(membership)
    past.sort(key=lambda membership: membership.end_date, reverse=True)
    return current, past


def attendance_of(person: Person) -> tuple[list[Tally], list[Meeting]]:
    """
    Attendance per committee, and the meetings chaired. The minutes record who chaired: the
    attendance row printed "(Chair)". A chair who sent apologies did not chair the meeting.
    """
    rows = (
        AttendanceEntry.objects.filter(person=person, minutes__in=counted_minutes())
        .select_related("minutes__meeting__committee__council")
        .order_by("minutes__meeting__date", "minutes_id", "position", "pk")
    )
    by_minutes: dict[int, tuple[Meeting, str]] = {}
    chaired: dict[int, Meeting] = {}
    for entry in rows:
        result = outcome(entry)
        if result is None:
            continue
        meeting = entry.minutes.meeting
        if entry.role == AttendanceEntry.Role.CHAIR and result == PRESENT:
            chaired[meeting.pk] = meeting
        known = by_minutes.get(entry.minutes_id)
        if known is None or OUTCOME_ORDER.index(result) < OUTCOME_ORDER.index(known[1]):
            by_minutes[entry.minutes_id] = (meeting, result)
    tallies: dict[int, Tally] = {}
    for meeting, result in by_minutes.values():
        tally = tallies.setdefault(meeting.committee_id, Tally(committee=meeting.committee))
        tally.add(result)
    ordered = sorted(
        tallies.values(), key=lambda tally: (tally.committee.council.name, tally.committee.name)
    )
    return ordered, sorted(chaired.values(), key=lambda meeting: meeting.date, reverse=True)


def declarations_of(person: Person, user) -> list[DeclarationRow]:
    """
    Declarations made in published minutes that this reader may see (access.may_see): those
    under an exempt minute only for the committee's officers and current members. For the
    public they are not even read from the database.
    """
    declarations = (
        Declaration.objects.published()
        .filter(person=person)
        .select_related(
            "minutes__meeting__committee__council",
            "minutes__meeting__committee__minutes_settings",
            "minute__agenda_item__parent",
        )
        .order_by("-minutes__meeting__date", "minute__number", "pk")
    )
    if not user.is_authenticated:
        declarations = declarations.unrestricted()
    rows = []
    for declaration in declarations:
        if not access.may_see(user, declaration):
            continue
        meeting = declaration.minutes.meeting
        label = ""
        if declaration.minute_id:
            minute = declaration.minute
            try:
                minute.number_prefix = meeting.committee.minutes_settings.number_prefix
            except MinutesSettings.DoesNotExist:
                minute.number_prefix = ""
            label = minute.label
        rows.append(DeclarationRow(declaration=declaration, meeting=meeting, minute_label=label))
    return rows


def person_record(person: Person, user) -> PersonRecord:
    current, past = memberships_of(person, timezone.localdate())
    attendance, chaired = attendance_of(person)
    return PersonRecord(
        person=person,
        current=current,
        past=past,
        attendance=attendance,
        chaired=chaired,
        declarations=declarations_of(person, user),
    )


@dataclass
class ListedPerson:
    person: Person
    seats: list[Membership] = field(default_factory=list)


@dataclass
class CouncilPeople:
    name: str
    councillors: list[ListedPerson] = field(default_factory=list)
    others: list[ListedPerson] = field(default_factory=list)


def people_by_council() -> list[CouncilPeople]:
    """Today's councillors and co-opted, added and other members, by council (one query)."""
    seats = (
        Membership.objects.current()
        .filter(person__isnull=False, committee__is_active=True)
        .select_related("person", "committee__council")
        .order_by(
            "committee__council__name",
            "committee__council_id",
            "person__surname",
            "person__first_name",
            "person_id",
            "committee__name",
        )
    )
    councils: dict[int, CouncilPeople] = {}
    listed: dict[tuple[int, int], ListedPerson] = {}
    for seat in seats:
        council = seat.committee.council
        group = councils.setdefault(council.pk, CouncilPeople(name=council.name))
        key = (council.pk, seat.person_id)
        entry = listed.get(key)
        if entry is None:
            entry = listed[key] = ListedPerson(person=seat.person)
            (group.councillors if seat.person.is_councillor else group.others).append(entry)
        entry.seats.append(seat)
    return list(councils.values())
