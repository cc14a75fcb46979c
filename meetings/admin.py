from django.contrib import admin

from .models import AgendaItem, Document, Meeting


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = ["position", "parent", "title", "kind", "is_to_follow", "is_exempt"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["committee", "date", "start_time", "status", "kind"]
    list_filter = ["committee", "status", "kind"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "agenda_item", "kind", "page_count", "is_exempt"]
    list_filter = ["kind", "is_exempt"]
    search_fields = ["title"]
    readonly_fields = ["page_count", "file_size", "sha256", "original_filename"]
