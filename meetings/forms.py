import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from committees.formatting import long_date
from committees.models import Committee
from committees.rich_text import RICH_TEXT_ATTRS, RICH_TEXT_HELP

from .exempt import ExemptParagraph
from .models import AgendaItem, Document, Meeting, StandardItem
from .services import MEETING_FIELDS, STANDARD_PAPER_TITLES
from .uploads import CHOOSE_AGAIN, check_pdf

EXEMPT_HELP = (
    "An exempt item is taken in private (Part 2) and its papers are left out of the public pack. "
    "If you tick this, you must choose the paragraph of Schedule 12A that applies."
)
ANNEX_TITLE_HELP = (
    "As printed on the front sheet. The pack already prints the guidance notes, the information "
    "on the committee and the online joining details from their standard texts; an annex titled "
    "“Public Guidance Notes contained in Agenda Annexe”, “Information on the Committee” or "
    "“Click here to join the online meeting” takes the place of that text."
)
SERIES_DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%A %d %B %Y", "%d %b %Y"]


def _helper(*fields, submit="Save", form_tag=True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.layout = Layout(*fields, Submit("save", submit))
    return helper


def offer_save_anyway(form) -> None:
    """After a stale save: the officer's input stays, and the button says what it will do."""
    form.helper.layout.fields[-1] = Submit("save", "Save anyway", css_class="govuk-button--warning")


class ExemptionGuard:
    """
    Making an exempt item or paper public takes its own explicit confirmation, so that
    neither an unticked box nor "Save anyway" over someone else's change can publish
    exempt information by accident. Mixed into every form that edits `is_exempt`.
    """

    CONFIRM = "confirm_publication"

    def guard_exemption(self, noun: str) -> None:
        """Call at the end of __init__, once the helper's layout exists."""
        if not (self.instance.pk and self.instance.is_exempt):
            return
        self.fields[self.CONFIRM] = forms.BooleanField(
            required=False,
            label=f"Yes, this {noun} is no longer exempt and may be published",
            help_text=(
                f"The {noun} is exempt now. Unticking “exempt” makes it public once the "
                "pack is published; tick this box as well to confirm."
            ),
        )
        self.helper.layout.fields.insert(-1, Field.checkbox(self.CONFIRM))

    def check_exemption_removal(self, cleaned: dict, noun: str) -> None:
        removing = self.instance.pk and self.instance.is_exempt and not cleaned.get("is_exempt")
        if removing and not cleaned.get(self.CONFIRM):
            self.add_error(
                "is_exempt",
                f"This {noun} is exempt. To make it public, untick “exempt” and tick the "
                "confirmation box below; otherwise leave “exempt” ticked.",
            )


class RevisionField(forms.IntegerField):
    """The meeting revision the form was loaded at, for stale-edit detection."""

    def __init__(self):
        super().__init__(required=False, widget=forms.HiddenInput)


class NewMeetingForm(forms.Form):
    """What creating one meeting and creating a series share; the committee's usual time and
    venue apply where these are left empty."""

    committee = forms.ModelChoiceField(
        queryset=Committee.objects.active().select_related("council"),
        empty_label="Choose a committee",
    )
    start_time = forms.TimeField(
        required=False,
        label="Start time (optional)",
        help_text="For example, 10:00 or 14:30. Leave empty for the committee's usual time.",
    )
    venue = forms.CharField(
        required=False,
        max_length=300,
        label="Venue (optional)",
        help_text="Leave empty for the committee's usual venue.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = self.fields["committee"].queryset.run_by(user)


class MeetingCreateForm(NewMeetingForm):
    date = DateInputField(label="Date of the meeting", help_text="For example, 4 5 2023")
    with_standard_items = forms.BooleanField(
        required=False,
        initial=True,
        label="Start the agenda with the committee's standard items",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.select("committee"),
            Field("date"),
            Field.text("start_time", field_width=5),
            Field.text("venue"),
            Field.checkbox("with_standard_items"),
            submit="Create meeting",
        )


class MeetingSeriesForm(NewMeetingForm):
    dates = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Dates of the meetings",
        help_text="One date on each line, for example 12 July 2023 or 12/07/2023.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.select("committee"),
            Field.textarea("dates"),
            Field.text("start_time", field_width=5),
            Field.text("venue"),
            submit="Create meetings",
        )

    def clean_dates(self) -> list[datetime.date]:
        dates, unreadable = set(), []
        for line in self.cleaned_data["dates"].splitlines():
            text = line.strip().rstrip(",")
            if not text:
                continue
            for date_format in SERIES_DATE_FORMATS:
                try:
                    dates.add(datetime.datetime.strptime(text, date_format).date())
                    break
                except ValueError:
                    continue
            else:
                unreadable.append(text)
        if unreadable:
            raise forms.ValidationError(
                "These lines are not dates: %(lines)s. Write each date like 12 July 2023.",
                params={"lines": "; ".join(unreadable)},
            )
        if not dates:
            raise forms.ValidationError("Enter at least one date.")
        return sorted(dates)


class MeetingForm(forms.ModelForm):
    revision = RevisionField()
    date = DateInputField(label="Date of the meeting")

    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        labels = {
            "end_time": "End time (optional)",
            "is_webcast": "The meeting will be webcast",
            "is_audio_recorded": "An audio recording will be made",
            "issue_date": "Issue date (optional)",
        }
        help_texts = {"start_time": "For example, 10:00", "issue_date": "For example, 2023-04-25"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Cancelling and postponing are actions of their own, which tell the public and members.
        called_off = {Meeting.Status.CANCELLED, Meeting.Status.POSTPONED} - {self.instance.status}
        self.fields["status"].choices = [
            choice for choice in self.fields["status"].choices if choice[0] not in called_off
        ]
        self.helper = _helper(
            "revision",
            Field("date"),
            Field.text("start_time", field_width=5),
            Field.text("end_time", field_width=5),
            Field.text("venue"),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            Field.checkbox("is_webcast"),
            Field.checkbox("is_audio_recorded"),
            Field.textarea("online_joining_details", rows=4),
            Field.text("issue_date", field_width=10),
            Field.text("issued_by"),
        )


class AgendaItemForm(ExemptionGuard, forms.ModelForm):
    revision = RevisionField()
    exempt_paragraph = forms.TypedChoiceField(
        choices=[
            (paragraph.value, f"Paragraph {paragraph.value}: {paragraph.label}")
            for paragraph in ExemptParagraph
        ],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        label="Schedule 12A paragraph (required if the item is exempt)",
    )

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "description",
            "kind",
            "lead_officers",
            "time_allocation",
            "is_to_follow",
            "is_exempt",
            "exempt_paragraph",
        ]
        labels = {
            "lead_officers": "Lead officers (optional)",
            "time_allocation": "Time allowed, in minutes (optional)",
            "is_to_follow": "Papers to follow (print “To Follow” instead of page numbers)",
            "is_exempt": "Exempt item: to be taken in private",
            "description": "Description (optional)",
        }
        help_texts = {
            "description": RICH_TEXT_HELP,
            "lead_officers": (
                "As printed: “the Council's Service Director – Inclusion, Dr Rob Hart”"
            ),
            "time_allocation": "Printed as “the Chair will allow 25 minutes for this agenda item”",
            "is_exempt": EXEMPT_HELP,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6, **RICH_TEXT_ATTRS}),
            "lead_officers": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"title": {"required": "Enter the title of the item, as printed."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "revision",
            Field.text("title"),
            Field.textarea("description", rows=6),
            Field.select("kind"),
            Field.textarea("lead_officers", rows=2),
            Field.text("time_allocation", field_width=3),
            Field.checkbox("is_to_follow"),
            Fieldset(
                Field.checkbox("is_exempt"),
                Field.radios("exempt_paragraph", legend_size=Size.SMALL),
                legend="Exempt information",
                legend_size=Size.MEDIUM,
            ),
        )
        self.guard_exemption("item")

    def clean(self):
        cleaned = super().clean()
        self.check_exemption_removal(cleaned, "item")
        if cleaned.get("is_exempt") and not cleaned.get("exempt_paragraph"):
            self.add_error(
                "exempt_paragraph",
                "Choose the paragraph of Schedule 12A that makes this item exempt, "
                "or untick “Exempt item”.",
            )
        if not cleaned.get("is_exempt"):
            cleaned["exempt_paragraph"] = None
        return cleaned


class DeferForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        label="Which meeting should take this item?",
        empty_label=None,
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = meetings
        self.fields["target"].label_from_instance = lambda meeting: long_date(meeting.date)
        self.helper = _helper(Field.radios("target", legend_size=Size.MEDIUM), submit="Defer item")


class PdfField(forms.FileField):
    """A PDF paper: checked in full (see meetings/uploads.py); cleans to a CheckedPdf."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "PDF file")
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".pdf"}))
        super().__init__(**kwargs)
        self.error_messages["required"] = "Choose a PDF file to upload."
        self.error_messages["empty"] = f"The selected file is empty. {CHOOSE_AGAIN}"

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return check_pdf(upload) if upload else upload


def _for_annex(form) -> None:
    """The same paper forms serve meeting-level annexes, which are titled differently."""
    form.fields["title"].label = "Title of the annex"
    form.fields["title"].help_text = ANNEX_TITLE_HELP
    form.fields["kind"].initial = Document.Kind.ANNEX
    if "body" in form.fields:
        form.fields["body"].label = "Text of the annex"


class UploadPaperForm(forms.ModelForm):
    revision = RevisionField()
    file = PdfField()

    class Meta:
        model = Document
        fields = ["title", "kind", "is_exempt"]
        labels = {"title": "Title of the paper", "is_exempt": "This paper is exempt (Part 2)"}
        help_texts = {"title": "As printed on the paper, e.g. “Appendix A – Action plan”"}

    def __init__(self, *args, annex=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "govuk-file-upload"
        if annex:
            _for_annex(self)
        self.helper = _helper(
            "revision",
            Field.text("title"),
            Field.select("kind"),
            Field("file"),
            Field.checkbox("is_exempt"),
            submit="Upload paper",
        )


class ReplacePaperForm(forms.Form):
    revision = RevisionField()
    file = PdfField(label="New version (PDF)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("revision", Field("file"), submit="Replace paper")


class WrittenPaperForm(ExemptionGuard, forms.ModelForm):
    revision = RevisionField()

    class Meta:
        model = Document
        fields = ["title", "kind", "is_exempt", "body"]
        labels = {
            "title": "Title of the paper",
            "body": "Text of the paper",
            "is_exempt": "This paper is exempt (Part 2)",
        }
        help_texts = {"body": f"{RICH_TEXT_HELP} It becomes a PDF when the pack is built."}
        widgets = {"body": forms.Textarea(attrs={"rows": 16, **RICH_TEXT_ATTRS})}

    def __init__(self, *args, annex=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = Document.Kind.BRIEFING_NOTE
        self.fields["body"].required = True
        if annex:
            _for_annex(self)
        self.helper = _helper(
            "revision",
            Field.text("title"),
            Field.select("kind"),
            Field.textarea("body"),
            Field.checkbox("is_exempt"),
        )
        self.guard_exemption("paper")

    def clean(self):
        cleaned = super().clean()
        self.check_exemption_removal(cleaned, "paper")
        return cleaned


class PaperDetailsForm(ExemptionGuard, forms.ModelForm):
    """Title, kind and exemption of an uploaded paper (its file is replaced, not edited)."""

    revision = RevisionField()

    class Meta:
        model = Document
        fields = ["title", "kind", "is_exempt"]
        labels = {"title": "Title of the paper", "is_exempt": "This paper is exempt (Part 2)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "revision", Field.text("title"), Field.select("kind"), Field.checkbox("is_exempt")
        )
        self.guard_exemption("paper")

    def clean(self):
        cleaned = super().clean()
        self.check_exemption_removal(cleaned, "paper")
        return cleaned


class StandardItemForm(forms.ModelForm):
    paper_kind = forms.ChoiceField(
        required=False,
        label="Paper made from data (optional)",
        help_text=(
            "Every new meeting gets this paper on the item. The portal makes it from its own "
            "records when the pack is published, so there is nothing to upload."
        ),
    )

    class Meta:
        model = StandardItem
        fields = ["title", "description", "kind", "paper_kind"]
        labels = {"description": "Description (optional)"}
        help_texts = {"description": RICH_TEXT_HELP}
        widgets = {"description": forms.Textarea(attrs={"rows": 6, **RICH_TEXT_ATTRS})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paper_kind"].choices = [("", "None")] + [
            (kind.value, kind.label) for kind in STANDARD_PAPER_TITLES
        ]
        self.helper = _helper(
            Field.text("title"),
            Field.textarea("description", rows=6),
            Field.select("kind"),
            Field.radios("paper_kind", legend_size=Size.SMALL),
        )


class CallOffMeetingForm(forms.Form):
    """Cancelling or postponing: the reason is printed on the public page and e-mailed."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason, as the public page will give it",
        help_text="For example: “There is no business for the Committee to consider.”",
        error_messages={"required": "Give the reason: it is printed on the public page."},
    )

    def __init__(self, *args, submit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("reason", rows=3), submit=submit)


class MoveMeetingForm(forms.Form):
    date = DateInputField(label="New date")
    start_time = forms.TimeField(label="New start time", help_text="For example, 10:00")
    venue = forms.CharField(label="Venue", max_length=300)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason, as the public page will give it",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("date"),
            Field.text("start_time", field_width=5),
            Field.text("venue"),
            Field.textarea("reason", rows=3),
            submit="Move the meeting",
        )
