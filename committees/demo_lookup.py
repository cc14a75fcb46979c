"""
Find (or minimally create) the demo council, committees and meetings by their keys,
so that each app's demo loader works alone or after the others.
"""

import datetime
import os
from pathlib import Path

from django.conf import settings

from .models import Committee, Council

SOMERSET = "somerset"
CURRENT = "scrutiny-children-families"
PREDECESSOR = "scrutiny-policies-children-families"
STRAPLINE = (
    "The focus for the Committee is – what impact does this have on the children in Somerset?"
)
COUNTY_HALL = "Luttrell Room - County Hall, Taunton TA1 4DY"


def seeds_dir() -> Path:
    configured = os.environ.get("DEMO_SEEDS_DIR") or getattr(settings, "DEMO_SEEDS_DIR", None)
    return Path(configured) if configured else Path(settings.BASE_DIR).parent / "shared" / "seeds"


def seed_lines(name: str) -> list[str]:
    return (seeds_dir() / name).read_text(encoding="utf-8").splitlines()


def somerset() -> Council:
    council, _ = Council.objects.get_or_create(
        slug=SOMERSET,
        defaults={
            "name": "Somerset Council",
            "phone": "(01823) 357628",
            "email": "democraticservicesteam@somerset.gov.uk",
        },
    )
    return council


def predecessor_committee() -> Committee:
    committee, _ = Committee.objects.get_or_create(
        slug=PREDECESSOR,
        defaults={
            "council": somerset(),
            "name": "Scrutiny for Policies, Children and Families Committee",
            "is_active": False,
            "default_venue": COUNTY_HALL,
        },
    )
    return committee


def current_committee() -> Committee:
    committee, created = Committee.objects.get_or_create(
        slug=CURRENT,
        defaults={
            "council": somerset(),
            "name": "Scrutiny Committee - Childrens and Families",
            "focus_strapline": STRAPLINE,
            "default_venue": COUNTY_HALL,
            "default_start_time": datetime.time(10, 0),
        },
    )
    if not committee.predecessor_id:
        committee.predecessor = predecessor_committee()
        committee.save(update_fields=["predecessor"])
    if not committee.focus_strapline:
        committee.focus_strapline = STRAPLINE
        committee.save(update_fields=["focus_strapline"])
    return committee


def meeting(committee, day: datetime.date, start=datetime.time(10, 0), venue=COUNTY_HALL):
    from meetings.models import Meeting

    found = Meeting.objects.filter(committee=committee, date=day).order_by("pk").first()
    if found:
        return found
    status = Meeting.Status.HELD if day < datetime.date.today() else Meeting.Status.PUBLISHED
    return Meeting.objects.create(
        committee=committee, date=day, start_time=start, venue=venue, status=status
    )


def agenda_item(meeting, position: int, title: str):
    from meetings.models import AgendaItem

    found = AgendaItem.objects.filter(
        meeting=meeting, position=position, parent__isnull=True
    ).first()
    return found or AgendaItem.objects.create(meeting=meeting, position=position, title=title)
