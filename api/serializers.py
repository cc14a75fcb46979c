"""
Resources shaped after Open Civic Data (https://open-civic-data.readthedocs.io/): OCD's
field names where it has them (name, classification, parent_id, start_date, end_date,
status, location, agenda with order and description, documents, media), with each row's
OCD-style id as a string in `ocd_id`, and our extensions, named plainly, for what OCD lacks.
"""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actionplans.models import ActionPlan, Milestone, PlanAction, ProgressUpdate
from committees.models import Committee, Council, Membership, Person
from meetings.models import Document, Meeting
from minutes.models import (
    AttendanceEntry,
    Comment,
    Decision,
    Declaration,
    Minute,
    Minutes,
    MinutesSettings,
)
from packs.models import PackVersion
from tracker.models import StatusChange, TrackerEntry
from workprogramme.models import WorkProgrammeItem


@extend_schema_field(
    {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$", "example": "10:00:00"}
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time in Europe/London ("10:00:00"), which JSON Schema's "time" is not:
    that needs an offset."""


def absolute(path: str) -> str:
    return settings.SITE_URL + path


class CouncilSerializer(serializers.ModelSerializer):
    ocd_id = serializers.SerializerMethodField()
    classification = serializers.SerializerMethodField()

    class Meta:
        model = Council
        fields = ["id", "ocd_id", "name", "classification", "slug", "website"]

    def get_ocd_id(self, council) -> str:
        return f"ocd-organization/council-{council.pk}"

    def get_classification(self, council) -> str:
        return "government"


class CommitteeSerializer(serializers.ModelSerializer):
    ocd_id = serializers.SerializerMethodField()
    classification = serializers.SerializerMethodField()
    parent_id = serializers.SerializerMethodField()
    predecessor_id = serializers.SerializerMethodField()
    council = serializers.IntegerField(source="council_id")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Committee
        fields = [
            "id", "ocd_id", "name", "classification", "kind", "parent_id", "council",
            "predecessor", "predecessor_id", "slug", "remit", "is_active", "url",
        ]  # fmt: skip

    def get_ocd_id(self, committee) -> str:
        return f"ocd-organization/committee-{committee.pk}"

    def get_classification(self, committee) -> str:
        return "committee"

    def get_parent_id(self, committee) -> str:
        return f"ocd-organization/council-{committee.council_id}"

    def get_predecessor_id(self, committee) -> str | None:
        if committee.predecessor_id is None:
            return None
        return f"ocd-organization/committee-{committee.predecessor_id}"

    def get_url(self, committee) -> str:
        return absolute(committee.get_absolute_url())


class PersonSerializer(serializers.ModelSerializer):
    ocd_id = serializers.SerializerMethodField()
    name = serializers.CharField(source="formal_name")

    class Meta:
        model = Person
        fields = ["id", "ocd_id", "name", "first_name", "surname", "is_councillor"]

    def get_ocd_id(self, person) -> str:
        return f"ocd-person/{person.pk}"


class MembershipSerializer(serializers.ModelSerializer):
    organization_id = serializers.SerializerMethodField()
    person_name = serializers.CharField(source="display_name")
    role_label = serializers.CharField()
    is_vacancy = serializers.BooleanField()

    class Meta:
        model = Membership
        fields = [
            "id", "committee", "organization_id", "person", "person_name", "role", "role_label",
            "representative_type", "organisation", "voting_note", "start_date", "end_date",
            "is_vacancy",
        ]  # fmt: skip

    def get_organization_id(self, membership) -> str:
        return f"ocd-organization/committee-{membership.committee_id}"


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting as an OCD event: what the public see of it whether or not its agenda is
    published (committee, date, time, venue, status, notice)."""

    ocd_id = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    start_date = serializers.SerializerMethodField()
    location = serializers.CharField(source="venue")
    is_agenda_published = serializers.BooleanField()
    agenda_note = serializers.CharField()
    start_time = LocalTimeField()
    end_time = LocalTimeField(allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id", "ocd_id", "name", "committee", "start_date", "date", "start_time", "end_time",
            "location", "status", "kind", "notice", "is_webcast", "is_agenda_published",
            "agenda_published_at", "agenda_note", "updated_at", "url",
        ]  # fmt: skip

    def get_ocd_id(self, meeting) -> str:
        return f"ocd-event/{meeting.pk}"

    def get_name(self, meeting) -> str:
        return meeting.committee.name

    def get_start_date(self, meeting) -> str:
        return meeting.starts_at.isoformat()

    def get_url(self, meeting) -> str:
        return absolute(meeting.get_absolute_url())


class DocumentSerializer(serializers.ModelSerializer):
    """A published, public paper; `url` is the site's own access-checked download."""

    agenda_item = serializers.IntegerField(source="agenda_item_id", allow_null=True)
    pages = serializers.IntegerField(source="page_count")
    size = serializers.IntegerField(source="file_size")
    media_type = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id", "meeting", "agenda_item", "title", "kind", "pages", "size", "sha256",
            "published_at", "media_type", "url",
        ]  # fmt: skip

    def get_media_type(self, document) -> str:
        return "application/pdf"

    def get_url(self, document) -> str:
        return absolute(document.get_absolute_url())


class AgendaEntrySerializer(serializers.Serializer):
    """One agenda item as the public meeting page shows it (meetings.selectors.AgendaEntry)."""

    id = serializers.IntegerField(source="item.pk")
    order = serializers.IntegerField(source="item.position")
    label = serializers.CharField(source="item.label")
    description = serializers.CharField(source="item.title")
    notes = serializers.CharField(source="item.description")
    kind = serializers.CharField(source="item.kind")
    is_to_follow = serializers.BooleanField()
    is_exempt = serializers.BooleanField(source="item.is_exempt")
    exempt_paragraph = serializers.IntegerField(source="item.exempt_paragraph", allow_null=True)
    papers_withheld = serializers.BooleanField()
    deferred_to = serializers.IntegerField(source="item.deferred_to_id", allow_null=True)
    documents = DocumentSerializer(many=True)
    sub_items = serializers.SerializerMethodField()

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_sub_items(self, entry) -> list:
        return AgendaEntrySerializer(entry.sub_items, many=True).data


class MeetingDetailSerializer(MeetingSerializer):
    """The event with its agenda: empty until the agenda is published, as on the page."""

    agenda = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    media = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "agenda", "documents", "media"]

    @extend_schema_field(AgendaEntrySerializer(many=True))
    def get_agenda(self, meeting):
        return AgendaEntrySerializer(self.context["agenda"].entries, many=True).data

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, meeting):
        """The meeting's annexes (papers not under an item)."""
        return DocumentSerializer(self.context["agenda"].annexes, many=True).data

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_media(self, meeting) -> list:
        return []


class DecisionSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="minute.minutes.meeting_id")
    committee = serializers.IntegerField(source="minute.minutes.meeting.committee_id")
    date = serializers.DateField(source="minute.minutes.meeting.date")
    minute = serializers.IntegerField(source="minute_id")
    minute_heading = serializers.CharField(source="minute.heading")
    agenda_item = serializers.IntegerField(source="minute.agenda_item_id", allow_null=True)

    class Meta:
        model = Decision
        fields = [
            "id", "meeting", "committee", "date", "minute", "minute_heading", "agenda_item",
            "kind", "wording", "addressed_to",
        ]  # fmt: skip


class StatusChangeSerializer(serializers.ModelSerializer):
    from_status = serializers.CharField(source="from_status.label", allow_null=True)
    to_status = serializers.CharField(source="to_status.label")

    class Meta:
        model = StatusChange
        fields = ["changed_at", "from_status", "to_status", "status_note", "note", "by_rule"]


class TrackerEntrySerializer(serializers.ModelSerializer):
    committee = serializers.IntegerField(source="tracker.committee_id")
    status = serializers.CharField(source="status.label")
    status_meaning = serializers.CharField(source="status.meaning")
    history = StatusChangeSerializer(many=True)

    class Meta:
        model = TrackerEntry
        fields = [
            "id", "committee", "meeting", "agenda_item", "decision", "item_title",
            "agreed_outcome", "status", "status_meaning", "status_note", "target_meeting",
            "agreed_on", "last_updated_on", "completed_on", "archived_on", "history",
        ]  # fmt: skip


class AttendanceSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="person_id", allow_null=True)
    name = serializers.CharField(source="display_name")
    category = serializers.CharField(source="printed_category")
    printed = serializers.CharField()

    class Meta:
        model = AttendanceEntry
        fields = [
            "person", "name", "category", "role", "substitute_for", "attended_virtually",
            "printed",
        ]  # fmt: skip


class DeclarationSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="person_id", allow_null=True)
    minute = serializers.IntegerField(source="minute_id", allow_null=True)
    printed = serializers.CharField()

    class Meta:
        model = Declaration
        fields = ["person", "name", "kind", "description", "minute", "printed"]


class MinuteDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "kind", "wording", "addressed_to"]


class CommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = ["text", "response"]


class MinuteSerializer(serializers.ModelSerializer):
    """One minute. The minute of an exempt item keeps only its number, heading and
    paragraph, as the public minutes print it."""

    agenda_item = serializers.IntegerField(source="agenda_item_id", allow_null=True)
    is_exempt = serializers.BooleanField(source="is_restricted")
    exempt_paragraph = serializers.IntegerField(allow_null=True)
    body = serializers.SerializerMethodField()
    closing = serializers.SerializerMethodField()
    decisions = MinuteDecisionSerializer(many=True)
    comments = CommentSerializer(many=True)

    class Meta:
        model = Minute
        fields = [
            "id", "number", "paragraph", "heading", "agenda_item", "is_exempt",
            "exempt_paragraph", "body", "closing", "decisions", "comments",
        ]  # fmt: skip

    def get_body(self, minute) -> str:
        return "" if minute.is_restricted else minute.body

    def get_closing(self, minute) -> str:
        return "" if minute.is_restricted else minute.closing


class MinutesSerializer(serializers.ModelSerializer):
    """Published minutes: attendance, declarations, and the minutes per agenda item."""

    committee = serializers.IntegerField(source="meeting.committee_id")
    date = serializers.DateField(source="meeting.date")
    number_prefix = serializers.SerializerMethodField()
    attendance = AttendanceSerializer(many=True)
    declarations = DeclarationSerializer(many=True)
    minutes = MinuteSerializer(many=True, source="minute_entries")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Minutes
        fields = [
            "id", "meeting", "committee", "date", "status", "published_at", "approved_on",
            "approved_at_meeting", "updated_at", "number_prefix", "attendance",
            "declarations", "minutes", "url",
        ]  # fmt: skip

    def get_number_prefix(self, minutes) -> str:
        return MinutesSettings.for_committee(minutes.meeting.committee).number_prefix

    def get_url(self, minutes) -> str:
        return absolute(minutes.get_absolute_url())


class PackRowSerializer(serializers.Serializer):
    """One row of a pack's agenda as printed, with its page range."""

    label = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    pages = serializers.ListField(child=serializers.IntegerField(), allow_null=True)
    to_follow = serializers.BooleanField()
    documents = serializers.ListField(child=serializers.DictField())


class PackVersionSerializer(serializers.ModelSerializer):
    """A public pack or supplement as published, with the page range of each agenda row."""

    committee = serializers.IntegerField(source="meeting.committee_id")
    version = serializers.IntegerField(source="number")
    pages = serializers.IntegerField(source="page_count")
    size = serializers.IntegerField(source="file_size")
    supplement_to = serializers.IntegerField(source="parent_id", allow_null=True)
    items = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = PackVersion
        fields = [
            "id", "meeting", "committee", "title", "version", "is_supplement",
            "supplement_number", "supplement_to", "published_at", "pages", "size", "sha256",
            "items", "url",
        ]  # fmt: skip

    @extend_schema_field(PackRowSerializer(many=True))
    def get_items(self, version):
        """Row labels, titles and pages; papers by id and pages, never a withheld one."""
        rows = []
        for row in (version.summary or {}).get("rows", []):
            documents = [
                {"id": int(paper["key"].split(":", 1)[1]), "pages": paper.get("pages")}
                for paper in row.get("papers", [])
                if not paper.get("withheld") and str(paper.get("key", "")).startswith("doc:")
            ]
            rows.append(
                {
                    "label": str(row.get("label") or ""),
                    "title": str(row.get("title") or ""),
                    "pages": row.get("pages"),
                    "to_follow": bool(row.get("to_follow")),
                    "documents": documents,
                }
            )
        return rows

    def get_url(self, version) -> str:
        return absolute(version.get_absolute_url())


class WorkProgrammeItemSerializer(serializers.ModelSerializer):
    committee = serializers.IntegerField(source="programme.committee_id")
    municipal_year = serializers.IntegerField(source="programme.municipal_year")
    date = serializers.DateField(source="meeting.date", allow_null=True)

    class Meta:
        model = WorkProgrammeItem
        fields = [
            "id", "committee", "municipal_year", "section", "group_heading", "meeting",
            "date", "title", "service_area", "lead_officer", "purpose", "forward_plan_ref",
            "status", "agenda_item",
        ]  # fmt: skip


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["text", "by_when", "responsible", "is_done"]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    rag = serializers.CharField(source="rag.label", allow_null=True)

    class Meta:
        model = ProgressUpdate
        fields = ["period", "period_start", "rag", "text"]


class PlanActionSerializer(serializers.ModelSerializer):
    rag = serializers.CharField(source="rag.label", allow_null=True)
    milestones = MilestoneSerializer(many=True)
    progress = ProgressUpdateSerializer(many=True, source="updates")

    class Meta:
        model = PlanAction
        fields = [
            "ref", "area", "text", "by_when", "lead_officer", "rag", "kpis", "milestones",
            "progress",
        ]  # fmt: skip


class ActionPlanSerializer(serializers.ModelSerializer):
    actions = PlanActionSerializer(many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = ActionPlan
        fields = ["id", "committee", "title", "slug", "local_area", "summary", "actions", "url"]

    def get_url(self, plan) -> str:
        return absolute(plan.get_absolute_url())
