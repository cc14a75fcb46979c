import datetime
import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename

from committees.formatting import long_date
from committees.models import Committee

from .exempt import ExemptParagraph
from .sanitise import clean_html


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(date__gte=today).exclude(status=Meeting.Status.CANCELLED)

    def past(self, today: datetime.date | None = None):
        return self.filter(date__lt=today or timezone.localdate())

    def announced(self):
        """
        Meetings whose committee, date, time, venue and notice are public: every meeting,
        from the moment it exists (a meeting's notice is public in UK councils). Nothing of
        an announced meeting's agenda is public until it is published (`published()`).
        """
        return self.all()

    def visible_to_public(self):
        """The meetings the public may see listed: the announced ones, not only the published."""
        return self.announced()

    def published(self):
        """Meetings whose agenda is published: their items and papers may be public."""
        return self.filter(agenda_published_at__isnull=False)

    def unrestricted(self):
        """A meeting itself is never exempt: its exempt items are (see committees/access.py)."""
        return self

    def with_committee(self):
        return self.select_related("committee", "committee__council")


class Meeting(models.Model):
    class Kind(models.TextChoices):
        FORMAL = "formal", "Formal meeting"
        INFORMAL = "informal", "Informal meeting"
        WORKSHOP = "workshop", "Workshop"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"
        POSTPONED = "postponed", "Postponed"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.FORMAL)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    is_webcast = models.BooleanField(default=False)
    is_audio_recorded = models.BooleanField(default=False)
    online_joining_details = models.TextField(blank=True)
    notice = models.TextField(
        blank=True,
        help_text="What the public page says about a cancellation, postponement or move.",
    )
    agenda_published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a pack first published the agenda. Until then nothing of the agenda "
        "is public, whatever becomes of the meeting (a draft that is cancelled stays private).",
    )
    issue_date = models.DateField(
        null=True, blank=True, help_text="Leave empty to use the statutory publication deadline."
    )
    issued_by = models.CharField(max_length=200, blank=True)
    question_deadline_override = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to use the council's rule."
    )
    revision = models.PositiveIntegerField(
        default=1, help_text="Raised on every save, so that a stale edit can be detected."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time"]
        indexes = [models.Index(fields=["committee", "date"])]

    def __str__(self):
        return f"{self.committee.name}, {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    @property
    def council(self):
        return self.committee.council

    @property
    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def publication_deadline(self) -> datetime.date:
        """Five clear working days before the meeting, by the council's rule."""
        return self.council.publication_deadline(self.date)

    @property
    def agenda_note(self) -> str:
        """What lists say of a meeting whose agenda is not published; empty once it is."""
        if self.is_agenda_published:
            return ""
        if self.is_called_off or self.date < timezone.localdate():
            return "No agenda was published"
        return f"Agenda to be published by {long_date(self.publication_deadline)}"

    @property
    def effective_issue_date(self) -> datetime.date:
        return self.issue_date or self.publication_deadline

    @property
    def question_deadline(self) -> datetime.datetime:
        if self.question_deadline_override:
            return timezone.localtime(self.question_deadline_override).replace(tzinfo=None)
        return self.council.question_deadline(self.date)

    @property
    def is_agenda_published(self) -> bool:
        return self.agenda_published_at is not None

    @property
    def is_called_off(self) -> bool:
        """Cancelled or postponed: it will not take place as announced."""
        return self.status in (self.Status.CANCELLED, self.Status.POSTPONED)

    @property
    def is_moved(self) -> bool:
        """Moved to another date, time or venue (meetings/rescheduling.py says so in the notice)."""
        return bool(self.notice) and not self.is_called_off

    @property
    def notice_label(self) -> str:
        """ "Cancelled", "Postponed" or "Moved"; empty for a meeting taking place as announced."""
        if self.is_called_off:
            return self.get_status_display()
        return "Moved" if self.is_moved else ""

    @property
    def takes_public_questions(self) -> bool:
        return not self.is_called_off

    # What committees/access.py asks of everything it may withhold.
    @property
    def access_committee(self):
        return self.committee

    @property
    def is_published(self) -> bool:
        """Whether its agenda is published; its items and papers ask this of it."""
        return self.is_agenda_published

    # The meeting's date, time, venue and notice are public from the moment it exists
    # (see announced() and access.may_see_announcement); its agenda is not.
    is_announced = True

    is_restricted = False


class PartOfMeeting:
    """What committees/access.py asks of a row that belongs to a meeting."""

    @property
    def access_committee(self):
        return self.meeting.committee

    @property
    def is_published(self) -> bool:
        return self.meeting.is_published


class AgendaItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(meeting__agenda_published_at__isnull=False)

    def unrestricted(self):
        """Not exempt, nor a sub-part of an exempt item."""
        return self.filter(is_exempt=False).exclude(parent__is_exempt=True)


class AgendaItem(PartOfMeeting, models.Model):
    class Kind(models.TextChoices):
        PROCEDURAL = "procedural", "Procedural"
        STANDING = "standing", "Standing item"
        REPORT = "report", "Report"
        VERBAL = "verbal", "Verbal update"
        INFORMATION = "information", "For information"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sub_items",
        help_text="Set for the sub-parts (a), (b), (c) of an item.",
    )
    position = models.PositiveSmallIntegerField(
        help_text="1, 2, 3… in agenda order; the item number is its position."
    )
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True, help_text="Rich text; cleaned when saved.")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.REPORT)
    lead_officers = models.TextField(
        blank=True, help_text="Who leads the item, as printed, e.g. the Service Director's name."
    )
    time_allocation = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Minutes the Chair will allow for this item."
    )
    is_to_follow = models.BooleanField("to follow", default=False)
    deferred_to = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="deferred_items"
    )
    deferred_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deferred_copies",
        help_text="The item, on an earlier meeting, that was deferred to this one.",
    )
    is_exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=ExemptParagraph, null=True, blank=True
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "parent_id", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_exempt=False) | models.Q(exempt_paragraph__isnull=False),
                name="exempt_item_has_paragraph",
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.title}"

    def save(self, *args, **kwargs):
        self.description = clean_html(self.description)
        super().save(*args, **kwargs)

    @property
    def number(self) -> int:
        return self.position

    @property
    def label(self) -> str:
        """ "6" for an item, "(a)" for a sub-part."""
        if self.parent_id:
            return f"({chr(ord('a') + self.position - 1)})"
        return str(self.position)

    @property
    def exempt_wording(self) -> str:
        if not self.is_exempt:
            return ""
        return ExemptParagraph(self.exempt_paragraph).label

    @property
    def exempt_source(self) -> "AgendaItem | None":
        """The item whose exemption covers this one: itself, or the item it is a part of."""
        if self.is_exempt:
            return self
        if self.parent_id and self.parent.is_exempt:
            return self.parent
        return None

    @property
    def effective_exempt_paragraph(self) -> int | None:
        source = self.exempt_source
        return source.exempt_paragraph if source else None

    @property
    def is_restricted(self) -> bool:
        """Exempt itself, or a sub-part of an exempt item."""
        return self.exempt_source is not None


def safe_filename(name: str, fallback: str) -> str:
    """A name fit for a file system; names with nothing usable in them ("$.$") get the fallback."""
    try:
        return get_valid_filename(name)
    except SuspiciousFileOperation:
        return fallback


def paper_upload_path(instance, filename):
    # A random name: nobody can guess where a paper lies, and names never collide.
    return f"papers/{instance.meeting_id}/{uuid.uuid4().hex}.pdf"


class DocumentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(replaced_by__isnull=True)

    def published(self):
        return self.filter(meeting__agenda_published_at__isnull=False)

    def not_exempt(self):
        """Not exempt itself, nor under an exempt item or a sub-part of one."""
        return (
            self.filter(is_exempt=False)
            .exclude(agenda_item__is_exempt=True)
            .exclude(agenda_item__parent__is_exempt=True)
        )

    def unrestricted(self):
        """What anyone may see of a published meeting: not exempt, and published in a pack."""
        return self.not_exempt().filter(published_at__isnull=False)


class Document(PartOfMeeting, models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", "Report"
        APPENDIX = "appendix", "Appendix"
        BRIEFING_NOTE = "briefing", "Briefing note"
        MINUTES = "minutes", "Minutes"
        WORK_PROGRAMME = "work_programme", "Work programme"
        OUTCOME_TRACKER = "tracker", "Outcome tracker"
        ACTION_PLAN = "action_plan", "Action plan progress"
        ANNEX = "annex", "Annex"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        help_text="Empty for a meeting-level annex such as the guidance notes.",
    )
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.REPORT)
    file = models.FileField(upload_to=paper_upload_path, blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    body = models.TextField(
        blank=True, help_text="A short paper written in the page, rendered to PDF for the pack."
    )
    page_count = models.PositiveIntegerField(default=0)
    file_size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    author = models.CharField(max_length=200, blank=True)
    is_exempt = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=1)
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="earlier_versions",
        help_text="Set when a newer version replaces this one; earlier versions are kept.",
    )
    generated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "Set when the file is a paper written in the page or generated from data, "
            "as last published in a pack."
        ),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a public pack holding this paper was first published; empty until then.",
    )

    class TextStatus(models.TextChoices):
        PENDING = "pending", "Not read yet"
        EXTRACTED = "extracted", "Text read"
        NO_TEXT = "no_text", "No text found (a scanned PDF?)"
        FAILED = "failed", "Could not be read"

    # An uploaded PDF's text, read once by a Celery task after upload (meetings/tasks.py),
    # for search; its pages are separated by form feeds ("\f").
    text = models.TextField(blank=True, editable=False)
    text_status = models.CharField(
        max_length=10, choices=TextStatus, default=TextStatus.PENDING, editable=False
    )
    is_tagged = models.BooleanField(
        null=True,
        editable=False,
        help_text=(
            "For an uploaded PDF: whether it carries tags a screen reader can follow; "
            "empty until it is read."
        ),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item__position", "position", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:document", args=[self.pk, self.download_name])

    @property
    def has_uploaded_file(self) -> bool:
        return bool(self.file) and self.generated_at is None

    @property
    def is_untagged_upload(self) -> bool:
        """An uploaded PDF without tags: readable on screen, but hard with a screen reader."""
        return self.has_uploaded_file and self.is_tagged is False

    @property
    def is_made_from_data(self) -> bool:
        """Neither uploaded nor written: the pack builder makes it (see paper_sources.py)."""
        return not self.body and not self.has_uploaded_file

    @property
    def is_annex(self) -> bool:
        return self.agenda_item_id is None

    @property
    def is_exempt_information(self) -> bool:
        """Exempt in itself, or because its item (or the item that is a part of) is exempt."""
        return self.is_exempt or bool(self.agenda_item_id and self.agenda_item.is_restricted)

    @property
    def is_awaiting_publication(self) -> bool:
        """Added, replaced or written since the last pack: not public until it is published."""
        return self.published_at is None

    @property
    def is_restricted(self) -> bool:
        """
        For officers and the committee's members only: exempt information, or a paper no
        pack has published yet (they see it marked "not yet published").
        """
        return self.is_exempt_information or self.is_awaiting_publication

    @property
    def download_name(self) -> str:
        stem = safe_filename(Path(self.original_filename).stem or self.title, "paper")[:80]
        return f"{stem or 'paper'}.pdf"

    def store_generated_copy(self, content: bytes, page_count: int) -> bool:
        """Keep a written or generated paper as the pack printed it, so the meeting page offers
        what the pack holds."""
        if self.generated_at and self.sha256 == hashlib.sha256(content).hexdigest():
            return False
        self.store_file(f"{self.title}.pdf", content)
        self.page_count = page_count
        self.generated_at = timezone.now()
        self.save(
            update_fields=[
                "file", "original_filename", "file_size", "sha256", "page_count", "generated_at"
            ]
        )  # fmt: skip
        return True

    def store_file(self, name: str, content: bytes) -> None:
        """Keep a PDF's bytes with its size and hash; the caller has already counted its pages."""
        from django.core.files.base import ContentFile

        self.original_filename = safe_filename(Path(name).name, "paper.pdf")[:255]
        self.file_size = len(content)
        self.sha256 = hashlib.sha256(content).hexdigest()
        self.file.save(name, ContentFile(content), save=False)


class StandardItem(models.Model):
    """A committee's standard agenda item, copied onto every new meeting of that committee."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="standard_items"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_items"
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True, help_text="Rich text; cleaned when saved.")
    kind = models.CharField(
        max_length=12, choices=AgendaItem.Kind, default=AgendaItem.Kind.PROCEDURAL
    )
    paper_kind = models.CharField(
        max_length=20,
        choices=Document.Kind,
        blank=True,
        help_text=(
            "A paper made from data that every new meeting gets on this item, "
            "such as the minutes of the previous meeting."
        ),
    )

    class Meta:
        ordering = ["committee", "parent_id", "position"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description = clean_html(self.description)
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        if self.parent_id:
            return f"({chr(ord('a') + self.position - 1)})"
        return str(self.position)


class MeetingChange(models.Model):
    """One recorded change to a meeting, one of its items or one of its papers."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    revision = models.PositiveIntegerField(help_text="The meeting's revision after this change.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=40)
    summary = models.CharField(max_length=500)
    # Plain ids, not foreign keys: the history outlives deleted items and papers.
    item_id = models.PositiveIntegerField(null=True, blank=True)
    document_id = models.PositiveIntegerField(null=True, blank=True)
    fields = models.JSONField(
        default=list, blank=True, help_text='[{"field": label, "before": text, "after": text}]'
    )

    class Meta:
        ordering = ["-revision", "-pk"]
        indexes = [models.Index(fields=["meeting", "revision"])]

    def __str__(self):
        return self.summary

    @property
    def author_name(self) -> str:
        """Who made the change; changes made by the demo loader, beat or a task have no user."""
        if self.user is None:
            return "The system"
        return self.user.get_full_name() or self.user.username
