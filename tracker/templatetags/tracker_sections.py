"""
What other apps add to the tracker page (tracker/page_sections.py), for its templates:

    {% tracker_sections tracker %}    the sections registered, in order
"""

from django import template
from django.utils.safestring import mark_safe

from .. import page_sections as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def tracker_sections(context, tracker):
    return mark_safe(registry.render_sections(context, tracker))
