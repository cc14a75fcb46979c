"""
A committee's work programme ("Work Plan 2023 - 2024"): themes, planned items, proposals.

These models were the committees app's until the work programme became an app of its own;
their tables keep the names they had then (committees_workprogramme...).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from committees.formatting import short_time
from committees.lineage import lineage_ids
from committees.models import Committee


def work_plan_date(meeting) -> str:
    """ "Wednesday 12 July 2023 @ 10am", the work plan's own style."""
    day = meeting.date
    return f"{day:%A} {day.day} {day:%B %Y} @ {short_time(meeting.start_time)}"


class WorkProgramme(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="work_programmes"
    )
    municipal_year = models.PositiveSmallIntegerField(
        help_text="The year it starts: 2023 for 2023 - 2024."
    )
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text="As printed; empty for the committee's name and the year.",
    )
    note = models.TextField(blank=True, help_text="Printed at the end, e.g. how to propose items.")

    class Meta:
        db_table = "committees_workprogramme"
        ordering = ["committee", "-municipal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "municipal_year"], name="one_work_programme_per_year"
            )
        ]

    def __str__(self):
        return self.printed_title

    def get_absolute_url(self):
        return reverse(
            "workprogramme:work_programme_year", args=[self.committee.slug, self.municipal_year]
        )

    @property
    def year_label(self) -> str:
        return f"{self.municipal_year} - {self.municipal_year + 1}"

    @property
    def printed_title(self) -> str:
        return self.title or f"{self.committee.name} Work Plan {self.year_label}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.municipal_year, 5, 1)

    @property
    def dates_until(self) -> datetime.date:
        """Meetings up to the end of the next May belong in this plan's list of dates."""
        return datetime.date(self.municipal_year + 1, 6, 1)


class Theme(models.Model):
    programme = models.ForeignKey(WorkProgramme, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "committees_theme"
        ordering = ["programme", "position", "pk"]

    def __str__(self):
        return self.name


class ThemeTopic(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="topics")
    text = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "committees_themetopic"
        ordering = ["theme", "position", "pk"]

    def __str__(self):
        return self.text


class WorkProgrammeItemQuerySet(models.QuerySet):
    def planned_for(self, meeting):
        """Items the work programme schedules for a meeting and that are not on its agenda yet."""
        return self.filter(
            meeting=meeting, agenda_item__isnull=True, status=WorkProgrammeItem.Status.SCHEDULED
        ).order_by("position", "pk")


class WorkProgrammeItem(models.Model):
    class Section(models.TextChoices):
        MEETING = "meeting", "At a meeting"
        OUTSTANDING = "outstanding", "Outstanding from last year"
        WORKSHOP = "workshop", "Workshop"
        TO_BE_SCHEDULED = "to_be_scheduled", "To be scheduled"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        SCHEDULED = "scheduled", "Scheduled"
        DEFERRED = "deferred", "Deferred"
        COMPLETED = "completed", "Completed"
        DROPPED = "dropped", "Declined or dropped"

    programme = models.ForeignKey(WorkProgramme, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=20, choices=Section, default=Section.TO_BE_SCHEDULED)
    group_heading = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            'For workshops and outstanding items, e.g. "Possible workshop with Adults & Health '
            'Scrutiny".'
        ),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=500)
    service_area = models.CharField(max_length=200, blank=True)
    lead_officer = models.CharField(max_length=300, blank=True)
    purpose = models.TextField(blank=True)
    forward_plan_ref = models.CharField(
        max_length=60,
        blank=True,
        help_text='A key decision on the Forward Plan, e.g. "FP/18/01/05".',
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.SCHEDULED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by_name = models.CharField(max_length=200, blank=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_programme_items",
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = WorkProgrammeItemQuerySet.as_manager()

    class Meta:
        db_table = "committees_workprogrammeitem"
        ordering = ["programme", "position", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.section == self.Section.MEETING and not self.meeting_id:
            raise ValidationError({"meeting": "Pick the meeting this item is planned for."})
        if (
            self.meeting_id
            and self.programme_id
            and (self.meeting.committee_id not in lineage_ids(self.programme.committee))
        ):
            raise ValidationError(
                {"meeting": "The meeting belongs to another committee; pick one of its own."}
            )

    def accept(self, *, user, meeting=None, reason=""):
        self.status = self.Status.SCHEDULED
        self.section = self.Section.MEETING if meeting else self.Section.TO_BE_SCHEDULED
        self.meeting = meeting
        self._decide(user, reason)

    def decline(self, *, user, reason: str):
        if not reason.strip():
            raise ValidationError(
                {"reason": "Say why the proposal is declined; the reason is published."}
            )
        self.status = self.Status.DROPPED
        self._decide(user, reason)

    def _decide(self, user, reason):
        self.decision_reason = reason
        self.decided_by = user
        self.decided_at = timezone.now()
        self.full_clean()
        self.save()

    def add_to_agenda(self, user=None):
        """One step from the work programme to the meeting's agenda; the item links back."""
        from meetings import services

        if self.agenda_item_id:
            return self.agenda_item
        if not self.meeting_id:
            raise ValidationError("Schedule the item for a meeting before adding it to an agenda.")
        self.agenda_item = services.add_item(
            self.meeting,
            {"title": self.title, "description": self.purpose, "lead_officers": self.lead_officer},
            user=user,
        )
        self.save(update_fields=["agenda_item"])
        return self.agenda_item
