from django import template
from django.contrib.auth.models import AnonymousUser

from committees import access
from committees.roles import is_officer
from meetings.models import AgendaItem
from meetings.page_sections import render_inclusion
from minutes import outcomes
from minutes.models import Minutes

register = template.Library()


def _minutes_of(meeting) -> Minutes | None:
    """The meeting's minutes, read once for the page however many tags ask (None without)."""
    if not hasattr(meeting, "_page_minutes"):
        minutes = Minutes.objects.filter(meeting=meeting).first()
        if minutes:
            minutes.meeting = meeting  # already read, with its committee
        meeting._page_minutes = minutes
    return meeting._page_minutes


MINUTES_LINK = "minutes/includes/meeting_minutes_link.html"


@register.inclusion_tag(MINUTES_LINK, takes_context=True)
def minutes_for_meeting(context, meeting):
    """
    The minutes panel on a meeting page: a link to the minutes if the viewer may read them
    (committees/access.py). It shows no minute's text, so nothing here can be exempt; the
    minutes page it links to withholds the exempt minutes.
    """
    user = context.get("user") or AnonymousUser()
    officer = is_officer(user)
    minutes = _minutes_of(meeting)
    if minutes and not access.may_see(user, minutes):
        minutes = None
    return {"meeting": meeting, "minutes": minutes, "officer": officer}


@register.simple_tag(takes_context=True)
def minutes_by_item(context, meeting):
    """
    `{% minutes_by_item meeting as outcomes %}`: the meeting's published minutes by agenda
    item, each with its decisions and their tracker outcomes, as the viewer may see them
    (minutes/outcomes.py): a fixed number of queries however long the agenda. Nothing until
    the minutes are published, for anyone; an exempt minute is withheld from the public.
    """
    minutes = _minutes_of(meeting)
    if minutes is None or not minutes.is_published:
        return {}  # nothing more to read: no page pays for minutes it has not got
    user = context.get("user") or AnonymousUser()
    return outcomes.minutes_by_item(user, meeting)


def _entries(entry):
    """An agenda entry and its sub-parts, in agenda order."""
    yield entry
    for sub_entry in getattr(entry, "sub_items", ()):
        yield from _entries(sub_entry)


RECURRING = (AgendaItem.Kind.PROCEDURAL, AgendaItem.Kind.STANDING)


@register.simple_tag(takes_context=True)
def item_outcome(context, entry, outcomes):
    """
    Under an agenda item of the meeting page: the minutes and decisions of the item and its
    sub-parts (from `minutes_by_item`) and a link to the trail of its topic. Nothing without
    `outcomes` (the sub-parts of an item, whose minutes their item shows).
    """
    if not isinstance(outcomes, dict):
        return ""
    user = context.get("user") or AnonymousUser()
    item = entry.item
    rows = [
        {"item": each.item, "minute": minute}
        for each in _entries(entry)
        for minute in outcomes.get(each.item.pk, [])
    ]
    # Apologies, declarations, the work programme: back at every meeting, no topic to follow.
    trail = item.kind not in RECURRING and access.may_see(user, item)
    if not rows and not trail:
        return ""
    return context.template.engine.get_template("minutes/includes/item_outcome.html").render(
        context.new({"item": item, "rows": rows, "trail": trail})
    )


# What minutes add to meetings' pages (meetings/page_sections.py), registered by MinutesConfig.


def meeting_page_minutes(context, meeting) -> str:
    """The minutes panel above the agenda of the meeting page."""
    return render_inclusion(context, MINUTES_LINK, minutes_for_meeting(context, meeting))
