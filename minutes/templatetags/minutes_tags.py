from dataclasses import dataclass

from django import template
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.html import format_html

from committees import access
from committees.roles import is_officer
from meetings.models import AgendaItem
from meetings.page_sections import render_inclusion
from meetings.selectors import PK_MARK
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


@dataclass
class AgendaOutcomes:
    """What the meeting page shows under its items, read once for the page."""

    minutes_by_item: dict
    trail_address: str  # the trail's address with PK_MARK for the item's id


def agenda_outcomes(context, meeting) -> AgendaOutcomes:
    """
    The meeting's published minutes by agenda item, each with its decisions and their
    tracker outcomes, as the viewer may see them (minutes/outcomes.py): a fixed number of
    queries however long the agenda. Nothing until the minutes are published, for anyone;
    an exempt minute is withheld from the public. The trail's address is reversed once for
    the page: reversing it for each of 200 items took a tenth of the page's rendering.
    """
    trail_address = reverse("tracker:item_trail", args=[PK_MARK])
    minutes = _minutes_of(meeting)
    if minutes is None or not minutes.is_published:
        # Nothing more to read: no page pays for minutes it has not got.
        return AgendaOutcomes({}, trail_address)
    user = context.get("user") or AnonymousUser()
    return AgendaOutcomes(outcomes.minutes_by_item(user, meeting), trail_address)


def _entries(entry):
    """An agenda entry and its sub-parts, in agenda order."""
    yield entry
    for sub_entry in getattr(entry, "sub_items", ()):
        yield from _entries(sub_entry)


RECURRING = (AgendaItem.Kind.PROCEDURAL, AgendaItem.Kind.STANDING)

# Written out rather than a template for each item: a template rendered under each of 200
# items took a fifth of the meeting page's rendering, where few items have minutes.
ITEM_MINUTES = "minutes/includes/item_minutes.html"
ITEM_OUTCOME = '<div class="portal-item-outcome govuk-!-margin-top-4" id="outcome-{}">{}{}</div>'
TRAIL_LINK = (
    '<p class="govuk-body-s govuk-!-margin-bottom-0"><a class="govuk-link portal-trail-link" '
    'href="{}">Follow this topic<span class="govuk-visually-hidden">: {}</span></a> through '
    "the work programme, earlier meetings, decisions and the outcome tracker</p>"
)


def item_outcome(context, entry, outcomes: AgendaOutcomes) -> str:
    """
    Under an agenda item of the meeting page: the minutes and decisions of the item and its
    sub-parts (from `agenda_outcomes`) and a link to the trail of its topic.
    """
    user = context.get("user") or AnonymousUser()
    item = entry.item
    rows = [
        {"item": each.item, "minute": minute}
        for each in _entries(entry)
        for minute in outcomes.minutes_by_item.get(each.item.pk, [])
    ]
    # Apologies, declarations, the work programme: back at every meeting, no topic to follow.
    trail = item.kind not in RECURRING and access.may_see(user, item)
    if not rows and not trail:
        return ""
    minutes_html = ""
    if rows:
        minutes_html = context.template.engine.get_template(ITEM_MINUTES).render(
            context.new({"rows": rows})
        )
    trail_html = ""
    if trail:
        trail_html = format_html(
            TRAIL_LINK, outcomes.trail_address.replace(PK_MARK, str(item.pk)), item.title
        )
    return format_html(ITEM_OUTCOME, item.pk, minutes_html, trail_html)


# What minutes add to meetings' pages (meetings/page_sections.py), registered by MinutesConfig.


def meeting_page_minutes(context, meeting) -> str:
    """The minutes panel above the agenda of the meeting page."""
    return render_inclusion(context, MINUTES_LINK, minutes_for_meeting(context, meeting))
