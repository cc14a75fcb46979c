import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone

from committees.dates import municipal_year_start
from committees.formatting import council_time
from committees.lineage import lineage_ids
from committees.models import Committee, Membership, Person
from meetings.models import AgendaItem, Meeting
from meetings.sanitise import clean_html

from .signals import minutes_published


class MinutesLocked(ValidationError):
    """Raised when approved minutes would change without a recorded correction."""


class MinutesStateError(ValidationError):
    """Raised when a life-cycle step is taken out of order."""


LOCKED_MESSAGE = (
    "These minutes have been approved as a correct record. "
    "They can only be changed by recording a correction."
)


class MinutesSettings(models.Model):
    """How a committee numbers and signs its minutes."""

    class Numbering(models.TextChoices):
        PER_MEETING = "per_meeting", "Start at 1 at each meeting"
        RUNNING = "running", "Run on through the municipal year, with paragraphs (55.0, 55.1)"

    class Signature(models.TextChoices):
        CHAIR = "chair", 'The word "CHAIR"'
        NAMED = "named", "The Chair's name and title"

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, related_name="minutes_settings"
    )
    numbering = models.CharField(max_length=12, choices=Numbering, default=Numbering.PER_MEETING)
    number_prefix = models.CharField(
        max_length=10, blank=True, help_text='Printed before each number, e.g. "CAY".'
    )
    signature_style = models.CharField(max_length=10, choices=Signature, default=Signature.CHAIR)
    signature_text = models.TextField(
        blank=True, help_text="For a named signature: the name and title, one per line."
    )

    class Meta:
        verbose_name_plural = "minutes settings"

    def __str__(self):
        return f"Minutes settings for {self.committee}"

    @classmethod
    def for_committee(cls, committee) -> "MinutesSettings":
        try:
            return committee.minutes_settings
        except cls.DoesNotExist:
            return cls(committee=committee)


class MinutesQuerySet(models.QuerySet):
    def visible_to_public(self):
        return self.exclude(status=Minutes.Status.DRAFT)

    def published(self):
        return self.visible_to_public()

    def unrestricted(self):
        """A set of minutes is never exempt as a whole: its exempt minutes are (see Minute)."""
        return self

    def previous_for(self, meeting: Meeting) -> "Minutes | None":
        """
        The published minutes of the meeting before this one, of this committee or the one it
        replaced; None while that meeting's minutes are not published, even when an earlier
        meeting's are (the pack must not offer those as "the previous meeting's").
        """
        previous = (
            Meeting.objects.filter(
                committee_id__in=lineage_ids(meeting.committee), date__lt=meeting.date
            )
            .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.DRAFT])
            .order_by("-date", "-start_time")
            .first()
        )
        if previous is None:
            return None
        return (
            self.visible_to_public()
            .filter(meeting=previous)
            .select_related("meeting__committee__council")
            .first()
        )


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published as draft, subject to approval"
        APPROVED = "approved", "Approved as a correct record"
        FINAL = "final", "Final, signed"

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    heading = models.CharField(
        max_length=300, blank=True, help_text="Printed at the top; empty for the committee's name."
    )
    venue = models.CharField(
        max_length=300,
        blank=True,
        help_text="As the opening sentence names it; empty for the meeting's venue.",
    )
    end_time = models.TimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    approved_at_meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes",
    )
    approved_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "minutes"
        ordering = ["meeting__date"]

    def __str__(self):
        return f"Minutes of {self.meeting}"

    def get_absolute_url(self):
        return reverse("minutes:detail", args=[self.meeting_id])

    @property
    def is_locked(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.FINAL)

    @property
    def is_visible_to_public(self) -> bool:
        return self.status != self.Status.DRAFT

    # What committees/access.py asks of everything it may withhold.
    @property
    def access_committee(self):
        return self.meeting.committee

    @property
    def is_published(self) -> bool:
        return self.is_visible_to_public

    is_restricted = False

    @property
    def printed_heading(self) -> str:
        return self.heading or self.meeting.committee.name.upper()

    @property
    def opening_sentence(self) -> str:
        """ "Minutes of a Meeting of the … held in the …, on Monday 6 March 2023 at 1.00 pm"."""
        meeting = self.meeting
        day = meeting.date
        return (
            f"Minutes of a Meeting of the {meeting.committee.name} held in the "
            f"{self.venue or meeting.venue}, on {day:%A} {day.day} {day:%B %Y} "
            f"at {council_time(meeting.start_time)}"
        )

    @property
    def closing_sentence(self) -> str:
        if not self.end_time:
            return ""
        return f"(The meeting ended at {council_time(self.end_time)})"

    # The life cycle. Each step checks that it is taken in order and saves only what it
    # changes; minutes/services.py takes them with the row locked, as it stands now.
    def _move(self, to_status, *fields: str):
        self.status = to_status
        self.save(update_fields=["status", *fields, "updated_at"])

    def publish(self):
        if self.status != self.Status.DRAFT:
            raise MinutesStateError("Only draft minutes can be published.")
        self.published_at = timezone.now()
        self._move(self.Status.PUBLISHED, "published_at")
        minutes_published.send(sender=Minutes, minutes=self)

    def approve(self, at_meeting: Meeting, on: datetime.date | None = None):
        if self.status != self.Status.PUBLISHED:
            raise MinutesStateError(
                "Minutes must be published as a draft before they are approved."
            )
        if at_meeting.pk == self.meeting_id or at_meeting.date <= self.meeting.date:
            raise MinutesStateError("Minutes are approved at a later meeting.")
        if self.meeting.committee_id not in lineage_ids(at_meeting.committee):
            raise MinutesStateError(
                "Minutes are approved by the same committee or the committee that replaced it."
            )
        self.approved_at_meeting = at_meeting
        self.approved_on = on or at_meeting.date
        self._move(self.Status.APPROVED, "approved_at_meeting", "approved_on")

    def finalise(self):
        if self.status != self.Status.APPROVED:
            raise MinutesStateError("Only approved minutes can be signed as final.")
        self._move(self.Status.FINAL)

    def next_number(self) -> tuple[int, int | None]:
        """The number a new minute takes: per meeting, or running on through the year."""
        settings_ = MinutesSettings.for_committee(self.meeting.committee)
        if settings_.numbering == MinutesSettings.Numbering.PER_MEETING:
            highest = self.minute_entries.aggregate(top=Max("number"))["top"] or 0
            return highest + 1, None
        year = municipal_year_start(self.meeting.date)
        year_start = datetime.date(year, 5, 1)
        highest = Minute.objects.filter(
            minutes__meeting__committee_id__in=lineage_ids(self.meeting.committee),
            minutes__meeting__date__gte=year_start,
            minutes__meeting__date__lt=datetime.date(year + 1, 5, 1),
        ).aggregate(top=Max("number"))["top"]
        return (highest or 0) + 1, 0


class MinutesPart(models.Model):
    """
    Anything inside a set of minutes. Once they are approved it changes only by a recorded
    correction: minutes/services.py checks that on every write (save() does not).
    """

    class Meta:
        abstract = True

    # What committees/access.py asks; each part says for itself whether it is restricted.
    @property
    def access_committee(self):
        return self.owning_minutes().access_committee

    @property
    def is_published(self) -> bool:
        return self.owning_minutes().is_published

    def owning_minutes(self) -> Minutes:
        raise NotImplementedError


class AttendanceEntry(MinutesPart):
    class Category(models.TextChoices):
        PRESENT = "present", "Present"
        CO_OPTED = "co_opted", "Co-opted members present"
        OTHER_IN_PERSON = "other_in_person", "Other Members present"
        OTHER_VIRTUAL = "other_virtual", "Other members present virtually"
        OFFICERS = "officers", "Officers present"
        APOLOGIES = "apologies", "Apologies for absence"

    class Role(models.TextChoices):
        NONE = "", "None"
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-Chair"

    class Status(models.TextChoices):
        """
        A member's row (filled in from the committee's membership on the day when the minutes
        were started) says what the member did; rows added by hand leave it empty and are
        printed under their category.
        """

        LISTED = "", "Listed by hand"
        NOT_RECORDED = "not_recorded", "Not recorded yet"
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        SUBSTITUTED = "substituted", "Substitute"
        ABSENT = "absent", "Absent"

    # What is recorded for a member, and not printed: not yet answered, or absent.
    UNPRINTED = (Status.NOT_RECORDED, Status.ABSENT)
    # Sent apologies, with or without a substitute: printed under "Apologies for absence".
    AWAY = (Status.APOLOGIES, Status.SUBSTITUTED)

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="attendance")
    category = models.CharField(max_length=20, choices=Category, default=Category.PRESENT)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text='As printed, e.g. "Cllr L Redman"; empty for the person\'s short name.',
    )

    class FollowedBy(models.TextChoices):
        USUAL = "", "A comma, or “and” before the last name"
        SPACE = "space", "Only a space, as printed"

    role = models.CharField(max_length=12, choices=Role, blank=True, default=Role.NONE)
    substitute_for = models.CharField(max_length=200, blank=True)
    attended_virtually = models.BooleanField(default=False)
    followed_by = models.CharField(
        max_length=5,
        choices=FollowedBy,
        blank=True,
        default=FollowedBy.USUAL,
        help_text="What comes before the next name in the printed list.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        max_length=12,
        choices=Status,
        blank=True,
        default=Status.LISTED,
        help_text="For a member's row: present, apologies, substitute or absent.",
    )
    membership = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The seat this row was filled in from when the minutes were started.",
    )
    substitute_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="substitutes",
        help_text="For a substitute: the member's row they sat in for.",
    )

    class Meta:
        ordering = ["minutes", "position", "pk"]
        verbose_name_plural = "attendance entries"
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "membership"],
                condition=Q(membership__isnull=False),
                name="one_attendance_row_per_seat",
            ),
            models.UniqueConstraint(
                fields=["substitute_of"],
                condition=Q(substitute_of__isnull=False),
                name="one_substitute_per_member",
            ),
        ]

    def __str__(self):
        return self.printed

    def owning_minutes(self):
        return self.minutes

    def clean(self):
        if not self.person_id and not self.name.strip():
            raise ValidationError({"name": "Pick a person or type a name."})

    @property
    def display_name(self) -> str:
        return self.name or (self.person.short_name if self.person_id else "")

    @property
    def is_member_row(self) -> bool:
        return self.status != self.Status.LISTED

    @property
    def is_printed(self) -> bool:
        return self.status not in self.UNPRINTED

    @property
    def printed_category(self) -> str:
        """The block it is printed in: a member who sent apologies is listed under them."""
        return self.Category.APOLOGIES if self.status in self.AWAY else self.category

    @property
    def printed(self) -> str:
        """ "Cllr L Redman (Chair)", "Cllr L Trimnell (substitute for Cllr S Hart)"."""
        parts = [self.display_name]
        if self.role:
            parts.append(f"({self.get_role_display()})")
        if self.substitute_for:
            parts.append(f"(substitute for {self.substitute_for})")
        if self.attended_virtually:
            parts.append("(attended virtually)")
        return " ".join(parts)


class MinuteQuerySet(models.QuerySet):
    def published(self):
        return self.exclude(minutes__status=Minutes.Status.DRAFT)

    def unrestricted(self):
        """Not the minute of an exempt item, nor of a sub-part of an exempt item."""
        return self.exclude(agenda_item__is_exempt=True).exclude(
            agenda_item__parent__is_exempt=True
        )


class Minute(MinutesPart):
    DEFAULT_COMMENTS_INTRO = (
        "The Committee made a number of comments, which were responded to at the meeting:"
    )

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="minute_entries")
    number = models.PositiveIntegerField()
    paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For running numbers: 0 for 55.0, 1 for 55.1."
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minute_entries",
        help_text="The agenda item this minute records; minute 1 can be agenda item 2.",
    )

    class Separator(models.TextChoices):
        HYPHEN = "-", "A hyphen: Heading - Agenda Item 2"
        EN_DASH = "–", "An en dash: Heading – Agenda Item 2"

    heading = models.CharField(max_length=500)
    reference_separator = models.CharField(
        max_length=1,
        choices=Separator,
        default=Separator.HYPHEN,
        help_text="Printed between the heading and its agenda item.",
    )
    body = models.TextField(blank=True, help_text="Rich text; cleaned when saved.")
    comments_intro = models.CharField(max_length=300, blank=True, default=DEFAULT_COMMENTS_INTRO)
    closing = models.TextField(
        blank=True, help_text="Printed after the decisions, e.g. the Chair's thanks. Rich text."
    )

    objects = MinuteQuerySet.as_manager()

    class Meta:
        # 6 before 6.1 on every database (PostgreSQL puts nulls last).
        ordering = ["minutes", "number", F("paragraph").asc(nulls_first=True), "pk"]
        verbose_name_plural = "minute entries"

    def __str__(self):
        return f"{self.label} {self.heading}"

    def save(self, *args, **kwargs):
        # Normalising, not a rule: the rich text is printed as it is kept, whoever wrote it
        # (forms, services, the admin, the demo loader).
        self.body = clean_html(self.body)
        self.closing = clean_html(self.closing)
        super().save(*args, **kwargs)

    def owning_minutes(self):
        return self.minutes

    def clean(self):
        if (
            self.agenda_item_id
            and self.minutes_id
            and self.agenda_item.meeting_id != self.minutes.meeting_id
        ):
            raise ValidationError(
                {
                    "agenda_item": (
                        f"Agenda item {self.agenda_item.label} belongs to another meeting "
                        f"({self.agenda_item.meeting}); a minute can only refer to an item "
                        "of its own meeting."
                    )
                }
            )

    @property
    def label(self) -> str:
        prefix = getattr(self, "number_prefix", None)
        if prefix is None:
            prefix = MinutesSettings.for_committee(self.minutes.meeting.committee).number_prefix
        prefix = f"{prefix} " if prefix else ""
        if self.paragraph is None:
            return f"{prefix}{self.number}"
        return f"{prefix}{self.number}.{self.paragraph}"

    @property
    def agenda_reference(self) -> str:
        return f"Agenda Item {self.agenda_item.label}" if self.agenda_item_id else ""

    # What committees/access.py asks of everything it may withhold. The minute of an exempt
    # item (or of a sub-part of one) is exempt, and so is everything recorded under it.
    # Reading these walks minutes.meeting.committee and agenda_item.parent: select_related them.
    @property
    def is_restricted(self) -> bool:
        return bool(self.agenda_item_id and self.agenda_item.is_restricted)

    @property
    def exempt_paragraph(self) -> int | None:
        """The Schedule 12A paragraph that makes this minute exempt, if it is."""
        return self.agenda_item.effective_exempt_paragraph if self.agenda_item_id else None


class MinuteChildQuerySet(models.QuerySet):
    """Comments, decisions and speakers: published and exempt as the minute they belong to."""

    def published(self):
        return self.exclude(minute__minutes__status=Minutes.Status.DRAFT)

    def unrestricted(self):
        return self.exclude(minute__agenda_item__is_exempt=True).exclude(
            minute__agenda_item__parent__is_exempt=True
        )


class MinuteChild(MinutesPart):
    class Meta:
        abstract = True

    def owning_minutes(self):
        return self.minute.minutes

    # What committees/access.py asks: whatever the minute says (select_related "minute__…").
    @property
    def is_restricted(self) -> bool:
        return self.minute.is_restricted


class Comment(MinuteChild):
    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField()
    response = models.TextField(blank=True, help_text="The response given at the meeting.")
    position = models.PositiveSmallIntegerField(default=0)

    objects = MinuteChildQuerySet.as_manager()

    class Meta:
        ordering = ["minute", "position", "pk"]

    def __str__(self):
        return self.text[:80]


class Decision(MinuteChild):
    class Kind(models.TextChoices):
        AGREED = "agreed", "AGREED"
        RESOLVED = "resolved", "RESOLVED"
        NOTED = "noted", "NOTED"
        RECOMMENDED = "recommended", "RECOMMENDED"
        CONCLUDED = "concluded", "CONCLUDED"

    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.AGREED)
    wording = models.TextField(
        help_text='As minuted, e.g. "It was AGREED that the Committee receive an update …".'
    )
    addressed_to = models.CharField(
        "Addressed to",
        max_length=200,
        blank=True,
        help_text=(
            'Who is asked to act on it, if anyone, e.g. "The Executive", '
            '"Executive Member for Children and Families" or "Director of Children\'s Services".'
        ),
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = MinuteChildQuerySet.as_manager()

    class Meta:
        ordering = ["minute", "position", "pk"]

    def __str__(self):
        return self.wording[:80]


class PublicSpeaker(MinuteChild):
    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(max_length=200)
    description = models.CharField(
        max_length=300, blank=True, help_text='e.g. "Taunton resident and Green Party member".'
    )
    statement = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = MinuteChildQuerySet.as_manager()

    class Meta:
        ordering = ["minute", "position", "pk"]

    def __str__(self):
        return self.name


class DeclarationQuerySet(models.QuerySet):
    def published(self):
        return self.exclude(minutes__status=Minutes.Status.DRAFT)

    def unrestricted(self):
        """Not made under the minute of an exempt item (or of a sub-part of one)."""
        return self.exclude(minute__agenda_item__is_exempt=True).exclude(
            minute__agenda_item__parent__is_exempt=True
        )


class Declaration(MinutesPart):
    class Kind(models.TextChoices):
        DISCLOSABLE_PECUNIARY = "dpi", "disclosable pecuniary"
        PREJUDICIAL = "prejudicial", "prejudicial"
        PERSONAL = "personal", "personal"

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="declarations")
    minute = models.ForeignKey(
        Minute, null=True, blank=True, on_delete=models.SET_NULL, related_name="declarations"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.PERSONAL)
    description = models.CharField(max_length=500, blank=True)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["minutes", "pk"]

    def __str__(self):
        return self.printed

    def owning_minutes(self):
        return self.minutes

    # What committees/access.py asks: a declaration under an exempt minute is exempt with it.
    @property
    def is_restricted(self) -> bool:
        return bool(self.minute_id and self.minute.is_restricted)

    @property
    def printed(self) -> str:
        """ "Mrs Hobbs declared a personal interest as a Director of …"."""
        who = self.name or (self.person.short_name if self.person_id else "")
        sentence = f"{who} declared a {self.get_kind_display()} interest"
        return f"{sentence} {self.description}".rstrip(" .") + "."


class Correction(models.Model):
    """After approval, the only way minutes change: who, when, what and why."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="corrections")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=300)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["minutes", "made_at"]

    def __str__(self):
        return f"Correction to {self.what} ({self.made_at:%d %b %Y})"
