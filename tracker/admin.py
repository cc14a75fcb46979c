from django.contrib import admin

from .models import (
    ActionPlan,
    ActionPlanReport,
    LegendStatus,
    Milestone,
    PlanAction,
    ProgressUpdate,
    RagLevel,
    StatusChange,
    Tracker,
    TrackerEntry,
)


class LegendStatusInline(admin.TabularInline):
    model = LegendStatus
    extra = 0
    fields = ["position", "label", "definition", "colour", "meaning"]


@admin.register(Tracker)
class TrackerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "committee"]
    list_select_related = ["committee"]
    search_fields = ["title", "committee__name"]
    inlines = [LegendStatusInline]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["changed_at", "changed_by", "from_status", "to_status", "status_note", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TrackerEntry)
class TrackerEntryAdmin(admin.ModelAdmin):
    """A status changes through the tracker pages, so that every change is kept in history."""

    list_display = [
        "item_title",
        "meeting",
        "status",
        "target_meeting",
        "last_updated_on",
        "archived_on",
    ]
    list_filter = ["tracker", "status__meaning", "archived_on"]
    search_fields = ["item_title", "agreed_outcome", "owners_text", "status_note"]
    list_select_related = ["meeting__committee", "status", "target_meeting__committee"]
    raw_id_fields = ["meeting", "agenda_item", "decision", "target_meeting"]
    filter_horizontal = ["owners"]
    inlines = [StatusChangeInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["completed_on", "archived_on"]
        return ["tracker", "status", "last_updated_on", "completed_on", "archived_on"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    """The history of the tracker: read only."""

    list_display = ["entry", "from_status", "to_status", "changed_at", "changed_by", "by_rule"]
    list_filter = ["by_rule", "to_status__meaning", "entry__tracker"]
    search_fields = ["entry__item_title", "note", "status_note"]
    list_select_related = ["entry__meeting", "from_status", "to_status", "changed_by"]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RagLevelInline(admin.TabularInline):
    model = RagLevel
    extra = 0
    fields = ["position", "label", "colour", "definition"]


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "local_area"]
    list_filter = ["committee"]
    list_select_related = ["committee"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [RagLevelInline]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["position", "text", "by_when", "responsible", "is_done"]


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    fields = ["period", "period_start", "rag", "text"]


@admin.register(PlanAction)
class PlanActionAdmin(admin.ModelAdmin):
    list_display = ["ref", "text", "plan", "by_when", "lead_officer", "rag"]
    list_filter = ["plan", "rag__colour"]
    list_select_related = ["plan", "rag"]
    search_fields = ["ref", "text", "lead_officer", "kpis"]
    readonly_fields = ["kpi_number"]
    inlines = [MilestoneInline, ProgressUpdateInline]


@admin.register(ActionPlanReport)
class ActionPlanReportAdmin(admin.ModelAdmin):
    list_display = ["plan", "period", "document", "created_by", "created_at"]
    list_filter = ["plan"]
    list_select_related = ["plan", "document", "created_by"]
    raw_id_fields = ["document"]
    readonly_fields = ["created_by", "created_at"]
