"""
The demo meetings, their agendas and papers.

Papers generated from data (minutes of the previous meeting, work programme, outcome
tracker) are created without a file: the pack builder renders them from their app's
data, as in production. Uploaded papers get a stand-in PDF of the printed length.
"""

import datetime
import io

from django.utils import timezone
from django.utils.text import slugify
from pypdf import PdfReader

from committees.models import Committee
from committees.working_days import is_working_day
from meetings import services
from meetings.models import AgendaItem, Document, Meeting
from meetings.sanitise import clean_html
from meetings.uploads import is_tagged

from .records import read, time_of, upsert
from .stand_ins import render_stand_in


def _agenda_published_at(row: dict, committee: Committee) -> datetime.datetime | None:
    """A published or held demo meeting's agenda came out on its issue date, at 9am."""
    if row["status"] in (Meeting.Status.DRAFT, Meeting.Status.CANCELLED):
        return None
    day = row.get("issue_date") or committee.council.publication_deadline(row["date"])
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def load(stdout):
    data = read("meetings")
    made = 0
    for row in data["meetings"]:
        made += load_meeting(row)
    stdout.write(
        f"{len(data['meetings'])} meetings with {AgendaItem.objects.count()} agenda items; "
        f"{made} stand-in papers made."
    )


def load_meeting(row: dict) -> int:
    """The meeting, its annexes and agenda; returns how many stand-in papers were made."""
    committee = Committee.objects.select_related("council").get(slug=row["committee"])
    meeting = upsert(
        Meeting,
        {"committee": committee, "date": row["date"]},
        {
            "start_time": time_of(row["start"]),
            "end_time": time_of(row.get("end")),
            "venue": row.get("venue") or committee.default_venue,
            "kind": row.get("kind", Meeting.Kind.FORMAL),
            "status": row["status"],
            "agenda_published_at": _agenda_published_at(row, committee),
            "is_webcast": row.get("webcast", False),
            "is_audio_recorded": row.get("audio_recorded", False),
            "online_joining_details": clean_html(row.get("online_joining_details", "")),
            "issue_date": row.get("issue_date"),
        },
    )
    made = sum(
        load_paper(meeting, None, position, paper)
        for position, paper in enumerate(row.get("annexes", []), 1)
    )
    for position, item in enumerate(row.get("items", []), 1):
        made += load_item(meeting, None, position, item)
    return made


def load_item(meeting: Meeting, parent, position: int, row: dict) -> int:
    item = upsert(
        AgendaItem,
        {"meeting": meeting, "parent": parent, "position": position},
        {
            "title": row["title"],
            "kind": row["kind"],
            "description": clean_html(row.get("description", "")),
            "lead_officers": row.get("lead_officers", ""),
            "time_allocation": row.get("minutes"),
            "is_to_follow": row.get("to_follow", False),
        },
    )
    made = sum(
        load_paper(meeting, item, paper_position, paper)
        for paper_position, paper in enumerate(row.get("papers", []), 1)
    )
    for sub_position, sub_item in enumerate(row.get("sub_items", []), 1):
        made += load_item(meeting, item, sub_position, sub_item)
    return made


def load_paper(meeting: Meeting, item, position: int, row: dict) -> int:
    document = upsert(
        Document,
        {"meeting": meeting, "agenda_item": item, "position": position},
        {"title": row["title"], "kind": row["kind"]},
    )
    if row.get("from_data") or has_file(document):
        return 0
    content = render_stand_in(
        council=meeting.committee.council.name,
        title=row["title"],
        summary=row["summary"],
        meeting=f"the meeting of {meeting.date:%-d %B %Y}",
        pages=row["pages"],
    )
    document.store_file(f"{slugify(row['title'])[:60]}.pdf", content)
    document.page_count = row["pages"]
    document.is_tagged = is_tagged(PdfReader(io.BytesIO(content)))
    document.save()
    return 1


def has_file(document: Document) -> bool:
    return bool(document.file) and document.file.storage.exists(document.file.name)


def load_upcoming_meetings(stdout):
    """
    The seed meetings are all in the past, so each demo committee also gets one
    draft meeting about four weeks ahead, made from its standard items the way an
    officer would make it. Skipped while the committee has an upcoming meeting,
    so running the demo again, that day or later, adds nothing.
    """
    today = timezone.localdate()
    for row in read("meetings")["upcoming"]:
        committee = Committee.objects.get(slug=row["committee"])
        if Meeting.objects.filter(committee=committee).upcoming().exists():
            continue
        day = today + datetime.timedelta(weeks=4)
        day += datetime.timedelta(days=(row["weekday"] - day.weekday()) % 7)
        # A working day, and not in the break between about 20 December and 2 January.
        while not is_working_day(day) or not (3 <= day.timetuple().tm_yday <= 353):
            day += datetime.timedelta(weeks=1)
        services.create_meeting(committee, date=day, user=None)
        stdout.write(f"Upcoming draft meeting: {committee.name}, {day:%-d %B %Y}.")
