"""
Run the portal as `make run` does: the web server on 127.0.0.1:8000 and a
Celery worker (with beat, for the daily tracker rules) beside it.
"""

import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start the web server and a background Celery worker together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        worker = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "scrutiny", "worker", "--beat",
                "--loglevel=INFO", "--concurrency=2",
                "--schedule", str(settings.VAR_DIR / "celerybeat-schedule"),
            ]
        )  # fmt: skip
        self.stdout.write(f"Background worker started (pid {worker.pid}).")
        self.stdout.write(f"The portal is on http://{addrport}/ — press Ctrl-C to stop.")
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)
