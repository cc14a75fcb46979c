from django.contrib import admin

from .models import AlertSent, Subscription


class AlertSentInline(admin.TabularInline):
    model = AlertSent
    extra = 0
    readonly_fields = ["event_key", "sent_at"]
    can_delete = False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "committee", "confirmed_at", "created_at"]
    list_filter = ["committee__council", "committee"]
    search_fields = ["email"]
    readonly_fields = ["created_at", "confirmed_at", "confirmation_sent_at"]
    inlines = [AlertSentInline]
