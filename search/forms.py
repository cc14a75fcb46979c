"""The search form: what to look for, and the filters, each refused with its own reason."""

import datetime
import re

from django import forms

from .models import SearchEntry

MAX_QUERY = 200
KINDS = [
    (SearchEntry.Kind.MEETING, "Meetings"),
    (SearchEntry.Kind.ITEM, "Agenda items"),
    (SearchEntry.Kind.PAPER, "Papers"),
    (SearchEntry.Kind.MINUTE, "Minutes"),
    (SearchEntry.Kind.DECISION, "Decisions"),
    (SearchEntry.Kind.TRACKER, "Outcome tracker entries"),
    (SearchEntry.Kind.WORK_PROGRAMME, "Work programme items"),
    (SearchEntry.Kind.ACTION_PLAN, "Action plans"),
]
ORDERS = [("relevance", "Best match"), ("newest", "Newest first")]
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
UK_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
PARTS = ("day", "month", "year")


class SearchForm(forms.Form):
    """Bound to request.GET. The dates come as GOV.UK date inputs (from-day, from-month,
    from-year) or as one text (from=2023-05-04 or 4/5/2023)."""

    q = forms.CharField(required=False, strip=True)
    committee = forms.CharField(required=False)
    kind = forms.MultipleChoiceField(choices=KINDS, required=False)
    order = forms.ChoiceField(choices=ORDERS, required=False)
    page = forms.CharField(required=False)

    def __init__(self, data, *, committees):
        super().__init__(data)
        self.committees = {committee.slug: committee for committee in committees}
        self.fields["kind"].error_messages["invalid_choice"] = (
            "“%(value)s” is not a kind of thing the search finds: pick meetings, agenda items, "
            "papers, minutes, decisions, outcome tracker entries, work programme items or "
            "action plans"
        )
        self.fields["order"].error_messages["invalid_choice"] = "Sort by best match or newest first"
        self.dates = {name: self._date_text(data, name) for name in ("from", "to")}

    @staticmethod
    def _date_text(data, name) -> dict:
        parts = {part: (data.get(f"{name}-{part}") or "").strip()[:10] for part in PARTS}
        parts["text"] = (data.get(name) or "").strip()[:20]
        if parts["text"] and not any(parts[part] for part in PARTS):
            iso, uk = ISO_DATE.match(parts["text"]), UK_DATE.match(parts["text"])
            if iso:
                parts.update(day=iso.group(3), month=iso.group(2), year=iso.group(1), text="")
            elif uk:
                parts.update(day=uk.group(1), month=uk.group(2), year=uk.group(3), text="")
        return parts

    def clean_q(self):
        words = self.cleaned_data["q"]
        if len(words) > MAX_QUERY:
            raise forms.ValidationError(
                f"Search for {MAX_QUERY} characters or fewer (you entered {len(words)})"
            )
        return words

    def clean_committee(self):
        slug = self.cleaned_data["committee"].strip()
        if not slug:
            return None
        committee = self.committees.get(slug)
        if committee is None:
            raise forms.ValidationError(
                f"There is no committee “{slug[:60]}”: pick one from the list, or all committees"
            )
        return committee

    def clean_page(self):
        page = self.cleaned_data["page"].strip()
        if not page:
            return 1
        if not page.isdigit() or not 0 < int(page) < 100_000:
            raise forms.ValidationError("The page number must be a whole number, such as 2")
        return int(page)

    def clean(self):
        cleaned = super().clean()
        for name, label in (("from", "From"), ("to", "To")):
            try:
                cleaned[f"date_{name}"] = self._parse(self.dates[name], label)
            except forms.ValidationError as error:
                self.add_error(None, error)
                self.date_errors[name] = error.messages[0]
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            message = "The ‘to’ date must be the same as or after the ‘from’ date"
            self.add_error(None, message)
            self.date_errors["to"] = message
        return cleaned

    @property
    def date_errors(self) -> dict:
        if not hasattr(self, "_date_errors"):
            self._date_errors = {}
        return self._date_errors

    @staticmethod
    def _parse(parts: dict, label: str) -> datetime.date | None:
        given = [parts[part] for part in PARTS]
        if any(given):
            if not all(given):
                missing = " and ".join(p for p in PARTS if not parts[p])
                raise forms.ValidationError(f"The ‘{label.lower()}’ date must include a {missing}")
            numbers = given
        elif parts["text"]:
            raise forms.ValidationError(
                f"Enter the ‘{label.lower()}’ date as a day, month and year, "
                "for example 4 5 2023 or 2023-05-04"
            )
        else:
            return None
        try:
            day, month, year = (int(number) for number in numbers)
            if not 1900 <= year <= 2200:
                raise ValueError
            return datetime.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(
                f"The ‘{label.lower()}’ date must be a real date, for example 4 5 2023"
            ) from None
