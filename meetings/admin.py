from functools import partial

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from .models import AgendaItem, Document, Meeting
from .tasks import queue_text_extraction
from .uploads import check_pdf


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


class DocumentAdminForm(forms.ModelForm):
    """An upload in the admin passes the same checks as one in the agenda builder."""

    class Meta:
        model = Document
        fields = [
            "meeting", "agenda_item", "title", "kind", "file", "body", "author",
            "is_exempt", "position", "replaced_by", "generated_at", "uploaded_by", "created_at",
        ]  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.checked_pdf = check_pdf(upload)
        return upload


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = ["title", "meeting", "agenda_item", "kind", "page_count", "is_exempt"]
    list_filter = ["kind", "is_exempt"]
    search_fields = ["title"]
    readonly_fields = ["page_count", "file_size", "sha256", "original_filename"]

    def save_model(self, request, obj, form, change):
        checked = getattr(form, "checked_pdf", None)
        if checked:
            obj.store_file(checked.name, checked.content)
            obj.page_count = checked.page_count
            obj.is_tagged = checked.is_tagged
            # A new file's text is read again, for search and the paper's web page.
            obj.text, obj.text_status = "", Document.TextStatus.PENDING
        super().save_model(request, obj, form, change)
        if checked:
            transaction.on_commit(partial(queue_text_extraction, obj.pk))
