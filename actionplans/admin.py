from django.contrib import admin

from .models import ActionPlan, ActionPlanReport, Milestone, PlanAction, ProgressUpdate, RagLevel


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
