"""
Names linked to the person's public page, for every app's templates: the URL is reversed by
name ("people:detail"), so no app imports the councillors app for it.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def person_link(person, text=None):
    """
    `{% person_link person %}` prints the formal name linked to the person's page;
    `{% person_link person "Cllr L Redman" %}` links that text. With no person (a vacancy, a
    name typed by hand) it prints the text alone.
    """
    label = person.formal_name if text is None and person is not None else text or ""
    if person is None or not person.pk:
        return label
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>', reverse("people:detail", args=[person.pk]), label
    )


@register.filter
def after_prefix(value: str, prefix: str) -> str:
    """What follows `prefix` in `value`: "Cllr L Redman (Chair)"|after_prefix:"Cllr L Redman"."""
    value, prefix = str(value), str(prefix)
    return value[len(prefix) :] if value.startswith(prefix) else value
