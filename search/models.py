"""
The search index: one row per thing the site search finds, rebuilt by services.py (in
Celery tasks, never in a request) whenever the thing changes.

Each row keeps, beside its text, what the one visibility rule (committees/access.py) needs to
know about the thing it stands for, read from the thing itself when the row was built: its
`access_committee`, `is_published` and `is_restricted`. The selector asks access.py which
committees the viewer may see unpublished or exempt material of, and filters on these.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        ITEM = "item", "Agenda item"
        PAPER = "paper", "Paper"
        MINUTE = "minute", "Minutes"
        DECISION = "decision", "Decision"
        TRACKER = "tracker", "Tracker entry"
        WORK_PROGRAMME = "work-programme", "Work programme item"
        ACTION_PLAN = "action-plan", "Action plan"

    group = models.CharField(
        max_length=40, help_text='What is rebuilt together: "meeting:12", "committee:3", "plan:5".'
    )
    kind = models.CharField(max_length=20, choices=Kind)
    object_id = models.PositiveIntegerField()
    committee = models.ForeignKey(
        "committees.Committee",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The thing's access_committee; empty for an action plan reported to none.",
    )
    date = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=600)
    body = models.TextField(blank=True, help_text="Plain text; a paper's pages end in form feeds.")
    url = models.CharField(max_length=600)
    is_published = models.BooleanField()
    is_restricted = models.BooleanField()
    # A paper in a pack: where its first page is, and the pack it is in.
    pack_url = models.CharField(max_length=600, blank=True)
    pack_first_page = models.PositiveIntegerField(null=True, blank=True)
    # PostgreSQL only, filled by backend.py: the title (weight A) and the body (weight B) in
    # English, matched through a GIN index; and the same for the title and the opening of
    # the body only, small enough to rank thousands of matches quickly.
    vector = SearchVectorField(null=True, editable=False)
    rank_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name_plural = "search entries"
        indexes = [
            models.Index(fields=["group"]),
            models.Index(fields=["committee", "date"]),
        ]
        # On PostgreSQL the vector also has a GIN index, made by migration 0001 there only
        # (SQLite has no GIN), so it is not declared here.

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
