from django import template

from ..models import PackVersion
from ..pagination import pages_label, range_text
from ..panel import panel_context
from ..services import published_versions

register = template.Library()


@register.inclusion_tag("packs/includes/pack_panel.html", takes_context=True)
def pack_panel(context, meeting, next_url=""):
    """`next_url`: where the panel's buttons come back to, when not the meeting's page."""
    return {
        **panel_context(meeting, context["request"].user),
        "csrf_token": context.get("csrf_token"),
        "next_url": next_url,
    }


@register.simple_tag
def agenda_page_ranges(meeting) -> dict:
    """
    `{% agenda_page_ranges meeting as page_ranges %}`: each agenda item's "(Pages X - Y)"
    as the current public pack prints it, by the item's pk, or "(Supplement N, pages X - Y)"
    for an item whose papers came later; nothing before a pack is ready.
    """
    ranges = {}
    for version in published_versions(meeting, PackVersion.Kind.PUBLIC):
        for row in (version.summary or {}).get("rows", []):
            key, pages = row.get("key", ""), row.get("pages")
            if not key.startswith("item:") or not pages:
                continue
            item_pk = int(key.removeprefix("item:"))
            if version.is_supplement:
                label = f"(Supplement {version.supplement_number}, pages {range_text(pages)})"
            else:
                label = pages_label(tuple(pages))
            ranges.setdefault(item_pk, label)
    return ranges


@register.simple_tag
def page_range_of(item, page_ranges) -> str:
    """The item's "(Pages X - Y)" from `agenda_page_ranges`, or nothing."""
    return page_ranges.get(item.pk, "") if isinstance(page_ranges, dict) else ""
