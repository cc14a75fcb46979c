"""Load the demo councils, committees, meetings and papers that ship in demo/data."""

from django.core.management.base import BaseCommand

from demo import loader
from demo.records import read


class Command(BaseCommand):
    help = "Load the demo councils, committees, meetings and papers (idempotent)."

    def handle(self, *args, **options):
        loader.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        for sign_in in read("councils")["sign_ins"]:
            self.stdout.write(
                f"  Sign in as {sign_in['who']}: username {sign_in['username']!r}, "
                f"password {sign_in['password']!r}"
            )
