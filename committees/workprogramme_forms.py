from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms

from meetings.models import Meeting

from .lineage import lineage_ids
from .workprogramme import WorkProgrammeItem


class ProposalForm(forms.ModelForm):
    class Meta:
        model = WorkProgrammeItem
        fields = ["title", "purpose", "service_area"]
        labels = {"title": "Topic", "purpose": "Why the committee should look at it"}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
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
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", "Record decision"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Say why the proposal is declined; the reason is published.")
        return cleaned
