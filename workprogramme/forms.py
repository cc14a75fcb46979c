from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import escape

from committees.lineage import lineage_ids
from meetings.models import Meeting
from scrutiny.error_summary import error_items

from .models import WorkProgrammeItem, work_plan_date


class ProposalForm(forms.ModelForm):
    class Meta:
        model = WorkProgrammeItem
        fields = ["title", "purpose", "service_area"]
        labels = {"title": "Topic", "purpose": "Why the committee should look at it"}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        # No layout, so crispy-forms-gds puts label_size in the class as it is.
        self.helper.label_size = Size.for_label(Size.SMALL)
        self.helper.add_input(Submit("submit", "Propose this item"))


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept"), ("decline", "Decline")], widget=forms.RadioSelect
    )
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        help_text="When accepting: the meeting it goes to, or empty for “to be scheduled”.",
    )
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Published with the decision; needed when declining.",
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        programme = item.programme
        self.fields["meeting"].queryset = Meeting.objects.filter(
            committee_id__in=lineage_ids(programme.committee), date__gte=programme.starts_on
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        # No layout, so crispy-forms-gds puts label_size in the class as it is.
        self.helper.label_size = Size.for_label(Size.SMALL)
        self.helper.add_input(Submit("submit", "Record decision"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Say why the proposal is declined; the reason is published.")
        return cleaned


Section = WorkProgrammeItem.Section
Status = WorkProgrammeItem.Status
NOT_AT_A_MEETING = [
    (Section.TO_BE_SCHEDULED, "To be scheduled"),
    (Section.WORKSHOP, "Workshop"),
    (Section.OUTSTANDING, "Outstanding from last year"),
]
MEETING_PREFIX = "meeting-"


def meetings_to_plan_for(programme, current=None):
    """The committee's meetings in the programme's year (and the item's own, whatever it is)."""
    in_year = models.Q(
        committee_id__in=lineage_ids(programme.committee),
        date__gte=programme.starts_on,
        date__lt=programme.dates_until,
    ) & ~models.Q(status=Meeting.Status.CANCELLED)
    if current is not None:
        in_year |= models.Q(pk=current)
    return (
        Meeting.objects.filter(in_year).select_related("committee").order_by("date", "start_time")
    )


def _meeting_label(meeting, programme) -> str:
    label = work_plan_date(meeting)
    if meeting.committee_id != programme.committee_id:
        label += f" ({meeting.committee.name})"
    if meeting.is_called_off:
        label += f" – {meeting.get_status_display().lower()}"
    return label


class ItemForm(forms.Form):
    """An officer's work programme item: what it is, when it is planned for, its status."""

    title = forms.CharField(
        max_length=500, error_messages={"required": "Enter the title of the item"}
    )
    purpose = forms.CharField(
        required=False,
        label="Description (optional)",
        help_text="What the committee will look at, and why.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    lead_officer = forms.CharField(
        max_length=300,
        required=False,
        label="Lead officer or witnesses (optional)",
        help_text="As printed on the work plan, for example “Amelia Walker, Service Director”.",
    )
    service_area = forms.CharField(max_length=200, required=False, label="Service area (optional)")
    forward_plan_ref = forms.CharField(
        max_length=60,
        required=False,
        label="Forward Plan reference (optional)",
        help_text="When it is a key decision on the Forward Plan, for example FP/18/01/05.",
    )
    planned_for = forms.ChoiceField(
        label="Planned for",
        error_messages={
            "required": "Choose the meeting it is planned for, or “To be scheduled”",
            "invalid_choice": "Choose one of this committee's meetings, or “To be scheduled”",
        },
    )
    group_heading = forms.CharField(
        max_length=200,
        required=False,
        label="Heading for workshops and outstanding items (optional)",
        help_text=(
            "For example “Possible workshop with Adults &amp; Health Scrutiny”. Leave empty for "
            "“Workshop - to be scheduled” or “Outstanding items from last year”."
        ),
    )
    status = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status of the item"},
    )
    decision_reason = forms.CharField(
        required=False,
        label="Reason (published)",
        help_text="Needed when the item is declined or dropped: the work programme publishes it.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    # Errors the services raise, by model field, and the form field they belong to.
    MODEL_FIELDS = {"meeting": "planned_for", "section": "planned_for"}

    def __init__(self, *args, programme, item=None, link=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        current = item.meeting_id if item else None
        self.meetings = {
            meeting.pk: meeting for meeting in meetings_to_plan_for(programme, current=current)
        }
        meeting_choices = [
            (f"{MEETING_PREFIX}{pk}", _meeting_label(meeting, programme))
            for pk, meeting in self.meetings.items()
        ]
        self.fields["planned_for"].choices = [
            ("", "Choose when"),
            ("Meetings", meeting_choices),
            ("Not at a meeting", NOT_AT_A_MEETING),
        ]
        statuses = [
            choice
            for choice in Status.choices
            if choice[0] != Status.PROPOSED or (item and item.status == Status.PROPOSED)
        ]
        self.fields["status"].choices = statuses
        if link:
            self.fields["planned_for"].help_text = escape(
                f"{link.hint} Changing the title, description or lead officer here does not "
                "change the agenda item."
            )
        if item is not None and not self.is_bound:
            self.initial = {
                **{name: getattr(item, name) for name in self.fields if hasattr(item, name)},
                "planned_for": self.planned_for_value(item),
            }
        self.initial.setdefault("planned_for", Section.TO_BE_SCHEDULED)
        self.initial.setdefault("status", Status.SCHEDULED)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL  # with a layout, the helper makes the class
        self.helper.layout = Layout(
            Field.text("title"),
            Field.textarea("purpose", rows=4),
            Field.text("lead_officer"),
            Field.text("service_area", field_width=Fluid.TWO_THIRDS),
            Field.text("forward_plan_ref", field_width=10),
            Field.select("planned_for"),
            Field.text("group_heading"),
            Field.radios("status", legend_size=Size.SMALL, small=True),
            Field.textarea("decision_reason", rows=3),
            Submit("save", "Save item" if item else "Add item"),
        )

    @staticmethod
    def planned_for_value(item) -> str:
        if item.section == Section.MEETING:
            return f"{MEETING_PREFIX}{item.meeting_id}" if item.meeting_id else ""
        return item.section

    def clean(self):
        cleaned = super().clean()
        dropping = cleaned.get("status") == Status.DROPPED
        if dropping and not (cleaned.get("decision_reason") or "").strip():
            self.add_error(
                "decision_reason", "Say why the item is dropped; the work programme publishes it."
            )
        return cleaned

    def item_data(self) -> dict:
        """What the services save, by model field."""
        data = {name: value for name, value in self.cleaned_data.items() if name != "planned_for"}
        planned = self.cleaned_data["planned_for"]
        if planned.startswith(MEETING_PREFIX):
            data["section"] = Section.MEETING
            data["meeting"] = self.meetings[int(planned.removeprefix(MEETING_PREFIX))]
        else:
            data["section"], data["meeting"] = planned, None
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        """Put what the services refused next to the field it concerns."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            name = self.MODEL_FIELDS.get(name, name)
            self.add_error(name if name in self.fields else None, errors)

    @property
    def error_summary(self) -> list[dict]:
        return error_items(self, anchor=self["title"].auto_id)
