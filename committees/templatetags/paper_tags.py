from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def css_string(value: str) -> str:
    """A value quoted for a CSS `content:` string, e.g. a running footer."""
    escaped = (value or "").replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    escaped = escaped.replace("<", "\\3c ").replace(">", "\\3e ")
    return mark_safe(f'"{escaped}"')
