"""The minutes as printed, read in a fixed number of queries however long they are."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import AttendanceEntry, Declaration, Minute, Minutes, MinutesSettings


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
class PrintedMinutes:
    minutes: Minutes
    settings: MinutesSettings
    attendance: list[AttendanceBlock] = field(default_factory=list)
    entries: list[Minute] = field(default_factory=list)
    corrections: list = field(default_factory=list)

    @property
    def signature_lines(self) -> list[str]:
        if self.settings.signature_style == MinutesSettings.Signature.NAMED:
            return [line for line in self.settings.signature_text.splitlines() if line.strip()]
        return [self.minutes.meeting.committee.chair_term.upper()]


def minutes_for_print(minutes: Minutes) -> PrintedMinutes:
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
                queryset=Minute.objects.select_related("agenda_item").prefetch_related(
                    "comments",
                    "decisions",
                    "speakers",
                    Prefetch("declarations", queryset=Declaration.objects.select_related("person")),
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
        by_category.setdefault(entry.category, []).append(entry)
    blocks = [
        AttendanceBlock(category=value, label=label, entries=by_category[value])
        for value, label in AttendanceEntry.Category.choices
        if value in by_category
    ]
    entries = list(minutes.minute_entries.all())
    for entry in entries:
        entry.number_prefix = committee_settings.number_prefix
    return PrintedMinutes(
        minutes=minutes,
        settings=committee_settings,
        attendance=blocks,
        entries=entries,
        corrections=list(minutes.corrections.all()),
    )
