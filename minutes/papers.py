"""The minutes of the previous meeting, generated as a paper for the next meeting's pack."""

from django.template.loader import render_to_string

from meetings import paper_sources
from meetings.models import Document

from .models import Minutes
from .selectors import minutes_for_print


def render_minutes_html(minutes: Minutes, show_status: bool = False) -> str:
    return render_to_string(
        "minutes/minutes_print.html",
        {"printed": minutes_for_print(minutes), "show_status": show_status},
    )


@paper_sources.register(Document.Kind.MINUTES)
def render_previous_minutes(document) -> str:
    minutes = Minutes.objects.previous_for(document.meeting)
    if minutes is None:
        return render_to_string(
            "papers/nothing_yet.html",
            {
                "title": document.title,
                "text": "The minutes of the previous meeting are not yet available.",
            },
        )
    return render_minutes_html(minutes)
