from django import template

from ..panel import panel_context

register = template.Library()


@register.inclusion_tag("packs/includes/pack_panel.html", takes_context=True)
def pack_panel(context, meeting, next_url=""):
    """`next_url`: where the panel's buttons come back to, when not the meeting's page."""
    return {
        **panel_context(meeting, context["request"].user),
        "csrf_token": context.get("csrf_token"),
        "next_url": next_url,
    }
