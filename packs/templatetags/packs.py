from django import template
from django.utils.html import format_html

from meetings.page_sections import render_inclusion

from ..models import PackVersion
from ..pagination import pages_label, range_text
from ..panel import panel_context
from ..services import published_versions

register = template.Library()


PANEL = "packs/includes/pack_panel.html"


@register.inclusion_tag(PANEL, takes_context=True)
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


# What packs add to meetings' pages (meetings/page_sections.py), registered by PacksConfig.


def meeting_page_panel(context, meeting) -> str:
    """The pack panel above the agenda of the meeting page."""
    return render_inclusion(context, PANEL, pack_panel(context, meeting))


def agenda_editor_panel(context, meeting) -> str:
    """The pack panel of the agenda editor, whose buttons come back to the editor."""
    return render_inclusion(
        context, PANEL, pack_panel(context, meeting, next_url=context["request"].path)
    )


def page_ranges_for(context, meeting) -> dict:
    return agenda_page_ranges(meeting)


PAGE_RANGE = ' <span class="govuk-!-font-weight-regular portal-page-range">{}</span>'


def page_range_note(page_ranges, item) -> str:
    """After an item's title on the meeting page: its "(Pages X - Y)" in the public pack."""
    pages = page_range_of(item, page_ranges)
    if not pages:
        return ""
    return format_html(PAGE_RANGE, pages)
