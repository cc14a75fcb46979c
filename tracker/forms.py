from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms

from committees.lineage import lineage_ids
from meetings.models import AgendaItem, Meeting

from .models import LegendStatus, TrackerEntry


def _helper(button: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the page's template writes the <form>
    # No layout, so crispy-forms-gds puts label_size in the class as it is.
    helper.label_size = Size.for_label(Size.SMALL)
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
        labels = {
            # Two fields called "Agenda item" could not be told apart by ear.
            "agenda_item": "Agenda item it came from (optional)",
            "item_title": "Agenda item, as printed",
        }
        # GOV.UK error messages: what to do, for this field (not "This field is required.").
        error_messages = {
            "meeting": {
                "required": "Choose the meeting that agreed the outcome",
                "invalid_choice": "Choose the meeting that agreed the outcome from the list",
            },
            "agenda_item": {
                "invalid_choice": "Choose the agenda item from the list, or “(none)”",
            },
            "item_title": {
                "required": "Enter the agenda item, as the tracker prints it",
                "max_length": "The agenda item must be 500 characters or fewer",
            },
            "owners": {
                "invalid_choice": "Choose the owners from the list",
                "invalid_pk_value": "Choose the owners from the list",
                "invalid_list": "Choose the owners from the list",
            },
            "owners_text": {"max_length": "The lead or owner must be 300 characters or fewer"},
            "agreed_outcome": {"required": "Enter the agreed outcome"},
            "status": {
                "required": "Choose a RAG status",
                "invalid_choice": "Choose a RAG status from the legend",
            },
            "target_meeting": {
                "invalid_choice": "Choose the target meeting from the list, or “(none)”",
            },
            "agreed_on": {
                "invalid": "Enter the date it was agreed as a real date, or leave it empty"
            },
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
    """An update to an entry: its status, the note printed under it, and its target meeting.

    The tracker page shows one of these on every row, so the legend and the committee's
    meetings can be handed in once rather than read again for each row.
    """

    status = forms.ModelChoiceField(
        queryset=LegendStatus.objects.select_related("tracker"),
        widget=forms.Select(attrs={"class": "govuk-select govuk-!-width-full"}),
    )
    status_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea govuk-!-width-full"}),
        help_text='Printed under the status, e.g. "Update to May \'23 mtg".',
    )
    target_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.select_related("committee"),
        required=False,
        widget=forms.Select(attrs={"class": "govuk-select govuk-!-width-full"}),
    )
    note = forms.CharField(
        label="What happened",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea govuk-!-width-full"}),
    )

    def __init__(self, *args, entry, statuses=None, meetings=None, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "status": entry.status_id,
                "status_note": entry.status_note,
                "target_meeting": entry.target_meeting_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.entry = entry
        if statuses is None:
            statuses = list(entry.tracker.statuses.all())
        if meetings is None:
            meetings = list(tracker_meetings(entry.tracker))
        self.statuses = statuses
        _offer(self.fields["status"], statuses, blank=False)
        _offer(
            self.fields["target_meeting"],
            meetings,
            label=lambda meeting: f"{meeting.date:%-d %B %Y}",
        )
        self.helper = _helper("Record update")

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status.tracker_id != self.entry.tracker_id:
            labels = ", ".join(each.label for each in self.statuses)
            raise forms.ValidationError(
                f"“{status.label}” is not a status in this committee's legend ({labels})."
            )
        return status

    def clean_target_meeting(self):
        meeting = self.cleaned_data["target_meeting"]
        committee = self.entry.tracker.committee
        if meeting and meeting.committee_id not in lineage_ids(committee):
            raise forms.ValidationError(
                f"The target meeting ({meeting}) belongs to another committee; "
                f"pick a meeting of the {committee.name}."
            )
        return meeting


def tracker_meetings(tracker):
    """Meetings an entry can come back to: the committee's, and those of the one it replaced."""
    return (
        Meeting.objects.filter(committee_id__in=lineage_ids(tracker.committee))
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("committee")
        .order_by("date")
    )
