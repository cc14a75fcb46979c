from django.contrib import admin

from .models import LegendStatus, StatusChange, Tracker, TrackerEntry


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
