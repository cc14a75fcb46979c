from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction

from . import services
from .models import (
    LOCKED_MESSAGE,
    AttendanceEntry,
    Comment,
    Correction,
    Decision,
    Declaration,
    Minute,
    Minutes,
    MinutesSettings,
    PublicSpeaker,
)


class LockedWhenApproved:
    """
    Approved minutes change only through a recorded correction, never in the admin: their
    pages are read only, a part is not added to them, and every write goes through
    minutes/services.py, which checks the minutes as they stand when it writes.
    """

    def has_change_permission(self, request, obj=None):
        if obj is not None and self.minutes_of(obj).is_locked:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.minutes_of(obj).is_locked:
            return False
        return super().has_delete_permission(request, obj)

    def minutes_of(self, obj) -> Minutes:
        return services.owning_minutes(obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class RefusedWhenLocked(form):
            def clean(self):
                cleaned = super().clean()
                if isinstance(self.instance, Minutes):
                    minutes = self.instance if self.instance.pk else None
                else:  # the minutes (or the minute) it is to be part of, as chosen
                    chosen = cleaned.get("minutes") or cleaned.get("minute")
                    minutes = services.owning_minutes(chosen) if chosen else None
                if minutes is not None and minutes.is_locked:
                    raise ValidationError(LOCKED_MESSAGE)
                return cleaned

        return RefusedWhenLocked

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if isinstance(obj, Minutes):
            fields.append("meeting")  # the minutes of one meeting, always
        return fields

    def save_model(self, request, obj, form, change):
        if isinstance(obj, Minutes):
            if not change:
                obj.save()  # new minutes are draft
            else:
                services.save_details(obj, {name: getattr(obj, name) for name in services.DETAILS})
        else:
            services.save_part(obj)  # new or changed, at the position typed

    def save_formset(self, request, form, formset, change):
        # The inlines are parts of the same minutes: checked as they stand, then saved.
        with transaction.atomic():
            services.writable(self.minutes_of(form.instance))
            super().save_formset(request, form, formset, change)

    def delete_model(self, request, obj):
        if isinstance(obj, Minutes):
            services.delete_minutes(obj)
        else:
            services.remove_part(obj)

    def delete_queryset(self, request, queryset):
        """The action "Delete selected": nothing of approved minutes is deleted."""
        try:
            with transaction.atomic():
                for obj in queryset:
                    self.delete_model(request, obj)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)


@admin.register(MinutesSettings)
class MinutesSettingsAdmin(admin.ModelAdmin):
    list_display = ["committee", "numbering", "number_prefix", "signature_style"]
    list_filter = ["numbering", "signature_style"]


class AttendanceInline(admin.TabularInline):
    model = AttendanceEntry
    extra = 0
    fields = ["position", "category", "status", "person", "name", "role", "substitute_for"]
    raw_id_fields = ["person"]


class MinuteInline(admin.TabularInline):
    model = Minute
    extra = 0
    fields = ["number", "paragraph", "heading", "agenda_item"]
    raw_id_fields = ["agenda_item"]
    show_change_link = True


@admin.register(Minutes)
class MinutesAdmin(LockedWhenApproved, admin.ModelAdmin):
    list_display = ["meeting", "status", "published_at", "approved_at_meeting", "approved_on"]
    list_filter = ["status", "meeting__committee"]
    search_fields = ["meeting__committee__name", "heading"]
    date_hierarchy = "meeting__date"
    list_select_related = ["meeting__committee", "approved_at_meeting__committee"]
    raw_id_fields = ["meeting", "approved_at_meeting"]
    readonly_fields = ["status", "published_at", "approved_at_meeting", "approved_on"]
    inlines = [AttendanceInline, MinuteInline]


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


class SpeakerInline(admin.TabularInline):
    model = PublicSpeaker
    extra = 0


@admin.register(Minute)
class MinuteAdmin(LockedWhenApproved, admin.ModelAdmin):
    list_display = ["__str__", "minutes", "agenda_item"]
    list_filter = ["minutes__meeting__committee"]
    search_fields = ["heading", "body"]
    list_select_related = ["minutes__meeting__committee", "agenda_item"]
    raw_id_fields = ["minutes", "agenda_item"]
    inlines = [CommentInline, DecisionInline, SpeakerInline]


@admin.register(Decision)
class DecisionAdmin(LockedWhenApproved, admin.ModelAdmin):
    list_display = ["wording", "kind", "minute"]
    list_filter = ["kind", "minute__minutes__meeting__committee"]
    search_fields = ["wording"]
    list_select_related = ["minute__minutes__meeting__committee"]
    raw_id_fields = ["minute"]


@admin.register(Declaration)
class DeclarationAdmin(LockedWhenApproved, admin.ModelAdmin):
    list_display = ["__str__", "kind", "minutes"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "person__surname"]
    list_select_related = ["minutes__meeting__committee", "person"]
    raw_id_fields = ["minutes", "minute", "person"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Corrections are the record of what changed after approval: read only."""

    list_display = ["what", "minutes", "made_by", "made_at"]
    list_filter = ["minutes__meeting__committee"]
    search_fields = ["what", "reason", "before", "after"]
    list_select_related = ["minutes__meeting__committee", "made_by"]
    readonly_fields = ["minutes", "made_by", "made_at", "what", "before", "after", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
