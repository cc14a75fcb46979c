from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms

from meetings.models import AgendaItem, Meeting

from .models import AttendanceEntry, Comment, Decision, Declaration, Minute, Minutes, PublicSpeaker


def _helper(button: str, action: str) -> FormHelper:
    """Forms share a page; each posts a hidden "action" naming which form was sent."""
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.add_input(Submit("submit", button))
    helper.action_name = action
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
        fields = ["kind", "wording"]
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
