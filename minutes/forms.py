from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms

from meetings.models import AgendaItem, Meeting

from .models import AttendanceEntry, Comment, Decision, Declaration, Minute, Minutes, PublicSpeaker


def _helper(button: str, action: str) -> FormHelper:
    """Forms share a page, each posting to a URL of its own (minutes/urls.py)."""
    helper = FormHelper()
    helper.form_tag = False
    # No layout, so crispy-forms-gds puts label_size in the class as it is.
    helper.label_size = Size.for_label(Size.SMALL)
    # Its own id: several of these forms share the minutes page.
    helper.add_input(Submit("submit", button, css_id=f"submit-{action.replace('_', '-')}"))
    return helper


class CorrectionReasonMixin:
    """Once minutes are approved every change must say why: the reason is recorded."""

    def add_reason_field(self, locked: bool):
        if locked:
            self.fields["correction_reason"] = forms.CharField(
                label="Reason for the correction",
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="The minutes are approved: this is kept with your name and reason.",
            )


class MinutesForm(CorrectionReasonMixin, forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["heading", "venue", "end_time"]
        widgets = {"end_time": forms.TimeInput(attrs={"type": "time"})}

    def __init__(self, *args, locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_reason_field(locked)
        self.helper = _helper("Save minutes details", "save_minutes")


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = AttendanceEntry
        fields = [
            "category",
            "person",
            "name",
            "role",
            "substitute_for",
            "attended_virtually",
            "followed_by",
        ]

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people
        self.fields["person"].required = False
        self.fields[
            "person"
        ].help_text = "A member of the committee, or leave empty and type a name."
        self.helper = _helper("Add to attendance", "add_attendance")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not (cleaned.get("name") or "").strip():
            raise forms.ValidationError("Pick a person or type a name.")
        return cleaned


ATTENDANCE_CHOICES = [
    (status.value, status.label)
    for status in (
        AttendanceEntry.Status.PRESENT,
        AttendanceEntry.Status.APOLOGIES,
        AttendanceEntry.Status.SUBSTITUTED,
        AttendanceEntry.Status.ABSENT,
    )
]


class MemberAttendanceForm(forms.Form):
    """One member's row of the attendance form: what they did, and who sat in for them."""

    entry = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=ATTENDANCE_CHOICES, widget=forms.RadioSelect)
    substitute = forms.CharField(
        label="Who substituted",
        max_length=200,
        required=False,
        help_text="As printed, for example Cllr L Trimnell.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
    )

    def __init__(self, *args, entry: AttendanceEntry, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = entry  # (not `entry`: a template reads form.entry as the hidden field)
        name = entry.display_name
        self.fields["status"].error_messages["required"] = (
            f"Select whether {name} was present, sent apologies, sent a substitute or was absent"
        )
        self.fields["substitute"].label = f"Who substituted for {name}"

    @property
    def legend(self) -> str:
        """ "Cllr L Redman, Chair"; "Mrs E Tipper, Co-opted member"."""
        seat = self.row.membership
        if seat is not None and seat.role != seat.Role.MEMBER:
            return f"{self.row.display_name}, {seat.role_label}"
        return self.row.display_name

    @property
    def first_radio_id(self) -> str:
        """Where the error summary sends you for this row: its first radio, as GOV.UK asks."""
        return f"{self['status'].auto_id}_0"

    @property
    def radios(self):
        return list(self["status"])

    @property
    def substituted_value(self) -> str:
        return AttendanceEntry.Status.SUBSTITUTED

    @property
    def substituted(self) -> bool:
        """Whether "Substitute" is chosen (as saved, or as just posted)."""
        return self["status"].value() == AttendanceEntry.Status.SUBSTITUTED

    @property
    def status_errors(self) -> list[str]:
        """The row's errors shown at its radios: what was chosen, or a changed list."""
        if not self.is_bound:
            return []
        return [*self.errors.get("entry", []), *self.errors.get("status", [])]

    def clean_entry(self):
        if self.cleaned_data["entry"] != self.row.pk:
            raise forms.ValidationError(
                "The list of members changed while you were recording attendance: check it "
                "and save again"
            )
        return self.row

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == AttendanceEntry.Status.SUBSTITUTED:
            if not cleaned.get("substitute", "").strip():
                self.add_error(
                    "substitute", f"Enter the name of who substituted for {self.row.display_name}"
                )
        else:
            cleaned["substitute"] = ""
        return cleaned

    def answer(self):
        from .services import MemberAttendance

        return MemberAttendance(
            entry=self.row,
            status=self.cleaned_data["status"],
            substitute=self.cleaned_data["substitute"],
        )


class BaseAttendanceFormSet(forms.BaseFormSet):
    """
    One form per member's row, in the order the rows were read. The rows decide how many
    forms there are, not the number posted; each form also posts its row's id, so a list
    that changed between reading and saving is refused, not saved against the wrong member.
    """

    def __init__(self, *args, entries: list[AttendanceEntry], **kwargs):
        self.entries = entries
        kwargs.setdefault("initial", [self.initial_for(entry) for entry in entries])
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_for(entry: AttendanceEntry) -> dict:
        substitutes = list(entry.substitutes.all())
        recorded = entry.status != AttendanceEntry.Status.NOT_RECORDED
        return {
            "entry": entry.pk,
            "status": entry.status if recorded else None,
            "substitute": substitutes[0].display_name if substitutes else "",
        }

    def total_form_count(self):
        return len(self.entries)

    def initial_form_count(self):
        return len(self.entries)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "entry": self.entries[index]}

    def answers(self):
        return [form.answer() for form in self.forms]

    def error_list(self) -> list[tuple[str, str]]:
        """(id, message) for the error summary, in the order the fields are on the page."""
        found = [("", error) for error in self.non_form_errors()]
        for form in self.forms:
            for name in ("entry", "status", "substitute"):
                target = form.first_radio_id if name in ("entry", "status") else form[name].auto_id
                found.extend((target, error) for error in form.errors.get(name, []))
        return found


AttendanceFormSet = forms.formset_factory(
    MemberAttendanceForm, formset=BaseAttendanceFormSet, extra=0
)


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["minute", "person", "name", "kind", "description"]

    def __init__(self, *args, minutes=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minute"].queryset = minutes.minute_entries.all()
        if people is not None:
            self.fields["person"].queryset = people
        self.helper = _helper("Add declaration", "add_declaration")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not (cleaned.get("name") or "").strip():
            raise forms.ValidationError("Pick a person or type a name.")
        return cleaned


class MinuteForm(CorrectionReasonMixin, forms.ModelForm):
    class Meta:
        model = Minute
        fields = [
            "number",
            "paragraph",
            "agenda_item",
            "heading",
            "reference_separator",
            "body",
            "comments_intro",
            "closing",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "closing": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self,
        *args,
        meeting=None,
        locked=False,
        button="Save minute",
        action="save_minute",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # Only this meeting's items are offered, but any posted item is looked up so
        # that one from another meeting is refused with a message, not "invalid choice".
        field = self.fields["agenda_item"]
        field.queryset = AgendaItem.objects.select_related("meeting__committee")
        field.widget.choices = [("", "(none)")] + [
            (item.pk, str(item)) for item in AgendaItem.objects.filter(meeting=meeting)
        ]
        self.fields["reference_separator"].required = False
        self.add_reason_field(locked)
        self.helper = _helper(button, action)

    def clean_reference_separator(self):
        return self.cleaned_data["reference_separator"] or Minute.Separator.HYPHEN

    def clean_agenda_item(self):
        item = self.cleaned_data.get("agenda_item")
        minutes = self.instance.minutes if self.instance.minutes_id else None
        if item and minutes and item.meeting_id != minutes.meeting_id:
            raise forms.ValidationError(
                f"Agenda item {item.label} belongs to another meeting ({item.meeting}); "
                "a minute can only refer to an item of its own meeting."
            )
        return item


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["text", "response"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "response": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Add comment", "add_comment")


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["kind", "wording", "addressed_to"]
        widgets = {"wording": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Add decision", "add_decision")


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = PublicSpeaker
        fields = ["name", "description", "statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Add speaker", "add_speaker")


class ApproveForm(forms.Form):
    at_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), label="Approved at the meeting of"
    )
    approved_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Empty for the meeting's date.",
    )

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings
        self.helper = _helper("Record approval", "approve")
