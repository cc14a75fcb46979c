"""What action plans add to the tracker's page (tracker/page_sections.py)."""

from django.template.loader import render_to_string


def tracker_link(context, tracker) -> str:
    """Under the tracker page's introduction: where the action plans are."""
    return render_to_string("actionplans/includes/tracker_link.html")
