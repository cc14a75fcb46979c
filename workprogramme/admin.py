from django.contrib import admin

from .models import Theme, ThemeTopic, WorkProgramme, WorkProgrammeItem


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    fields = ["position", "name"]
    show_change_link = True


@admin.register(WorkProgramme)
class WorkProgrammeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "committee", "municipal_year"]
    list_filter = ["committee", "municipal_year"]
    list_select_related = ["committee"]
    search_fields = ["title", "committee__name"]
    inlines = [ThemeInline]


class ThemeTopicInline(admin.TabularInline):
    model = ThemeTopic
    extra = 0
    fields = ["position", "text"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "programme"]
    list_filter = ["programme"]
    list_select_related = ["programme__committee"]
    search_fields = ["name", "topics__text"]
    inlines = [ThemeTopicInline]


@admin.register(WorkProgrammeItem)
class WorkProgrammeItemAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "section", "meeting", "status", "lead_officer"]
    list_filter = ["status", "section", "programme"]
    list_select_related = ["programme__committee", "meeting__committee"]
    search_fields = ["title", "service_area", "lead_officer", "purpose", "proposed_by_name"]
    raw_id_fields = ["meeting", "agenda_item", "proposed_by", "decided_by"]
    readonly_fields = ["proposed_at", "decided_by", "decided_at"]
