from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms

from committees.lineage import lineage_ids
from meetings.models import AgendaItem, Meeting
from tracker.services import current_committee

from .models import LEGENDS, ActionPlan, Milestone, PlanAction, ProgressUpdate, RagLevel


def _helper(button: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    # No layout, so crispy-forms-gds puts label_size in the class as it is.
    helper.label_size = Size.for_label(Size.SMALL)
    helper.add_input(Submit("submit", button))
    return helper


def _offer_levels(field, plan):
    """Offer the plan's own legend, but look any posted level up, so a wrong one gets a message."""
    field.queryset = RagLevel.objects.select_related("plan")
    field.empty_label = "Not rated"
    field.widget.choices = [("", "Not rated")] + [
        (level.pk, level.label) for level in plan.rag_levels.all()
    ]


class PlanForm(forms.ModelForm):
    legend = forms.ChoiceField(
        label="RAG legend",
        choices=[
            ("rag", "Red, Amber, Green"),
            ("met", "Met, On track, Partially met, Not on track"),
        ],
        help_text="You can add more states to the legend later.",
    )

    class Meta:
        model = ActionPlan
        fields = ["title", "slug", "committee", "local_area", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["legend"]
        # Reported to one of the officer's own committees, or to none.
        self.fields["committee"].queryset = (
            self.fields["committee"].queryset.filter(is_active=True).run_by(user)
        )
        self.helper = _helper("Save plan" if self.instance.pk else "Create plan")

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug == "new":
            raise forms.ValidationError("“new” is kept for the page that creates a plan.")
        return slug

    def save(self, commit=True):
        plan = super().save(commit)
        if commit and "legend" in self.cleaned_data:
            plan.set_legend(LEGENDS[self.cleaned_data["legend"]])
        return plan


class RagLevelForm(forms.ModelForm):
    class Meta:
        model = RagLevel
        fields = ["label", "colour", "definition"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.helper = _helper("Add to the legend")

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if self.instance.plan.rag_levels.filter(label__iexact=label).exists():
            raise forms.ValidationError(f"The legend already has “{label}”.")
        return label


class ActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["ref", "area", "text", "by_when", "lead_officer", "rag", "kpis"]
        widgets = {
            "ref": forms.TextInput(attrs={"class": "govuk-input--width-5"}),
            "text": forms.Textarea(attrs={"rows": 3}),
            "kpis": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        _offer_levels(self.fields["rag"], plan)
        self.helper = _helper("Save action" if self.instance.pk else "Add action")


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["text", "by_when", "responsible", "is_done"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.action = action
        self.helper = _helper("Save milestone" if self.instance.pk else "Add milestone")


class ProgressUpdateForm(forms.ModelForm):
    """A progress update: on one action's page, or on the plan's page with the action picked."""

    class Meta:
        model = ProgressUpdate
        fields = ["action", "period", "rag", "text"]
        labels = {"rag": "RAG for this period"}
        widgets = {
            "period": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        if action is not None:
            del self.fields["action"]
            self.instance.action = action
        else:
            self.fields["action"].queryset = plan.actions.all()
        _offer_levels(self.fields["rag"], plan)
        self.fields["period"].help_text = 'A month and year, e.g. "May 2023".'
        self.helper = _helper("Save update" if self.instance.pk else "Add progress update")


class ReportForm(forms.Form):
    """Report a plan's progress to a meeting: which item, and progress up to which period."""

    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.select_related("meeting__committee"),
        label="Meeting and agenda item",
        help_text="The paper is added to this item and goes into the meeting's pack.",
    )
    period = forms.ChoiceField(label="Progress up to", help_text="The latest period to show.")
    title = forms.CharField(
        required=False, max_length=500, help_text="Empty for the plan's title and the period."
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        meetings = Meeting.objects.exclude(status=Meeting.Status.CANCELLED).select_related(
            "committee"
        )
        if plan.committee_id:
            meetings = meetings.filter(committee_id__in=self.committee_ids())
        groups = {}
        for item in (
            AgendaItem.objects.filter(meeting__in=meetings)
            .select_related("meeting__committee", "parent")
            .order_by("-meeting__date", "position")
        ):
            label = f"{item.parent.label}{item.label}" if item.parent_id else item.label
            groups.setdefault(str(item.meeting), []).append(
                (item.pk, f"Item {label}: {item.title}")
            )
        self.fields["agenda_item"].widget.choices = [("", "Pick an agenda item")] + list(
            groups.items()
        )
        periods = (
            ProgressUpdate.objects.filter(action__plan=plan)
            .order_by("-period_start")
            .values_list("period", flat=True)
        )
        self.fields["period"].choices = [(period, period) for period in dict.fromkeys(periods)]
        self.helper = _helper("Add the progress report to the agenda")

    def committee_ids(self) -> list[int]:
        """The plan's committee, the one that replaced it, and those it replaced."""
        return lineage_ids(current_committee(self.plan.committee))

    def clean_agenda_item(self):
        item = self.cleaned_data["agenda_item"]
        committee = self.plan.committee
        if committee and item.meeting.committee_id not in self.committee_ids():
            raise forms.ValidationError(
                f"That item is on a meeting of the {item.meeting.committee.name}; this plan "
                f"reports to the {committee.name}."
            )
        if item.meeting.status == Meeting.Status.CANCELLED:
            raise forms.ValidationError("That meeting is cancelled.")
        return item

    def clean(self):
        cleaned = super().clean()
        if not self.fields["period"].choices:
            raise forms.ValidationError(
                "Add a progress update to the plan's actions before reporting its progress."
            )
        return cleaned
