"""The filters of each list. Unknown parameters are refused in views.ApiListView."""

import datetime

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from actionplans.models import ActionPlan
from committees.models import Committee, Membership, Person
from meetings.models import Document, Meeting
from minutes.models import Decision, Minutes
from packs.models import PackVersion
from tracker.models import TrackerEntry
from workprogramme.models import WorkProgrammeItem

# The largest id a database column holds: a larger number matches nothing, and must not
# reach the database (SQLite refuses it outright).
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number the database can hold, else a 400 naming the parameter."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class SinceField(IsoDateTimeField):
    """An ISO 8601 moment, held in UTC: PostgreSQL refuses offsets over 15:59 (+20:12)."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as error:
            raise forms.ValidationError("Give a date and time that can be held in UTC.") from error


class SinceFilter(django_filters.IsoDateTimeFilter):
    """`updated_since`: rows changed at or after this moment."""

    field_class = SinceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "gte")
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "string", "enum": ["true", "false"]})
class TrueFalseFilter(django_filters.ChoiceFilter):
    """ "true" or "false", and nothing else (django-filter's BooleanFilter lets "null" by)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if value in ("", None):
            return queryset
        return super().filter(queryset, value == "true")


class CommitteeFilter(django_filters.FilterSet):
    council = IdFilter(field_name="council_id")
    is_active = TrueFalseFilter()

    class Meta:
        model = Committee
        fields = ["council", "is_active"]


class PersonFilter(django_filters.FilterSet):
    committee = IdFilter(field_name="memberships__committee_id")

    class Meta:
        model = Person
        fields = ["committee"]


class MembershipFilter(django_filters.FilterSet):
    committee = IdFilter(field_name="committee_id")
    person = IdFilter(field_name="person_id")
    role = django_filters.ChoiceFilter(choices=Membership.Role.choices)
    date_from = django_filters.DateFilter(field_name="end_date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Membership
        fields = ["committee", "person", "role", "date_from", "date_to"]


class MeetingFilter(django_filters.FilterSet):
    committee = IdFilter(field_name="committee_id")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices)
    updated_since = SinceFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Meeting
        fields = ["committee", "date_from", "date_to", "status", "updated_since"]


class DocumentFilter(django_filters.FilterSet):
    committee = IdFilter(field_name="meeting__committee_id")
    meeting = IdFilter(field_name="meeting_id")
    date_from = django_filters.DateFilter(field_name="meeting__date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="meeting__date", lookup_expr="lte")
    kind = django_filters.ChoiceFilter(choices=Document.Kind.choices)
    updated_since = SinceFilter(field_name="published_at", lookup_expr="gte")

    class Meta:
        model = Document
        fields = ["committee", "meeting", "date_from", "date_to", "kind", "updated_since"]


class DecisionFilter(django_filters.FilterSet):
    committee = IdFilter(field_name="minute__minutes__meeting__committee_id")
    meeting = IdFilter(field_name="minute__minutes__meeting_id")
    date_from = django_filters.DateFilter(
        field_name="minute__minutes__meeting__date", lookup_expr="gte"
    )
    date_to = django_filters.DateFilter(
        field_name="minute__minutes__meeting__date", lookup_expr="lte"
    )
    status = django_filters.ChoiceFilter(field_name="kind", choices=Decision.Kind.choices)
    updated_since = SinceFilter(field_name="minute__minutes__updated_at", lookup_expr="gte")

    class Meta:
        model = Decision
        fields = ["committee", "meeting", "date_from", "date_to", "status", "updated_since"]


class TrackerEntryFilter(django_filters.FilterSet):
    committee = IdFilter(field_name="tracker__committee_id")
    date_from = django_filters.DateFilter(field_name="agreed_on", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="agreed_on", lookup_expr="lte")
    status = django_filters.CharFilter(field_name="status__meaning")
    updated_since = django_filters.DateFilter(field_name="last_updated_on", lookup_expr="gte")

    class Meta:
        model = TrackerEntry
        fields = ["committee", "date_from", "date_to", "status", "updated_since"]


class MinutesFilter(django_filters.FilterSet):
    committee = IdFilter(field_name="meeting__committee_id")
    meeting = IdFilter(field_name="meeting_id")
    date_from = django_filters.DateFilter(field_name="meeting__date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="meeting__date", lookup_expr="lte")
    status = django_filters.ChoiceFilter(
        choices=[c for c in Minutes.Status.choices if c[0] != Minutes.Status.DRAFT]
    )
    updated_since = SinceFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Minutes
        fields = ["committee", "meeting", "date_from", "date_to", "status", "updated_since"]


class PackVersionFilter(django_filters.FilterSet):
    committee = IdFilter(field_name="meeting__committee_id")
    meeting = IdFilter(field_name="meeting_id")
    date_from = django_filters.DateFilter(field_name="meeting__date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="meeting__date", lookup_expr="lte")
    is_supplement = TrueFalseFilter()
    updated_since = SinceFilter(field_name="published_at", lookup_expr="gte")

    class Meta:
        model = PackVersion
        fields = ["committee", "meeting", "date_from", "date_to", "is_supplement", "updated_since"]


class WorkProgrammeItemFilter(django_filters.FilterSet):
    committee = IdFilter(field_name="programme__committee_id")
    date_from = django_filters.DateFilter(field_name="meeting__date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="meeting__date", lookup_expr="lte")
    status = django_filters.ChoiceFilter(
        choices=[
            c
            for c in WorkProgrammeItem.Status.choices
            if c[0] not in (WorkProgrammeItem.Status.PROPOSED, WorkProgrammeItem.Status.DROPPED)
        ]
    )

    class Meta:
        model = WorkProgrammeItem
        fields = ["committee", "date_from", "date_to", "status"]


class ActionPlanFilter(django_filters.FilterSet):
    committee = IdFilter(field_name="committee_id")

    class Meta:
        model = ActionPlan
        fields = ["committee"]
