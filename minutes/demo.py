# ruff: noqa: E501  (seed text kept as printed)
"""The minutes of 6 March 2023 (Somerset), read from the 4 May 2023 agenda pack."""

import datetime
import re
from html import escape

from committees import demo_lookup
from committees.models import Membership

from .models import AttendanceEntry, Comment, Decision, Minute, Minutes, MinutesSettings

PACK = "somerset-scrutiny-children-families-2023-05-04-pack.txt"
MARCH_2023 = datetime.date(2023, 3, 6)

AGENDA_6_MARCH = [
    "Apologies for Absence",
    "Declarations of Interest",
    "Minutes from the previous meeting held on 16 January 2023",
    "Public Question Time",
    "Scrutiny for Policies, Children and Families Committee Work Programme",
    "Joint Local Area SEND Inspection Outcomes and update on SEND Green Paper",
    "'Education for Life' Strategy",
    "LA Maintained Schools – Core Offer – update",
    "Scrutiny Committee Task and Finish Groups - update",
    "Items for Information - Standing Item",
    "Any other urgent items of business",
]

V = "virtual"
PRESENT = [
    ("Cllr L Redman", "chair", ""), ("Cllr O Patrick", "vice_chair", ""), ("Cllr S Aujla", "", ""),
    ("Cllr J Baker", "", ""), ("Cllr A Hadley", "", ""), ("Cllr B Height", "", ""),
    ("Cllr J Hunt", "", ""), ("Cllr J Kenton", "", ""), ("Cllr M Lovell", "", ""),
    ("Cllr L Trimnell", "", "Cllr S Hart"), ("Cllr E Potts-Jones", V, ""), ("Cllr S Carswell", V, ""),
]  # fmt: skip
# As printed, with no comma after the first name: "(attended virtually) Ruth Hobbs".
CO_OPTED = [("The Revd. T Osmond", V, "space"), ("Ruth Hobbs", "", ""), ("E Tipper", "", "")]
OTHERS_IN_PERSON = ["Cllr T Munt", "Cllr F Nicholson"]
OTHERS_VIRTUAL = [
    "Cllr S Hart", "Cllr T Munt", "Cllr F Nicholson", "Cllr M Chilcott", "Cllr N Clark",
    "Cllr A Dingwall", "Cllr M Kravis", "Cllr K Pearce", "Cllr G Slocombe", "Cllr G Wren",
]  # fmt: skip
APOLOGIES = ["Cllr J Snell"]

HEADING = re.compile(r"^(?:## )?(\d+) (.+?)\s+([-–]) Agenda Item (\d+)$")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
DECISION_START = ("It was AGREED", "The Committee requested", "The Committee further recognises")


def _inline(text: str) -> str:
    """Seed markdown to the little HTML the minutes keep: bold, italics; links keep their text."""
    text = LINK.sub(r"\1", text)
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text)
    text = escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)


def _plain(text: str) -> str:
    """Plain text as printed: emphasis marks dropped ("scrutiny *should* look at")."""
    text = LINK.sub(r"\1", text)
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text).replace("**", "")
    return re.sub(r"\*(\S[^*]*?)\*", r"\1", text).strip()


def parse_minutes(lines: list[str]) -> list[dict]:
    """Split the seed's minutes into numbered minutes with body, comments, decisions, closing."""
    start = next(
        i for i, line in enumerate(lines) if line.startswith("1 **Declarations of Interest**")
    )
    end = next(i for i, line in enumerate(lines) if line.startswith("**(The meeting ended"))
    minutes, current = [], None
    for raw in lines[start:end]:
        line = raw.strip()
        heading = HEADING.match(line)
        if heading:
            current = {
                "number": int(heading.group(1)),
                "heading": _plain(heading.group(2)).strip("*").strip(),
                "separator": heading.group(3),
                "agenda_item": int(heading.group(4)),
                "body": [],
                "comments_intro": "",
                "comments": [],
                "decisions": [],
                "closing": [],
                "state": "body",
            }
            minutes.append(current)
            continue
        if not line or current is None:
            continue
        if line.startswith("The Committee made a number of comments"):
            current["comments_intro"] = line
            current["state"] = "comments"
            continue
        if current["state"] == "comments":
            if line.startswith("- "):
                text, _, response = line[2:].partition(" – *")
                current["comments"].append([_plain(text), response.rstrip("*").strip()])
                continue
            if line.startswith("*") and current["comments"]:
                current["comments"][-1][1] += " " + line.strip("*").strip()
                continue
            current["state"] = "after"
        if line.startswith("On behalf of the Committee"):
            current["closing"].append(f"<p>{_inline(line)}</p>")
        elif line.startswith(DECISION_START) or current["state"] == "after":
            current["decisions"].append(_plain(line))
        elif line.startswith("### "):
            current["body"].append(f"<h4>{_inline(line[4:])}</h4>")
        elif line.startswith("- "):
            current["body"].append(f"<li>{_inline(line[2:])}</li>")
        elif line.startswith("*") and current["body"] and current["body"][-1].startswith("<li>"):
            current["body"][-1] = current["body"][-1][:-5] + f"<br>{_inline(line)}</li>"
        else:
            current["body"].append(f"<p>{_inline(line)}</p>")
    return minutes


def _body_html(parts: list[str]) -> str:
    """Consecutive list items go into one list."""
    html, in_list = [], False
    for part in parts:
        if part.startswith("<li>") and not in_list:
            html.append("<ul>")
            in_list = True
        elif not part.startswith("<li>") and in_list:
            html.append("</ul>")
            in_list = False
        html.append(part)
    if in_list:
        html.append("</ul>")
    return "".join(html)


def load(stdout):
    predecessor = demo_lookup.predecessor_committee()
    current = demo_lookup.current_committee()
    MinutesSettings.objects.get_or_create(committee=predecessor)
    MinutesSettings.objects.get_or_create(committee=current)
    meeting = demo_lookup.meeting(
        predecessor, MARCH_2023, start=datetime.time(13, 0), venue=demo_lookup.COUNTY_HALL
    )
    if meeting.end_time is None:
        meeting.end_time = datetime.time(16, 5)
        meeting.save(update_fields=["end_time"])
    if Minutes.objects.filter(meeting=meeting).exists():
        stdout.write("Minutes of 6 March 2023: already loaded.")
        return
    items = {
        position: demo_lookup.agenda_item(meeting, position, title)
        for position, title in enumerate(AGENDA_6_MARCH, start=1)
    }
    minutes = Minutes.objects.create(
        meeting=meeting,
        heading="SCRUTINY FOR POLICIES, CHILDREN AND FAMILIES COMMITTEE",
        venue="Luttrell Room - County Hall, Taunton",
        end_time=datetime.time(16, 5),
    )
    _load_attendance(minutes)
    for parsed in parse_minutes(demo_lookup.seed_lines(PACK)):
        minute = Minute.objects.create(
            minutes=minutes,
            number=parsed["number"],
            agenda_item=items[parsed["agenda_item"]],
            heading=parsed["heading"],
            reference_separator=parsed["separator"],
            body=_body_html(parsed["body"]),
            comments_intro=parsed["comments_intro"] or Minute.DEFAULT_COMMENTS_INTRO,
            closing="".join(parsed["closing"]),
        )
        for position, (text, response) in enumerate(parsed["comments"], start=1):
            Comment.objects.create(minute=minute, text=text, response=response, position=position)
        for position, wording in enumerate(parsed["decisions"], start=1):
            Decision.objects.create(minute=minute, wording=wording, position=position)
    minutes.publish()
    may_meeting = demo_lookup.meeting(current, datetime.date(2023, 5, 4))
    minutes.approve(may_meeting, datetime.date(2023, 5, 4))
    stdout.write("Minutes of 6 March 2023: loaded, approved at the meeting on 4 May 2023.")


def _load_attendance(minutes):
    people = {
        membership.person.short_name: membership.person
        for membership in Membership.objects.filter(
            committee__slug__in=[demo_lookup.CURRENT, demo_lookup.PREDECESSOR], person__isnull=False
        ).select_related("person")
    }
    position = 0

    def add(category, name, role="", substitute_for="", virtual=False, followed_by=""):
        nonlocal position
        position += 1
        AttendanceEntry.objects.create(
            minutes=minutes,
            category=category,
            person=people.get(name),
            name=name,
            role=role,
            substitute_for=substitute_for,
            attended_virtually=virtual,
            followed_by=followed_by,
            position=position,
        )

    for name, note, substitute_for in PRESENT:
        role = note if note in ("chair", "vice_chair") else ""
        add("present", name, role, substitute_for, virtual=note == V)
    for name, note, followed_by in CO_OPTED:
        add("co_opted", name, virtual=note == V, followed_by=followed_by)
    for name in OTHERS_IN_PERSON:
        add("other_in_person", name)
    for name in OTHERS_VIRTUAL:
        add("other_virtual", name)
    for name in APOLOGIES:
        add("apologies", name)
