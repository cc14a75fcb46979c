import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from committees.lineage import lineage_ids
from committees.models import Committee, Person
from meetings.models import AgendaItem, Meeting
from meetings.sanitise import clean_html

SOMERSET_LEGEND = [
    (
        "Completed",
        "Action complete and will be removed from tracker for next meeting",
        "green",
        "completed",
    ),
    ("Pending", "Action on-going or plans in place to address.", "amber", "pending"),
    (
        "Incomplete",
        "No action currently in place with a minimum of 3 months since action agreed.",
        "red",
        "incomplete",
    ),
]


class Tracker(models.Model):
    """A committee's outcome tracker: its legend and its entries, current and archived."""

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, related_name="outcome_tracker"
    )
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text='As printed, e.g. "… Children & Families Outcome Tracker 2022 - 23".',
    )

    def __str__(self):
        return self.printed_title

    def get_absolute_url(self):
        return reverse("tracker:detail", args=[self.committee.slug])

    @property
    def printed_title(self) -> str:
        return self.title or f"{self.committee.name} Outcome Tracker"

    @classmethod
    def for_committee(cls, committee) -> "Tracker":
        """The committee's tracker, created with the Somerset legend the first time."""
        tracker, created = cls.objects.get_or_create(committee=committee)
        if created:
            for position, (label, definition, colour, meaning) in enumerate(SOMERSET_LEGEND):
                LegendStatus.objects.create(
                    tracker=tracker,
                    label=label,
                    definition=definition,
                    colour=colour,
                    meaning=meaning,
                    position=position,
                )
        return tracker

    def status_with_meaning(self, meaning: str) -> "LegendStatus | None":
        return self.statuses.filter(meaning=meaning).first()


class LegendStatus(models.Model):
    class Colour(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"

    class Meaning(models.TextChoices):
        """What the daily rules read: which status is done, which is overdue."""

        COMPLETED = "completed", "Completed: leaves the tracker after the next meeting"
        PENDING = "pending", "Open: in progress"
        INCOMPLETE = "incomplete", "Overdue: set when there is no update for three months"

    tracker = models.ForeignKey(Tracker, on_delete=models.CASCADE, related_name="statuses")
    label = models.CharField(max_length=60)
    definition = models.CharField(max_length=300, blank=True)
    colour = models.CharField(max_length=5, choices=Colour)
    meaning = models.CharField(max_length=10, choices=Meaning, default=Meaning.PENDING)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["tracker", "position", "pk"]
        verbose_name_plural = "legend statuses"
        constraints = [
            models.UniqueConstraint(fields=["tracker", "label"], name="unique_legend_label")
        ]

    def __str__(self):
        return self.label


# The agenda items an entry's exemption comes from, as ORM paths from the entry: the item it
# was agreed under, and the item of its decision's minute; each exempt itself or as a sub-part
# of an exempt item (committees/access.py).
EXEMPTION_SOURCES = ("agenda_item", "decision__minute__agenda_item")


class EntryQuerySet(models.QuerySet):
    def on_tracker(self):
        return self.filter(archived_on__isnull=True)

    def archived(self):
        return self.filter(archived_on__isnull=False)

    def for_display(self):
        """With what a row prints and what `is_restricted` reads, in one query (+ owners)."""
        return self.select_related(
            "meeting",
            "status",
            "target_meeting",
            *(f"{source}__parent" for source in EXEMPTION_SOURCES),
        ).prefetch_related("owners")

    def in_print_order(self):
        return self.order_by("meeting__date", "position", "pk")

    # What committees/access.py asks of everything it may withhold.
    def published(self):
        """An entry is public as soon as it is on the tracker: there are no draft entries."""
        return self

    def unrestricted(self):
        """Not agreed under an exempt item or a sub-part of one, nor minuted under one."""
        queryset = self
        for source in EXEMPTION_SOURCES:
            queryset = queryset.exclude(**{f"{source}__is_exempt": True}).exclude(
                **{f"{source}__parent__is_exempt": True}
            )
        return queryset


TrackerEntryQuerySet = EntryQuerySet  # the name committees/access.py's protocol goes by


class TrackerEntry(models.Model):
    tracker = models.ForeignKey(Tracker, on_delete=models.CASCADE, related_name="entries")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The meeting that agreed the outcome.",
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.ForeignKey(
        "minutes.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tracker_entries",
    )
    item_title = models.CharField(
        "agenda item", max_length=500, help_text="As printed in the tracker's first column."
    )
    owners = models.ManyToManyField(Person, blank=True, related_name="+")
    owners_text = models.CharField(
        "lead / owner as printed",
        max_length=300,
        blank=True,
        help_text='Free text, e.g. "Phil Curd John Perrett"; empty to list the owners picked.',
    )
    agreed_outcome = models.TextField(help_text="Rich text; cleaned when saved.")
    status = models.ForeignKey(LegendStatus, on_delete=models.PROTECT, related_name="entries")
    status_note = models.TextField(
        blank=True, help_text='Printed under the status, e.g. "Update to May \'23 mtg".'
    )
    target_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_on = models.DateField()
    last_updated_on = models.DateField(
        help_text="The day of the last update; the rules count from it."
    )
    completed_on = models.DateField(null=True, blank=True)
    archived_on = models.DateField(
        null=True,
        blank=True,
        help_text="Set when the entry leaves the tracker; it stays in the archive.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["tracker", "meeting__date", "position", "pk"]
        verbose_name_plural = "tracker entries"

    def __str__(self):
        return f"{self.item_title} ({self.meeting.date:%-d %B %Y})"

    def save(self, *args, **kwargs):
        self.clean()
        self.agreed_outcome = clean_html(self.agreed_outcome)
        if self.agreed_on is None:
            self.agreed_on = self.meeting.date
        if self.last_updated_on is None:
            self.last_updated_on = self.agreed_on
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("tracker:entry", args=[self.pk])

    def clean(self):
        errors = {}
        if self.status_id and self.tracker_id and self.status.tracker_id != self.tracker_id:
            labels = ", ".join(self.tracker.statuses.values_list("label", flat=True))
            errors["status"] = (
                f"“{self.status.label}” is not a status in this committee's legend ({labels})."
            )
        if self.tracker_id:
            committees = lineage_ids(self.tracker.committee)
            if self.target_meeting_id and self.target_meeting.committee_id not in committees:
                errors["target_meeting"] = (
                    f"The target meeting ({self.target_meeting}) belongs to another committee; "
                    f"pick a meeting of the {self.tracker.committee.name}."
                )
            if self.meeting_id and self.meeting.committee_id not in committees:
                errors["meeting"] = (
                    f"The meeting ({self.meeting}) belongs to another committee; an entry comes "
                    f"from a meeting of the {self.tracker.committee.name} or the one it replaced."
                )
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            errors["agenda_item"] = "The agenda item belongs to another meeting."
        if errors:
            raise ValidationError(errors)

    @property
    def owners_display(self) -> str:
        return self.owners_text or ", ".join(owner.full_name for owner in self.owners.all())

    @property
    def is_archived(self) -> bool:
        return self.archived_on is not None

    # What committees/access.py asks of everything it may withhold. Select the items with
    # `for_display()` (or the paths in EXEMPTION_SOURCES) to read this without more queries.
    @property
    def access_committee(self):
        return self.tracker.committee

    @property
    def is_published(self) -> bool:
        """Always: the tracker has no draft entries; an entry is public once it is on it."""
        return True

    @property
    def is_restricted(self) -> bool:
        """Agreed under an exempt item (or a sub-part of one), or minuted under one."""
        return any(item.is_restricted for item in self.exemption_items)

    @property
    def exemption_items(self) -> list[AgendaItem]:
        items = [self.agenda_item] if self.agenda_item_id else []
        if self.decision_id and self.decision.minute.agenda_item_id:
            items.append(self.decision.minute.agenda_item)
        return items


class StatusChangeQuerySet(models.QuerySet):
    """A line of history is withheld exactly when its entry is (committees/access.py)."""

    def published(self):
        return self

    def unrestricted(self):
        queryset = self
        for source in EXEMPTION_SOURCES:
            queryset = queryset.exclude(**{f"entry__{source}__is_exempt": True}).exclude(
                **{f"entry__{source}__parent__is_exempt": True}
            )
        return queryset


class StatusChange(models.Model):
    """One dated line of an entry's history: nothing here is ever edited or deleted."""

    entry = models.ForeignKey(TrackerEntry, on_delete=models.CASCADE, related_name="history")
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.ForeignKey(
        LegendStatus, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_status = models.ForeignKey(LegendStatus, on_delete=models.PROTECT, related_name="+")
    status_note = models.TextField(
        blank=True, help_text="The entry's status note after the change."
    )
    note = models.TextField(
        blank=True, help_text="Why: the update given, or the rule that applied."
    )
    by_rule = models.BooleanField(default=False)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "changed_at", "pk"]

    def __str__(self):
        return f"{self.from_status or '(new)'} → {self.to_status} on {self.changed_at:%d %b %Y}"

    @property
    def changed_on(self) -> datetime.date:
        return timezone.localtime(self.changed_at).date()

    # Follows its entry (committees/access.py).
    @property
    def access_committee(self):
        return self.entry.access_committee

    @property
    def is_published(self) -> bool:
        return self.entry.is_published

    @property
    def is_restricted(self) -> bool:
        return self.entry.is_restricted
