"""
The demo, loaded in order: each step reads its data file in demo/data and may rely
on the rows of the steps before it. Every step is idempotent.
"""

from django.db import transaction

from search import services as search_services

from . import committees, meetings, minutes, packs, tracker, work_programme
from .records import read

STEPS = [
    ("councils and committees", committees.load),
    ("meetings", meetings.load),
    ("work programme", lambda stdout: work_programme.load(stdout, read("work_programme"))),
    ("minutes", lambda stdout: minutes.load(stdout, read("minutes"))),
    ("outcome tracker", lambda stdout: tracker.load_tracker(stdout, read("tracker"))),
    ("action plan", lambda stdout: tracker.load_action_plan(stdout, read("action_plan"))),
    ("packs", packs.load),
    ("upcoming meetings", meetings.load_upcoming_meetings),
    ("search index", lambda stdout: search_services.reindex_everything(stdout=stdout)),
]


def load(stdout, until: str | None = None) -> None:
    """Run the steps in order; with `until`, stop after the step of that name."""
    for name, step in STEPS:
        with transaction.atomic():
            step(stdout)
        if name == until:
            return
