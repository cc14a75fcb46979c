from django import template

from committees import formatting

register = template.Library()

register.filter("council_time", formatting.council_time)
register.filter("short_time", formatting.short_time)
register.filter("long_date", formatting.long_date)
register.filter("plain_date", formatting.plain_date)


@register.filter
def file_size(value: int) -> str:
    """1234567 -> "1.2 MB", as GOV.UK shows attachment sizes."""
    if value < 1024:
        return f"{value} bytes"
    if value < 1024 * 1024:
        return f"{value / 1024:.0f} KB"
    return f"{value / (1024 * 1024):.1f} MB"
