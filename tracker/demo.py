# ruff: noqa: E501  (seed text kept as printed)
"""The 2022-23 outcome tracker (every row of the 4 May 2023 pack) and the SEND APP's actions."""

import datetime
import re
from html import unescape

from django.utils import timezone

from committees import demo_lookup
from minutes.models import Decision

from .models import LegendStatus, Tracker, TrackerEntry
from .plans import RAG_LEGEND, ActionPlan, Milestone, PlanAction
from .services import change_status, create_entry

PACK = "somerset-scrutiny-children-families-2023-05-04-pack.txt"
APP = "somerset-send-accelerated-progress-plan-2023.txt"
TRACKER_TITLE = "Scrutiny Committee - Children & Families Outcome Tracker 2022 - 23"
GROUP = re.compile(r"^<b>(\d{1,2} \w+ \d{4})</b>\t+$")
# Status updates were recorded before the pack was issued on 25 April 2023.
UPDATED_ON = datetime.date(2023, 4, 24)


def parse_tracker(lines: list[str]) -> list[dict]:
    start = next(i for i, line in enumerate(lines) if line.startswith("Agenda items\tLead / Owner"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Completed\tAction complete"))
    rows, meeting_day = [], None
    for line in lines[start + 1 : end]:
        group = GROUP.match(line)
        if group:
            meeting_day = datetime.datetime.strptime(group.group(1), "%d %B %Y").date()
            continue
        cells = line.split("\t")
        if len(cells) != 4 or meeting_day is None:
            continue
        title, owners, outcome, status = cells
        rows.append(
            {
                "meeting": meeting_day,
                "title": unescape(re.sub(r"</?b>", "", title)).strip(),
                "owners": owners.strip(),
                "outcome": outcome.strip(),
                "status_lines": _status_lines(status),
            }
        )
    return rows


def _status_lines(cell: str) -> list[str]:
    """ "<b>Completed</b> <b>Update to May '23 mtg</b>" -> ["Completed", "Update to May '23 mtg"]."""
    parts = re.findall(r"<b>(.*?)</b>([^<]*)", cell)
    lines = [
        unescape(f"{bold.strip()} {after.strip()}").strip().rstrip(",") for bold, after in parts
    ]
    return [line for line in lines if line]


def load(stdout):
    committee = demo_lookup.current_committee()
    predecessor = demo_lookup.predecessor_committee()
    tracker = Tracker.for_committee(committee)
    if not tracker.title:
        tracker.title = TRACKER_TITLE
        tracker.save(update_fields=["title"])
    if tracker.entries.exists():
        stdout.write("Outcome tracker 2022 - 23: already loaded.")
    else:
        _load_tracker(tracker, predecessor)
        stdout.write(f"Outcome tracker 2022 - 23: {tracker.entries.count()} entries loaded.")
    _load_plan(committee, stdout)


def _load_tracker(tracker, predecessor):
    statuses = {status.label: status for status in tracker.statuses.all()}
    pending = tracker.status_with_meaning(LegendStatus.Meaning.PENDING)
    updated_at = timezone.make_aware(datetime.datetime.combine(UPDATED_ON, datetime.time(12, 0)))
    may_meeting = demo_lookup.meeting(tracker.committee, datetime.date(2023, 5, 4))
    for position, row in enumerate(parse_tracker(demo_lookup.seed_lines(PACK)), start=1):
        meeting = demo_lookup.meeting(predecessor, row["meeting"])
        lines = row["status_lines"]
        status = statuses.get(lines[0]) if lines else None
        note_lines = lines[1:] if status else lines
        decision = Decision.objects.filter(
            minute__minutes__meeting=meeting, minute__heading=row["title"]
        ).first()
        agreed_at = timezone.make_aware(
            datetime.datetime.combine(meeting.date, datetime.time(17, 0))
        )
        entry = create_entry(
            when=agreed_at,
            tracker=tracker,
            meeting=meeting,
            agenda_item=decision.minute.agenda_item if decision else None,
            decision=decision,
            item_title=row["title"],
            owners_text=row["owners"],
            agreed_outcome=row["outcome"],
            status=pending,
            agreed_on=meeting.date,
            position=position,
            target_meeting=may_meeting if any("May '23" in line for line in note_lines) else None,
        )
        change_status(
            entry,
            status or pending,
            status_note="\n".join(note_lines),
            note="Status as reported in the 4 May 2023 pack.",
            when=updated_at,
        )
    return TrackerEntry.objects.filter(tracker=tracker).count()


def parse_plan(lines: list[str]) -> list[dict]:
    """Numbered actions and the milestone rows under them, as far as the text keeps them in order."""
    actions, current = [], None
    area = ""
    for raw in lines:
        cells = [cell.strip() for cell in raw.split("\t")]
        cells = [cell for cell in cells if cell != ""] if raw.startswith("\t") else cells
        if raw.startswith("Poor a\toor assessment"):
            area = "Poor assessment and meeting of need caused by inconsistent practice, leading to poor outcomes for children and young people with SEND"
            continue
        if raw.startswith("Too many children and young people not accessing education"):
            area = raw.strip()
            continue
        ref = re.match(r"^\s*(\d\.\d)$", cells[0]) if cells else None
        if ref and len(cells) >= 3:
            current = {
                "ref": ref.group(1),
                "area": area,
                "text": cells[1],
                "by_when": cells[2] if len(cells) > 2 else "",
                "lead": cells[3] if len(cells) > 3 else "",
                "milestones": [],
            }
            actions.append(current)
            continue
        if (
            current
            and len(cells) >= 2
            and re.search(r"\b(20\d\d)\b", cells[-2] if len(cells) > 2 else cells[-1])
        ):
            text, by_when = cells[0], cells[1]
            responsible = cells[2] if len(cells) > 2 else ""
            if text and len(text) > 15 and not text.startswith(("Action", "By when")):
                current["milestones"].append(
                    {"text": text, "by_when": by_when, "responsible": responsible}
                )
    return actions


def _load_plan(committee, stdout):
    plan, created = ActionPlan.objects.get_or_create(
        slug="somerset-send-app-2023",
        defaults={
            "title": "Somerset Special Educational Needs and Disabilities Accelerated Progress Plan",
            "committee": committee,
            "local_area": "Somerset",
            "summary": (
                "The accelerated progress plan comprises ten numbered actions, each with a number "
                "of contributing milestones or activities."
            ),
        },
    )
    plan.set_legend(RAG_LEGEND)
    if not created and plan.actions.exists():
        stdout.write("SEND Accelerated Progress Plan: already loaded.")
        return
    for position, parsed in enumerate(
        sorted(parse_plan(demo_lookup.seed_lines(APP)), key=lambda action: action["ref"]), start=1
    ):
        action = PlanAction.objects.create(
            plan=plan,
            ref=parsed["ref"],
            area=parsed["area"],
            text=parsed["text"],
            by_when=parsed["by_when"],
            lead_officer=parsed["lead"],
            position=position,
        )
        for milestone_position, milestone in enumerate(parsed["milestones"], start=1):
            Milestone.objects.create(action=action, position=milestone_position, **milestone)
    stdout.write(f"SEND Accelerated Progress Plan: {plan.actions.count()} actions loaded.")
