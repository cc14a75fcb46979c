import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting

STALE_AFTER = datetime.timedelta(minutes=15)
# A build reports progress at every paper; this long without it, its worker has gone.
HEARTBEAT_LOST_AFTER = datetime.timedelta(seconds=90)


def pack_storage():
    """The default storage (disk or bucket, settings.STORAGES), followed when settings change."""
    return default_storage


class PackVersionQuerySet(models.QuerySet):
    def ready(self):
        return self.filter(status=PackVersion.Status.READY)

    def in_progress(self):
        return self.filter(status__in=[PackVersion.Status.QUEUED, PackVersion.Status.BUILDING])

    def stalled(self, now: datetime.datetime | None = None):
        """Builds to hand to a worker again: queued but not taken, or whose worker went silent."""
        now = now or timezone.now()
        silent_since = now - HEARTBEAT_LOST_AFTER
        return self.filter(
            models.Q(status=PackVersion.Status.QUEUED, created_at__lt=silent_since)
            | models.Q(status=PackVersion.Status.BUILDING, heartbeat_at__lt=silent_since)
        )

    def stale(self, now: datetime.datetime | None = None):
        """Builds nobody is working on any more: a worker died, or the task was lost."""
        now = now or timezone.now()
        return self.filter(
            models.Q(status=PackVersion.Status.BUILDING, started_at__lt=now - STALE_AFTER)
            | models.Q(status=PackVersion.Status.QUEUED, created_at__lt=now - STALE_AFTER)
        )


class PackVersion(models.Model):
    """One build of a meeting's agenda pack (or of a supplement to it)."""

    class Kind(models.TextChoices):
        PUBLIC = "public", "Public pack"
        CONFIDENTIAL = "confidential", "Confidential pack"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_versions")
    number = models.PositiveIntegerField(help_text="1, 2, 3… per meeting, kind and supplement.")
    kind = models.CharField(max_length=12, choices=Kind)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    stage = models.CharField(max_length=200, blank=True)
    percent = models.PositiveSmallIntegerField(default=0)
    failure_reason = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    is_supplement = models.BooleanField(default=False)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supplements",
        help_text="For a supplement: the main pack it adds to.",
    )
    supplement_number = models.PositiveSmallIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(
        default=timezone.now, help_text="Printed in the PDF as its creation date."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="When the build last reported progress."
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    file_size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    inputs_sha256 = models.CharField(
        max_length=64, blank=True, help_text="Hash of everything the pack was built from."
    )
    file = models.FileField(storage=pack_storage, blank=True)
    summary = models.JSONField(
        default=dict, blank=True, help_text="Agenda rows, page ranges and papers, for comparison."
    )
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when a public version printed a paper since exempt."
    )
    withdrawn_reason = models.CharField(max_length=300, blank=True)

    objects = PackVersionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "is_supplement", "number"], name="one_pack_number"
            ),
        ]

    def __str__(self):
        return f"{self.title}, version {self.number}"

    def get_absolute_url(self):
        return reverse("packs:download", args=[self.pk, self.download_name])

    @property
    def title(self) -> str:
        if self.is_supplement:
            return f"Supplement {self.supplement_number} ({self.get_kind_display().lower()})"
        return self.get_kind_display()

    def worker_is_alive(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return bool(self.heartbeat_at and self.heartbeat_at >= now - HEARTBEAT_LOST_AFTER)

    @property
    def is_in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.BUILDING)

    @property
    def is_confidential(self) -> bool:
        return self.kind == self.Kind.CONFIDENTIAL

    # What committees/access.py asks: the confidential pack is restricted; any pack is
    # published once its meeting is.
    @property
    def access_committee(self):
        return self.meeting.committee

    @property
    def is_published(self) -> bool:
        return self.meeting.is_published

    @property
    def is_restricted(self) -> bool:
        return self.is_confidential

    @property
    def download_name(self) -> str:
        meeting = self.meeting
        stem = f"{meeting.committee.slug}-{meeting.date:%Y-%m-%d}"
        if self.is_supplement:
            stem += f"-supplement-{self.supplement_number}"
        if self.is_confidential:
            stem += "-confidential"
        return f"{stem}-v{self.number}.pdf"
