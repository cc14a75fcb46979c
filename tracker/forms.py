from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms

from committees.lineage import lineage_ids
from meetings.models import AgendaItem, Meeting

from .models import LegendStatus, TrackerEntry


def _helper(button: str) -> FormHelper:
    helper = FormHelper()
    helper.label_size = Size.SMALL
    helper.add_input(Submit("submit", button))
    return helper


def _offer(field, queryset, label=str, blank=True):
    """Offer a short list, but look any posted value up, so a wrong one gets a clear message."""
    choices = [(each.pk, label(each)) for each in queryset]
    field.widget.choices = ([("", "(none)")] if blank else []) + choices


class EntryForm(forms.ModelForm):
    class Meta:
        model = TrackerEntry
        fields = [
            "meeting",
            "agenda_item",
            "item_title",
            "owners",
            "owners_text",
            "agreed_outcome",
            "status",
            "status_note",
            "target_meeting",
            "agreed_on",
        ]
        widgets = {
            "agreed_outcome": forms.Textarea(attrs={"rows": 6}),
            "status_note": forms.Textarea(attrs={"rows": 2}),
            "agreed_on": forms.DateInput(attrs={"type": "date"}),
            "owners": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, tracker, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.tracker = tracker
        meetings = Meeting.objects.filter(
            committee_id__in=lineage_ids(tracker.committee)
        ).select_related("committee")
        self.fields["meeting"].queryset = Meeting.objects.select_related("committee")
        self.fields["target_meeting"].queryset = Meeting.objects.select_related("committee")
        self.fields["status"].queryset = LegendStatus.objects.select_related("tracker")
        self.fields["agenda_item"].queryset = AgendaItem.objects.select_related("meeting")
        _offer(self.fields["meeting"], meetings, blank=False)
        _offer(self.fields["target_meeting"], meetings)
        _offer(self.fields["status"], tracker.statuses.all(), blank=False)
        _offer(
            self.fields["agenda_item"],
            AgendaItem.objects.filter(meeting__in=meetings).select_related("meeting"),
            label=lambda item: f"{item.meeting.date:%-d %b %Y}: {item.label} {item.title}",
        )
        self.fields["agreed_on"].required = False
        self.fields["agreed_on"].help_text = "Empty for the meeting's date."
        self.helper = _helper("Save entry")


class UpdateForm(forms.Form):
    status = forms.ModelChoiceField(queryset=LegendStatus.objects.all())
    status_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text='Printed under the status, e.g. "Update to May \'23 mtg".',
    )
    note = forms.CharField(
        label="What happened", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        _offer(self.fields["status"], entry.tracker.statuses.all(), blank=False)
        self.helper = _helper("Record update")

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status.tracker_id != self.entry.tracker_id:
            labels = ", ".join(self.entry.tracker.statuses.values_list("label", flat=True))
            raise forms.ValidationError(
                f"“{status.label}” is not a status in this committee's legend ({labels})."
            )
        return status
