"""The minutes of 6 March 2023, approved at the meeting of 4 May 2023."""

from committees.models import Committee, Membership
from meetings.models import AgendaItem, Meeting
from minutes.models import AttendanceEntry, Comment, Decision, Minute, Minutes, MinutesSettings

from .records import time_of


def load(stdout, data: dict) -> Minutes:
    """Load minutes described by `data` (the shape of demo/data/minutes.yaml)."""
    committee = Committee.objects.get(slug=data["committee"])
    for slug in (data["committee"], data["approved_at"]["committee"]):
        MinutesSettings.objects.get_or_create(committee=Committee.objects.get(slug=slug))
    meeting = Meeting.objects.get(committee=committee, date=data["date"])
    existing = Minutes.objects.filter(meeting=meeting).first()
    if existing:
        stdout.write(f"Minutes of {meeting.date:%-d %B %Y}: already loaded.")
        return existing
    items = {
        position: agenda_item(meeting, position, title)
        for position, title in enumerate(data["agenda"], 1)
    }
    minutes = Minutes.objects.create(
        meeting=meeting, heading=data["heading"], venue=data["venue"], end_time=time_of(data["end"])
    )
    load_attendance(
        minutes, data["attendance"], [data["committee"], data["approved_at"]["committee"]]
    )
    for row in data["minutes"]:
        minute = Minute.objects.create(
            minutes=minutes,
            number=row["number"],
            agenda_item=items[row["agenda_item"]],
            heading=row["heading"],
            reference_separator=row.get("separator", "-"),
            body=row.get("body", ""),
            comments_intro=row.get("comments_intro") or Minute.DEFAULT_COMMENTS_INTRO,
            closing=row.get("closing", ""),
        )
        Comment.objects.bulk_create(
            Comment(minute=minute, text=comment["text"], response=comment["response"], position=i)
            for i, comment in enumerate(row.get("comments", []), 1)
        )
        Decision.objects.bulk_create(
            Decision(minute=minute, position=i, **decision_fields(decision))
            for i, decision in enumerate(row.get("decisions", []), 1)
        )
    minutes.publish()
    approved_at = Meeting.objects.get(
        committee__slug=data["approved_at"]["committee"], date=data["approved_at"]["date"]
    )
    minutes.approve(approved_at, approved_at.date)
    stdout.write(
        f"Minutes of {meeting.date:%-d %B %Y}: {len(data['minutes'])} minutes, "
        f"approved at the meeting of {approved_at.date:%-d %B %Y}."
    )
    return minutes


def agenda_item(meeting: Meeting, position: int, title: str) -> AgendaItem:
    found = AgendaItem.objects.filter(meeting=meeting, position=position, parent=None).first()
    return found or AgendaItem.objects.create(meeting=meeting, position=position, title=title)


def load_attendance(minutes: Minutes, attendance: dict, committee_slugs: list[str]) -> None:
    """Attendance as printed; names that are members' short names link to the person."""
    people = {
        membership.person.short_name: membership.person
        for membership in Membership.objects.filter(
            committee__slug__in=committee_slugs, person__isnull=False
        ).select_related("person")
    }
    entries = []
    for category, rows in attendance.items():
        for row in rows:
            row = row if isinstance(row, dict) else {"name": row}
            entries.append(
                AttendanceEntry(
                    minutes=minutes,
                    category=category,
                    person=people.get(row["name"]),
                    name=row["name"],
                    role=row.get("role", ""),
                    substitute_for=row.get("substitute_for", ""),
                    attended_virtually=row.get("virtual", False),
                    followed_by=row.get("followed_by", ""),
                    position=len(entries) + 1,
                )
            )
    AttendanceEntry.objects.bulk_create(entries)


def decision_fields(decision) -> dict:
    """A decision in minutes.yaml is its wording, or a mapping with `addressed_to` as well."""
    if isinstance(decision, str):
        return {"wording": decision}
    return {"wording": decision["wording"], "addressed_to": decision.get("addressed_to", "")}
