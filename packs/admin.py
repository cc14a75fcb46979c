from django.contrib import admin

from .models import PackVersion


@admin.register(PackVersion)
class PackVersionAdmin(admin.ModelAdmin):
    """Packs are built by the worker from the agenda: here they are read, never written."""

    list_display = [
        "meeting",
        "title",
        "number",
        "status",
        "page_count",
        "published_at",
        "finished_at",
    ]
    list_filter = ["status", "kind", "is_supplement", "meeting__committee"]
    search_fields = ["meeting__committee__name", "sha256", "inputs_sha256"]
    list_select_related = ["meeting__committee"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "meeting",
        "number",
        "kind",
        "is_supplement",
        "supplement_number",
        "parent",
        "status",
        "stage",
        "percent",
        "failure_reason",
        "warnings",
        "created_by",
        "created_at",
        "published_at",
        "started_at",
        "finished_at",
        "page_count",
        "file_size",
        "sha256",
        "inputs_sha256",
        "file",
        "summary",
    ]

    def has_add_permission(self, request):
        return False
