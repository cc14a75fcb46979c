import datetime

from django.core.management.base import BaseCommand

from tracker.services import apply_rules


class Command(BaseCommand):
    help = "Apply the outcome tracker rules now (the daily job does the same)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="YYYY-MM-DD")

    def handle(self, *args, **options):
        result = apply_rules(options.get("today"))
        self.stdout.write(
            f"{len(result.made_incomplete)} entries marked Incomplete, "
            f"{len(result.archived)} completed entries removed from the tracker."
        )
