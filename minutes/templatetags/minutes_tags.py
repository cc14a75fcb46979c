from django import template
from django.contrib.auth.models import AnonymousUser

from committees import access
from committees.roles import is_officer
from minutes.models import Minutes

register = template.Library()


@register.inclusion_tag("minutes/includes/meeting_minutes_link.html", takes_context=True)
def minutes_for_meeting(context, meeting):
    """
    The minutes panel on a meeting page: a link to the minutes if the viewer may read them
    (committees/access.py). It shows no minute's text, so nothing here can be exempt; the
    minutes page it links to withholds the exempt minutes.
    """
    user = context.get("user") or AnonymousUser()
    officer = is_officer(user)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes:
        minutes.meeting = meeting  # already read, with its committee
        if not access.may_see(user, minutes):
            minutes = None
    return {"meeting": meeting, "minutes": minutes, "officer": officer}
