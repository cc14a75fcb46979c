"""
Build the demo portal from the real agenda packs in ../shared/seeds (or DEMO_SEEDS_DIR).

Each app contributes a loader; they run in order, and each is idempotent, so
running the command twice changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

DEMO_LOADERS = [
    "committees.demo.load",
    "meetings.demo.load",
    "meetings.agenda_templates.load_demo_templates",
    "meetings.agenda_templates.load_demo_upcoming_meetings",
    "committees.workprogramme_demo.load",
    "minutes.demo.load",
    "tracker.demo.load",
    "packs.demo.load",
]

DEMO_SIGN_INS = [
    ("officer", "officer-demo", "a democratic services officer"),
    ("councillor", "councillor-demo", "Councillor Leigh Redman, Chair of the Somerset committee"),
]


class Command(BaseCommand):
    help = "Load the demo councils, committees, meetings and papers (idempotent)."

    def handle(self, *args, **options):
        for dotted_path in DEMO_LOADERS:
            loader = import_string(dotted_path)
            with transaction.atomic():
                loader(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        for username, password, who in DEMO_SIGN_INS:
            self.stdout.write(f"  Sign in as {who}: username {username!r}, password {password!r}")
