"""Rebuild the whole search index (and read the text of papers never read)."""

from django.core.management.base import BaseCommand

from search import services


class Command(BaseCommand):
    help = "Rebuild the site search index from everything it indexes (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-text",
            action="store_true",
            help="Do not read the text of uploaded papers whose text was never read.",
        )

    def handle(self, *args, no_text=False, **options):
        services.reindex_everything(read_text=not no_text, stdout=self.stdout)
