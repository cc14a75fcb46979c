"""
The minutes as printed, read in a fixed number of queries however long they are.

Printed as councils print them: for a reader who may not see exempt (Part 2, Schedule 12A)
information, the minute of an exempt item keeps its number and heading and says
"Exempt information: Schedule 12A paragraph N", and nothing of what was said or decided.
Who may see exempt information is decided in committees/access.py; the caller passes the
answer in (`sees_exempt`), and the public form is the default.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import (
    AttendanceEntry,
    Comment,
    Correction,
    Decision,
    Declaration,
    Minute,
    Minutes,
    MinutesSettings,
    PublicSpeaker,
)


@dataclass
class AttendanceBlock:
    category: str
    label: str
    entries: list[AttendanceEntry]

    @property
    def names(self) -> list[str]:
        return [entry.printed for entry in self.entries]

    @property
    def joined(self) -> str:
        """ "a, b and c", as the minutes print a list of people, or as printed where it differs."""
        parts = []
        last = len(self.entries) - 1
        for index, entry in enumerate(self.entries):
            parts.append(entry.printed)
            if index == last:
                break
            if entry.followed_by == AttendanceEntry.FollowedBy.SPACE:
                parts.append(" ")
            else:
                parts.append(" and " if index == last - 1 else ", ")
        return "".join(parts)


@dataclass
class PrintedMinute:
    """
    One minute as this reader may read it. A withheld (exempt) minute carries its number,
    heading and agenda item, and its Schedule 12A paragraph; its body, comments and
    responses, speakers, declarations, decisions and closing text are left empty here, so
    that no template can print them.
    """

    minute: Minute
    withheld: bool = False
    body: str = ""
    comments_intro: str = ""
    closing: str = ""
    comments: list[Comment] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    speakers: list[PublicSpeaker] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)

    @classmethod
    def of(cls, minute: Minute, sees_exempt: bool) -> "PrintedMinute":
        if minute.is_restricted and not sees_exempt:
            return cls(minute=minute, withheld=True)
        return cls(
            minute=minute,
            body=minute.body,
            comments_intro=minute.comments_intro,
            closing=minute.closing,
            comments=list(minute.comments.all()),
            decisions=list(minute.decisions.all()),
            speakers=list(minute.speakers.all()),
            declarations=list(minute.declarations.all()),
        )

    @property
    def pk(self):
        return self.minute.pk

    @property
    def label(self) -> str:
        return self.minute.label

    @property
    def heading(self) -> str:
        return self.minute.heading

    @property
    def agenda_item_id(self):
        return self.minute.agenda_item_id

    @property
    def reference_separator(self) -> str:
        return self.minute.reference_separator

    @property
    def agenda_reference(self) -> str:
        return self.minute.agenda_reference

    @property
    def is_restricted(self) -> bool:
        return self.minute.is_restricted

    @property
    def exempt_paragraph(self) -> int | None:
        return self.minute.exempt_paragraph


@dataclass
class PrintedMinutes:
    minutes: Minutes
    settings: MinutesSettings
    attendance: list[AttendanceBlock] = field(default_factory=list)
    entries: list[PrintedMinute] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    corrections_withheld: bool = False

    @property
    def holds_exempt_text(self) -> bool:
        """Whether this print shows exempt information (so it must not be cached publicly)."""
        return any(entry.is_restricted and not entry.withheld for entry in self.entries)

    @property
    def signature_lines(self) -> list[str]:
        if self.settings.signature_style == MinutesSettings.Signature.NAMED:
            return [line for line in self.settings.signature_text.splitlines() if line.strip()]
        return [self.minutes.meeting.committee.chair_term.upper()]


def minutes_for_print(minutes: Minutes, *, sees_exempt: bool = False) -> PrintedMinutes:
    """
    The minutes as printed for a reader; `sees_exempt` is access.sees_exempt(user, committee).
    Without it (the default) exempt minutes are withheld, and so is the record of corrections
    when there are exempt minutes: a correction does not say which minute it changed, and
    its before and after texts may be exempt.
    """

    def parts(queryset):
        # What a withheld minute would have shown is not even read from the database.
        return queryset if sees_exempt else queryset.unrestricted()

    minutes = (
        Minutes.objects.select_related(
            "meeting__committee__council", "approved_at_meeting__committee"
        )
        .prefetch_related(
            Prefetch(
                "attendance",
                queryset=AttendanceEntry.objects.select_related("person"),
            ),
            Prefetch(
                "minute_entries",
                queryset=Minute.objects.select_related("agenda_item__parent").prefetch_related(
                    Prefetch("comments", queryset=parts(Comment.objects.all())),
                    Prefetch("decisions", queryset=parts(Decision.objects.all())),
                    Prefetch("speakers", queryset=parts(PublicSpeaker.objects.all())),
                    Prefetch(
                        "declarations",
                        queryset=parts(Declaration.objects.select_related("person")),
                    ),
                ),
            ),
            "corrections",
        )
        .get(pk=minutes.pk)
    )
    committee_settings = MinutesSettings.objects.filter(
        committee_id=minutes.meeting.committee_id
    ).first() or MinutesSettings(committee=minutes.meeting.committee)

    by_category = {}
    for entry in minutes.attendance.all():
        # Members not yet recorded, or recorded as absent, are not printed.
        if entry.is_printed:
            by_category.setdefault(entry.printed_category, []).append(entry)
    blocks = [
        AttendanceBlock(category=value, label=label, entries=by_category[value])
        for value, label in AttendanceEntry.Category.choices
        if value in by_category
    ]
    minute_entries = list(minutes.minute_entries.all())
    for minute in minute_entries:
        minute.number_prefix = committee_settings.number_prefix
    entries = [PrintedMinute.of(minute, sees_exempt) for minute in minute_entries]
    corrections_withheld = any(entry.withheld for entry in entries)
    return PrintedMinutes(
        minutes=minutes,
        settings=committee_settings,
        attendance=blocks,
        entries=entries,
        corrections=[] if corrections_withheld else list(minutes.corrections.all()),
        corrections_withheld=corrections_withheld,
    )


def member_rows(minutes: Minutes) -> list[AttendanceEntry]:
    """
    The members' rows of the attendance form, in print order, with what the form shows of
    each (the person, the seat and any substitute) read in two queries however many.
    """
    rows = list(
        minutes.attendance.exclude(status=AttendanceEntry.Status.LISTED)
        .filter(substitute_of=None)
        .select_related("person", "membership")
        .prefetch_related("substitutes")
    )
    committee = minutes.meeting.committee
    for row in rows:
        row.minutes = minutes
        if row.membership_id:
            row.membership.committee = committee  # for its role as this council prints it
    return rows
