from django.contrib import admin

from .models import Committee, Council, Membership, Person


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "chair_term", "executive_term", "front_sheet_style"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "council", "kind", "is_active"]
    list_filter = ["council", "kind", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["surname", "first_name", "honorific", "is_councillor", "organisation"]
    list_filter = ["is_councillor"]
    search_fields = ["surname", "first_name", "organisation"]
