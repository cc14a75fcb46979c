"""
What other apps add to meetings' pages (meetings/page_sections.py), for its templates:

    {% page_sections "meeting page" meeting %}    the sections registered for that place
    {% agenda_notes meeting as item_notes %}      read once for the agenda, then per item:
    {% item_title_notes item item_notes %}        after the item's title
    {% after_agenda_item entry item_notes %}      at the end of a top-level item
"""

from django import template
from django.utils.safestring import mark_safe

from .. import page_sections as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sections(context, place, meeting):
    return mark_safe(registry.render_sections(place, context, meeting))


@register.simple_tag(takes_context=True)
def agenda_notes(context, meeting):
    return registry.agenda_notes(context, meeting)


@register.simple_tag
def item_title_notes(item, notes):
    if not isinstance(notes, registry.MeetingNotes):
        return ""
    return mark_safe(notes.title_notes(item))


@register.simple_tag(takes_context=True)
def after_agenda_item(context, entry, notes):
    if not isinstance(notes, registry.MeetingNotes):
        return ""
    return mark_safe(notes.after_item(context, entry))
