"""The Somerset outcome tracker 2022 - 23 and the SEND Accelerated Progress Plan."""

import datetime

from django.utils import timezone

from actionplans.models import RAG_LEGEND, ActionPlan, Milestone, PlanAction
from committees.models import Committee
from meetings.models import Meeting
from minutes.models import Decision
from tracker.models import Tracker
from tracker.services import change_status, create_entry


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load_tracker(stdout, data: dict) -> Tracker:
    committee = Committee.objects.get(slug=data["committee"])
    tracker = Tracker.for_committee(committee)
    if tracker.title != data["title"]:
        tracker.title = data["title"]
        tracker.save(update_fields=["title"])
    if tracker.entries.exists():
        stdout.write(f"{tracker.title}: already loaded.")
        return tracker
    statuses = {status.label: status for status in tracker.statuses.all()}
    for position, row in enumerate(data["entries"], 1):
        meeting = Meeting.objects.get(committee__slug=data["origin_committee"], date=row["meeting"])
        decision = (
            Decision.objects.select_related("minute")
            .filter(minute__minutes__meeting=meeting, minute__heading=row["title"])
            .first()
        )
        report_back = row.get("report_back_to")
        entry = create_entry(
            when=at(meeting.date, 17),
            tracker=tracker,
            meeting=meeting,
            agenda_item=decision.minute.agenda_item if decision else None,
            decision=decision,
            item_title=row["title"],
            owners_text=row["owners"],
            agreed_outcome=row["outcome"],
            status=statuses["Pending"],
            agreed_on=meeting.date,
            position=position,
            target_meeting=(
                Meeting.objects.get(
                    committee__slug=report_back["committee"], date=report_back["date"]
                )
                if report_back
                else None
            ),
        )
        change_status(
            entry,
            statuses[row["status"]],
            status_note=row["status_note"],
            note=f"Status as reported in the pack of {data['updated_on']:%-d %B %Y}.",
            when=at(data["updated_on"], 12),
        )
    stdout.write(f"{tracker.title}: {len(data['entries'])} entries.")
    return tracker


def load_action_plan(stdout, data: dict) -> ActionPlan:
    plan, created = ActionPlan.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "title": data["title"],
            "committee": Committee.objects.get(slug=data["committee"]),
            "local_area": data["local_area"],
            "summary": data["summary"],
        },
    )
    plan.set_legend(RAG_LEGEND)
    if not created and plan.actions.exists():
        stdout.write(f"{plan.title}: already loaded.")
        return plan
    for position, row in enumerate(data["actions"], 1):
        action = PlanAction.objects.create(
            plan=plan,
            ref=row["ref"],
            area=row["area"],
            text=row["text"],
            by_when=row["by_when"],
            lead_officer=row["lead"],
            position=position,
        )
        Milestone.objects.bulk_create(
            Milestone(action=action, position=i, **milestone)
            for i, milestone in enumerate(row["milestones"], 1)
        )
    stdout.write(f"{plan.title}: {len(data['actions'])} actions.")
    return plan
