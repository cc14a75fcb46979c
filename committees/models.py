import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse

from .working_days import clear_working_days_before


class Council(models.Model):
    """A local authority, with the conventions that differ between councils and eras."""

    class ChairTerm(models.TextChoices):
        CHAIR = "Chair"
        CHAIRMAN = "Chairman"
        CHAIRPERSON = "Chairperson"

    class ExecutiveTerm(models.TextChoices):
        EXECUTIVE = "Executive"
        CABINET = "Cabinet"

    class NameStyle(models.TextChoices):
        FULL = "full", "Councillor Leigh Redman"
        SHORT = "short", "Cllr L Redman"

    class MembersLayout(models.TextChoices):
        GRID = "grid", "Chair and Vice-Chair first, then three names to a row"
        PARAGRAPH = "paragraph", 'One paragraph, roles in brackets: "Cllr L Redman (Chairman), …"'

    class FrontSheetStyle(models.TextChoices):
        NOTICE_OF_MEETING = "notice", "Notice of Meeting (Somerset)"
        COVERING_LETTER = "letter", "Covering letter (North Somerset)"

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)

    chair_term = models.CharField(max_length=20, choices=ChairTerm, default=ChairTerm.CHAIR)
    executive_term = models.CharField(
        max_length=20, choices=ExecutiveTerm, default=ExecutiveTerm.EXECUTIVE
    )
    front_sheet_style = models.CharField(
        max_length=10, choices=FrontSheetStyle, default=FrontSheetStyle.NOTICE_OF_MEETING
    )
    proper_officer = models.CharField(
        max_length=200,
        default="(the Proper Officer)",
        help_text='Printed in "Issued by … on …", e.g. "(the Proper Officer)".',
    )
    signatory_title = models.CharField(
        max_length=200,
        blank=True,
        help_text="Job title that signs a covering letter, when the front sheet is a letter.",
    )

    guidance_notes = models.TextField(blank=True, help_text="Guidance notes for the meeting.")
    exempt_items_text = models.TextField(blank=True)
    filming_text = models.TextField(blank=True)
    evacuation_text = models.TextField(blank=True)
    access_to_information_text = models.TextField(blank=True)

    publication_clear_days = models.PositiveSmallIntegerField(default=5)
    question_clear_days = models.PositiveSmallIntegerField(default=3)
    question_deadline_time = models.TimeField(default=datetime.time(17, 0))
    holiday_region = models.CharField(
        max_length=3,
        default="ENG",
        help_text="Bank holiday calendar: ENG covers England and Wales.",
    )

    vice_chair_term = models.CharField(
        max_length=30,
        blank=True,
        help_text='How the deputy is printed, e.g. "Vice-Chair" under a "Chairman"; '
        'blank for "Vice-" and the chair term.',
    )
    name_style = models.CharField(
        max_length=10, choices=NameStyle, default=NameStyle.FULL, help_text="On the front sheet."
    )
    members_layout = models.CharField(
        max_length=10,
        choices=MembersLayout,
        default=MembersLayout.GRID,
        help_text="How the front sheet lists the committee's members.",
    )
    front_sheet_text = models.TextField(
        blank=True,
        help_text="The standard paragraphs of the front sheet after the list of members. "
        "Placeholders in braces, such as {question_deadline}, are filled in for each meeting.",
    )
    require_two_factor = models.BooleanField(
        default=False,
        help_text="Officers and councillors of this council must sign in with a code "
        "from an authenticator app as well as their password.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def publication_deadline(self, meeting_day: datetime.date) -> datetime.date:
        return clear_working_days_before(
            meeting_day, self.publication_clear_days, self.holiday_region
        )

    def question_deadline(self, meeting_day: datetime.date) -> datetime.datetime:
        day = clear_working_days_before(meeting_day, self.question_clear_days, self.holiday_region)
        return datetime.datetime.combine(day, self.question_deadline_time)


class CommitteeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def run_by(self, user):
        """The committees of the councils this officer runs (all of them for a superuser)."""
        from .roles import managed_council_ids

        if user.is_active and user.is_superuser:
            return self
        return self.filter(council__in=managed_council_ids(user))


class Committee(models.Model):
    class Kind(models.TextChoices):
        SCRUTINY_COMMITTEE = "scrutiny", "Scrutiny committee"
        SCRUTINY_PANEL = "panel", "Policy and scrutiny panel"
        TASK_GROUP = "task_group", "Task and finish group"
        OTHER = "other", "Other committee"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(max_length=200, help_text="The official name, exactly as printed.")
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The committee's address in the portal's URLs."
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SCRUTINY_COMMITTEE)
    remit = models.TextField(blank=True)
    information_text = models.TextField(
        blank=True, help_text='"Information about the Committee", printed as an agenda annex.'
    )
    focus_strapline = models.CharField(max_length=300, blank=True)
    contact_name = models.CharField(
        max_length=200, blank=True, help_text='A team ("Democratic Services") or a named officer.'
    )
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    default_venue = models.CharField(max_length=300, blank=True)
    default_start_time = models.TimeField(null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        help_text="The committee this one replaced; it approves its predecessor's last minutes.",
    )
    is_active = models.BooleanField(default=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["council__name", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("committees:detail", args=[self.slug])

    @property
    def chair_term(self):
        return self.council.chair_term


class Person(models.Model):
    """Anyone named in a pack: councillors, co-optees, officers, speakers."""

    honorific = models.CharField(
        max_length=40, blank=True, help_text='"Councillor", "The Revd", "Mrs"; blank for none.'
    )
    first_name = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    is_councillor = models.BooleanField(default=False)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["surname", "first_name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.formal_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.surname}"

    @property
    def formal_name(self) -> str:
        """ "Councillor Leigh Redman", "The Revd Tobie Osmond", "Ruth Hobbs"."""
        honorific = "Councillor" if self.is_councillor else self.honorific
        return f"{honorific} {self.full_name}".strip()

    @property
    def short_name(self) -> str:
        """ "Cllr L Redman" for councillors; "Mrs E Tipper" or "Ruth Hobbs" for others."""
        if self.is_councillor:
            return f"Cllr {self.first_name[:1]} {self.surname}"
        if self.honorific:
            return f"{self.honorific} {self.first_name[:1]} {self.surname}"
        return self.full_name


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        return self.filter(
            models.Q(start_date__isnull=True) | models.Q(start_date__lte=on),
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=on),
        )

    def email_addresses(self) -> list[str]:
        """The sign-in e-mail addresses of these members, each once."""
        emails = self.filter(person__user__isnull=False).values_list(
            "person__user__email", flat=True
        )
        return sorted({email for email in emails if email})

    def in_print_order(self):
        """Chair, Vice-Chair, members by surname, then co-opted, added and right to speak."""
        role_order = models.Case(
            *(models.When(role=role, then=index) for index, role in enumerate(Membership.Role)),
            output_field=models.IntegerField(),
        )
        return self.select_related("person").order_by(
            role_order,
            models.F("person__surname").asc(nulls_last=True),
            "person__first_name",
            "position",
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-Chair"
        MEMBER = "member", "Member"
        CO_OPTED = "co_opted", "Co-opted member"
        ADDED = "added", "Added member"
        RIGHT_TO_SPEAK = "right_to_speak", "Right to speak"
        SUBSTITUTE = "substitute", "Substitute"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text="Leave empty for a vacant seat.",
    )
    role = models.CharField(max_length=20, choices=Role, default=Role.MEMBER)
    representative_type = models.CharField(
        max_length=200, blank=True, help_text='e.g. "Church of England Representative".'
    )
    organisation = models.CharField(max_length=200, blank=True)
    voting_note = models.CharField(
        max_length=200, blank=True, help_text='e.g. "Votes on education matters only".'
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "position"]

    def __str__(self):
        return f"{self.display_name} ({self.get_role_display()}, {self.committee})"

    @property
    def is_vacancy(self) -> bool:
        return self.person_id is None

    @property
    def display_name(self) -> str:
        if self.is_vacancy:
            return f"Vacancy: {self.representative_type}".rstrip(": ")
        return self.person.formal_name

    @property
    def role_label(self) -> str:
        """The role as this council prints it: "Chair", "Chairman", "Vice-Chairperson"…"""
        term = self.committee.council.chair_term
        if self.role == self.Role.CHAIR:
            return term
        if self.role == self.Role.VICE_CHAIR:
            return self.committee.council.vice_chair_term or f"Vice-{term}"
        return self.get_role_display()


class OfficerRole(models.Model):
    """A democratic services officer's right to run one council's committees."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer_roles"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="officer_roles")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "council"], name="one_officer_role_per_council")
        ]

    def __str__(self):
        return f"{self.user} runs {self.council}"
