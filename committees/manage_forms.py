"""
Forms of the officer pages for councils, committees, people and memberships, with the rules
their input must keep: unique web addresses, a membership's dates in order, no person seated
twice at once on one committee, one Chair and one Vice-Chair at a time, and a vacant seat
that says whose seat it is. committees/services.py does the writing.

Also here: what an officer runs, which the forms need for their choices and the views for
their lists and their checks.
"""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.text import slugify

from .council_texts import PLACEHOLDERS, validate_placeholders
from .formatting import plain_date
from .models import Committee, Council, Membership, Person
from .rich_text import RICH_TEXT_ATTRS, RICH_TEXT_HELP
from .roles import managed_council_ids

# "new" is the address of the page that creates one, so no council or committee may have it.
RESERVED_SLUGS = {"new"}
ONE_AT_A_TIME = (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR)
DATE_HELP = "For example, 17 5 2023."
# The calendars of the `holidays` package that committees.working_days uses.
BANK_HOLIDAY_REGIONS = [
    ("ENG", "England"),
    ("WLS", "Wales"),
    ("SCT", "Scotland"),
    ("NIR", "Northern Ireland"),
]


# What an officer runs


def councils_run_by(user):
    councils = Council.objects.all()
    if user.is_superuser:
        return councils
    return councils.filter(pk__in=list(managed_council_ids(user)))


def committees_run_by(user):
    committees = Committee.objects.all()
    if user.is_superuser:
        return committees
    return committees.filter(council_id__in=list(managed_council_ids(user)))


def people_run_by(user):
    """The people on the committees of the officer's councils, and people on no committee yet."""
    people = Person.objects.all()
    if user.is_superuser:
        return people
    return people.filter(
        Q(memberships__committee__council_id__in=list(managed_council_ids(user)))
        | Q(memberships__isnull=True)
    ).distinct()


def may_edit_person(user, person: Person) -> bool:
    """Anyone on no committee yet, or on a committee of a council the officer runs."""
    if user.is_superuser:
        return True
    councils = set(person.memberships.values_list("committee__council_id", flat=True))
    return not councils or bool(councils & managed_council_ids(user))


def search_people(people, query: str):
    for word in query.split():
        people = people.filter(Q(first_name__icontains=word) | Q(surname__icontains=word))
    return people


# Shared pieces


def _helper(*fields, submit="Save") -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("save", submit))
    return helper


def _rich_text(rows=6):
    return forms.Textarea(attrs={"rows": rows, **RICH_TEXT_ATTRS})


def _time():
    return forms.TimeInput(format="%H:%M")


class SlugFromName:
    """A web address that may be left empty, to be made from the name; unique and not "new"."""

    noun = "council"

    def clean_slug(self):
        model = self._meta.model
        max_length = model._meta.get_field("slug").max_length
        slug = self.cleaned_data.get("slug")
        if not slug:
            name = self.cleaned_data.get("name")
            if not name:
                return ""  # the name's own error says what to do
            slug = slugify(name)[:max_length].strip("-")
            if not slug:
                raise forms.ValidationError(
                    f"Enter a web address for the {self.noun}: its name has no letters or "
                    "numbers to make one from."
                )
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                f"“{slug}” cannot be the web address of a {self.noun}. Choose another."
            )
        if model.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                f"Another {self.noun} already has the web address “{slug}”. Choose another."
            )
        return slug


# Councils


class CouncilForm(SlugFromName, forms.ModelForm):
    noun = "council"
    website = forms.URLField(
        required=False,
        max_length=200,
        assume_scheme="https",
        label="Website (optional)",
        help_text="For example, https://www.somerset.gov.uk",
    )

    class Meta:
        model = Council
        fields = [
            "name",
            "slug",
            "address",
            "phone",
            "email",
            "website",
            "chair_term",
            "vice_chair_term",
            "executive_term",
            "name_style",
            "members_layout",
            "front_sheet_style",
            "proper_officer",
            "signatory_title",
            "front_sheet_text",
            "guidance_notes",
            "exempt_items_text",
            "filming_text",
            "evacuation_text",
            "access_to_information_text",
            "publication_clear_days",
            "question_clear_days",
            "question_deadline_time",
            "holiday_region",
            "require_two_factor",
        ]
        labels = {
            "name": "Name of the council",
            "slug": "Web address (optional)",
            "address": "Postal address (optional)",
            "phone": "Telephone (optional)",
            "email": "E-mail address (optional)",
            "chair_term": "What the council calls the person who chairs a committee",
            "vice_chair_term": "What it calls the deputy (optional)",
            "executive_term": "What it calls its executive",
            "name_style": "How members' names are printed on the front sheet",
            "members_layout": "How the front sheet lists the members",
            "front_sheet_style": "Front sheet",
            "proper_officer": "Issued by",
            "signatory_title": "Signatory of the covering letter (optional)",
            "front_sheet_text": "Front sheet paragraphs (optional)",
            "guidance_notes": "Guidance notes for the public (optional)",
            "exempt_items_text": "Exempt items (optional)",
            "filming_text": "Filming and recording (optional)",
            "evacuation_text": "Emergency evacuation (optional)",
            "access_to_information_text": "Access to information (optional)",
            "publication_clear_days": "Clear working days between publishing an agenda and the "
            "meeting",
            "question_clear_days": "Clear working days before the meeting that public questions "
            "are due",
            "question_deadline_time": "Time on that day that public questions are due",
            "holiday_region": "Bank holiday calendar",
            "require_two_factor": "Require two-factor sign-in",
        }
        help_texts = {
            "slug": "Used in the portal's addresses, for example “somerset”. Leave empty to make "
            "one from the name.",
            "phone": "Printed where a committee has no telephone number of its own.",
            "email": "Printed where a committee has no e-mail address of its own.",
            "name_style": "",
            "guidance_notes": "Printed as an annex to every agenda.",
            "publication_clear_days": "The legal minimum is 5. Weekends and bank holidays do not "
            "count, nor do the day of publication and the day of the meeting.",
            "question_deadline_time": "For example, 17:00",
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 4}),
            "chair_term": forms.RadioSelect,
            "executive_term": forms.RadioSelect,
            "name_style": forms.RadioSelect,
            "members_layout": forms.RadioSelect,
            "front_sheet_style": forms.RadioSelect,
            "publication_clear_days": forms.TextInput(attrs={"inputmode": "numeric"}),
            "question_clear_days": forms.TextInput(attrs={"inputmode": "numeric"}),
            "question_deadline_time": _time(),
            **{name: _rich_text() for name in (
                "front_sheet_text", "guidance_notes", "exempt_items_text", "filming_text",
                "evacuation_text", "access_to_information_text",
            )},
        }  # fmt: skip
        error_messages = {"name": {"required": "Enter the name of the council."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        for name in ("front_sheet_text", "guidance_notes"):
            self.fields[name].validators.append(validate_placeholders)
            self.fields[name].help_text = escape(
                f"{self.fields[name].help_text} Placeholders filled in for each meeting: "
                + ", ".join(f"{{{placeholder}}}" for placeholder in PLACEHOLDERS)
                + "."
            )
        regions = dict(BANK_HOLIDAY_REGIONS)
        regions.setdefault(self.instance.holiday_region, self.instance.holiday_region)
        self.fields["holiday_region"] = forms.ChoiceField(
            choices=list(regions.items()),
            label=self.fields["holiday_region"].label,
            error_messages={"invalid_choice": "Choose a bank holiday calendar from the list."},
        )
        medium = {"legend_size": Size.MEDIUM}
        small = {"legend_size": Size.SMALL}
        self.helper = _helper(
            Fieldset(
                Field.text("name"),
                Field.text("slug", field_width=Fluid.ONE_HALF),
                Field.textarea("address", rows=4),
                Field.text("phone", field_width=20),
                Field.text("email", field_width=Fluid.TWO_THIRDS),
                Field.text("website", field_width=Fluid.TWO_THIRDS),
                legend="The council",
                **medium,
            ),
            Fieldset(
                Field.radios("chair_term", inline=True, **small),
                Field.text("vice_chair_term", field_width=20),
                Field.radios("executive_term", inline=True, **small),
                Field.radios("name_style", **small),
                Field.radios("members_layout", **small),
                Field.radios("front_sheet_style", **small),
                Field.text("proper_officer"),
                Field.text("signatory_title"),
                legend="How the council prints its agendas",
                **medium,
            ),
            Fieldset(
                HTML(f'<p class="govuk-body">{RICH_TEXT_HELP}</p>'),
                Field.textarea("front_sheet_text", rows=8),
                Field.textarea("guidance_notes", rows=8),
                Field.textarea("exempt_items_text", rows=4),
                Field.textarea("filming_text", rows=4),
                Field.textarea("evacuation_text", rows=4),
                Field.textarea("access_to_information_text", rows=4),
                legend="Standard texts",
                **medium,
            ),
            Fieldset(
                Field.text("publication_clear_days", field_width=2),
                Field.text("question_clear_days", field_width=2),
                Field.text("question_deadline_time", field_width=5),
                Field.select("holiday_region"),
                legend="Deadlines",
                **medium,
            ),
            Fieldset(
                Field.checkbox("require_two_factor"),
                legend="Signing in",
                **medium,
            ),
        )


# Committees


class CommitteeForm(SlugFromName, forms.ModelForm):
    noun = "committee"

    class Meta:
        model = Committee
        fields = [
            "council",
            "name",
            "slug",
            "kind",
            "remit",
            "information_text",
            "focus_strapline",
            "contact_name",
            "contact_phone",
            "contact_email",
            "default_venue",
            "default_start_time",
            "predecessor",
            "is_active",
        ]
        labels = {
            "name": "Full official name",
            "slug": "Web address (optional)",
            "kind": "Kind of committee",
            "remit": "Remit (optional)",
            "information_text": "Information about the committee (optional)",
            "focus_strapline": "Focus strapline (optional)",
            "contact_name": "Contact (optional)",
            "contact_phone": "Contact telephone (optional)",
            "contact_email": "Contact e-mail address (optional)",
            "default_venue": "Usual venue (optional)",
            "default_start_time": "Usual start time (optional)",
            "predecessor": "Committee it replaced (optional)",
            "is_active": "The committee is active (it still meets)",
        }
        help_texts = {
            "name": "Exactly as printed, for example “Scrutiny Committee - Children and Families”.",
            "slug": "Up to 100 letters, numbers and hyphens, used in the committee's addresses. "
            "Leave empty to make one from the name. Changing it changes the addresses of the "
            "committee's pages.",
            "information_text": f"Printed as an annex to every agenda. {RICH_TEXT_HELP}",
            "contact_phone": "Leave empty to print the council's.",
            "contact_email": "Leave empty to print the council's.",
            "default_start_time": "For example, 10:00",
        }
        widgets = {
            "remit": forms.Textarea(attrs={"rows": 4}),
            "information_text": _rich_text(8),
            "kind": forms.RadioSelect,
            "default_start_time": _time(),
        }
        error_messages = {
            "name": {"required": "Enter the full official name of the committee."},
            "council": {"required": "Choose the council the committee belongs to."},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        councils = councils_run_by(user)
        self.fields["council"].queryset = councils
        self.fields["council"].empty_label = "Choose a council"
        if not self.instance.pk and len(councils) == 1:
            self.fields["council"].initial = councils[0].pk
        self.fields["slug"].required = False
        predecessors = Committee.objects.filter(
            Q(pk__in=committees_run_by(user).values("pk")) | Q(pk=self.instance.predecessor_id)
        ).select_related("council")
        if self.instance.pk:
            predecessors = predecessors.exclude(pk=self.instance.pk)
        self.fields["predecessor"].queryset = predecessors
        self.fields["predecessor"].empty_label = "None"
        self.fields["predecessor"].label_from_instance = lambda c: f"{c.name} ({c.council.name})"
        self.helper = _helper(
            Field.select("council"),
            Field.text("name"),
            Field.text("slug"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.textarea("remit", rows=4),
            Field.textarea("information_text", rows=8),
            Field.text("focus_strapline"),
            Fieldset(
                Field.text("contact_name"),
                Field.text("contact_phone", field_width=20),
                Field.text("contact_email", field_width=Fluid.TWO_THIRDS),
                legend="Contact",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("default_venue"),
                Field.text("default_start_time", field_width=5),
                legend="Meetings",
                legend_size=Size.MEDIUM,
            ),
            Field.select("predecessor"),
            Field.checkbox("is_active"),
        )

    def clean_predecessor(self):
        predecessor = self.cleaned_data.get("predecessor")
        if predecessor and self.instance.pk:
            seen, each = set(), predecessor
            while each is not None and each.pk not in seen:
                if each.pk == self.instance.pk:
                    raise forms.ValidationError(
                        f"{predecessor.name} replaced this committee, so this committee cannot "
                        "have replaced it."
                    )
                seen.add(each.pk)
                each = each.predecessor
        return predecessor


# People


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "honorific",
            "first_name",
            "surname",
            "is_councillor",
            "job_title",
            "organisation",
            "email",
            "phone",
        ]
        labels = {
            "honorific": "Title (optional)",
            "is_councillor": "This person is a councillor",
            "job_title": "Job title (optional)",
            "organisation": "Organisation (optional)",
            "email": "E-mail address (optional)",
            "phone": "Telephone (optional)",
        }
        help_texts = {
            "honorific": "For example, “The Revd” or “Mrs”. Councillors are printed as "
            "“Councillor” whatever this says.",
            "is_councillor": "Printed as “Councillor Leigh Redman” or “Cllr L Redman”.",
            "organisation": "For a co-opted member or a speaker, for example “Weston College”.",
        }
        error_messages = {
            "first_name": {"required": "Enter the person's first name."},
            "surname": {"required": "Enter the person's surname."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("honorific", field_width=10),
            Field.text("first_name", field_width=Fluid.TWO_THIRDS),
            Field.text("surname", field_width=Fluid.TWO_THIRDS),
            Field.checkbox("is_councillor"),
            Field.text("job_title"),
            Field.text("organisation"),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("phone", field_width=20),
        )


# Memberships


def _span(membership: Membership) -> str:
    start, end = membership.start_date, membership.end_date
    if start and end:
        return f"from {plain_date(start)} to {plain_date(end)}"
    if start:
        return f"from {plain_date(start)}"
    if end:
        return f"until {plain_date(end)}"
    return "with no start or end date"


def role_choices(council: Council) -> list[tuple[str, str]]:
    """The roles as this council prints them: "Chairman", "Vice-Chairman"…"""
    labels = {
        Membership.Role.CHAIR: council.chair_term,
        Membership.Role.VICE_CHAIR: council.vice_chair_term or f"Vice-{council.chair_term}",
    }
    return [(role.value, labels.get(role, role.label)) for role in Membership.Role]


def seat_conflicts(committee, *, person, role, start, end, exclude_pk=None) -> dict[str, str]:
    """
    What the seat would clash with: the same person's other seat on the committee, or another
    Chair or Vice-Chair, at overlapping dates. A missing start or end date runs for ever.
    """
    others = Membership.objects.filter(committee=committee).select_related(
        "person", "committee__council"
    )
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if end is not None:
        others = others.filter(Q(start_date__isnull=True) | Q(start_date__lte=end))
    if start is not None:
        others = others.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    conflicts = {}
    if person is not None:
        same = others.filter(person=person).order_by("start_date").first()
        if same:
            conflicts["person"] = (
                f"{person.formal_name} already has a seat on this committee ({same.role_label}, "
                f"{_span(same)}). End that seat first, or give this one dates that do not "
                "overlap it."
            )
    if role in ONE_AT_A_TIME:
        holder = others.filter(role=role).order_by("start_date").first()
        if holder:
            conflicts["role"] = (
                f"The committee already has a {holder.role_label}, {holder.display_name}, "
                f"{_span(holder)}. End that seat first, or give this one dates that do not "
                "overlap it."
            )
    return conflicts


def _dates_in_order(form, start, end) -> bool:
    if start and end and end < start:
        form.add_error(
            "end_date",
            f"The end date must be the same as or after the start date, {plain_date(start)}.",
        )
        return False
    return True


class MembershipForm(forms.ModelForm):
    person = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        required=False,
        empty_label="No one: the seat is vacant",
        label="Person",
    )
    start_date = DateInputField(
        required=False,
        label="Start date (optional)",
        help_text=f"{DATE_HELP} Leave empty if it is not known.",
    )
    end_date = DateInputField(
        required=False,
        label="End date (optional)",
        help_text=f"{DATE_HELP} The last day of the seat; leave empty while it continues.",
    )
    position = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=32767,
        label="Position (optional)",
        help_text="Orders vacant seats with the same role among themselves. Leave empty to put "
        "this seat after the others.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Membership
        fields = [
            "person",
            "role",
            "representative_type",
            "organisation",
            "voting_note",
            "start_date",
            "end_date",
            "position",
        ]
        labels = {
            "representative_type": "Representative type (needed for a vacant seat)",
            "organisation": "Organisation (optional)",
            "voting_note": "Voting note (optional)",
        }
        help_texts = {
            "representative_type": "For example, “Church of England Representative” or "
            "“Co-opted seat”. A vacant seat is printed as “Vacancy: ” and this.",
            "voting_note": "For example, “Votes on education matters only”.",
        }

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        self.instance.committee = committee
        self.fields["person"].queryset = Person.objects.all()
        self.fields["person"].label_from_instance = lambda person: ", ".join(
            part for part in (person.formal_name, person.organisation) if part
        )
        self.fields["person"].help_text = format_html(
            'Someone not in the list? <a class="govuk-link" href="{}">Add a person</a> first.',
            reverse("committees_manage:person_create"),
        )
        self.fields["role"].choices = role_choices(committee.council)
        self.helper = _helper(
            Field.select("person"),
            Field.select("role"),
            Field.text("representative_type"),
            Field.text("organisation"),
            Field.text("voting_note"),
            Field("start_date"),
            Field("end_date"),
            Field.text("position", field_width=3),
        )

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person")
        if (
            "person" not in self.errors
            and person is None
            and not cleaned.get("representative_type")
        ):
            self.add_error(
                "representative_type",
                "Enter the representative type of the vacant seat, for example “Church "
                "representative”, or choose the person who holds it.",
            )
        if {"start_date", "end_date", "person", "role"} & self.errors.keys():
            return cleaned
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if not _dates_in_order(self, start, end):
            return cleaned
        conflicts = seat_conflicts(
            self.committee,
            person=person,
            role=cleaned.get("role"),
            start=start,
            end=end,
            exclude_pk=self.instance.pk,
        )
        for field, message in conflicts.items():
            self.add_error(field, message)
        return cleaned


class EndMembershipForm(forms.Form):
    end_date = DateInputField(
        label="Last day of the seat", help_text=f"{DATE_HELP} It may be in the future."
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["end_date"].initial = membership.end_date or timezone.localdate()
        self.fields["end_date"].error_messages["required"] = "Enter the last day of the seat."
        self.helper = _helper(Field("end_date"), submit="End the seat")

    def clean(self):
        cleaned = super().clean()
        end = cleaned.get("end_date")
        membership = self.membership
        if end is None or not _dates_in_order(self, membership.start_date, end):
            return cleaned
        conflicts = seat_conflicts(
            membership.committee,
            person=membership.person,
            role=membership.role,
            start=membership.start_date,
            end=end,
            exclude_pk=membership.pk,
        )
        for message in conflicts.values():
            self.add_error("end_date", message)
        return cleaned
