from django import template

from committees.roles import is_officer
from minutes.models import Minutes

register = template.Library()


@register.inclusion_tag("minutes/includes/meeting_minutes_link.html", takes_context=True)
def minutes_for_meeting(context, meeting):
    """The minutes panel on a meeting page: the minutes if the viewer may read them."""
    user = context.get("user")
    officer = bool(user and is_officer(user))
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes and not minutes.is_visible_to_public and not officer:
        minutes = None
    return {"meeting": meeting, "minutes": minutes, "officer": officer}
