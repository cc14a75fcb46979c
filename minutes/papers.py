"""The minutes of the previous meeting, generated as a paper for the next meeting's pack."""

from django.template.loader import render_to_string

from meetings import paper_sources
from meetings.models import Document

from .models import Minute, Minutes
from .selectors import PrintedMinutes, minutes_for_print


def render_printed_html(printed: PrintedMinutes, show_status: bool = False) -> str:
    return render_to_string(
        "minutes/minutes_print.html", {"printed": printed, "show_status": show_status}
    )


def render_minutes_html(
    minutes: Minutes, show_status: bool = False, *, sees_exempt: bool = False
) -> str:
    """The minutes as printed; in the public form (exempt minutes withheld) unless told."""
    return render_printed_html(
        minutes_for_print(minutes, sees_exempt=sees_exempt), show_status=show_status
    )


@paper_sources.register(Document.Kind.MINUTES)
def render_previous_minutes(document) -> str:
    """
    The minutes of the previous meeting, as a paper in the next meeting's pack.

    ALWAYS in the public form: an exempt minute is printed as its number, its heading and
    "Exempt information: Schedule 12A paragraph N", never its text or decisions. The pack
    builder renders this paper once and puts the same pages into both the public and the
    confidential pack (so that the two packs have the same page numbers), so whatever this
    returns is published. Members read exempt minutes on the minutes page instead.
    """
    minutes = Minutes.objects.previous_for(document.meeting)
    if minutes is None:
        return render_to_string(
            "papers/nothing_yet.html",
            {
                "title": document.title,
                "text": "The minutes of the previous meeting are not yet available.",
            },
        )
    return render_minutes_html(minutes, sees_exempt=False)


@paper_sources.register_web_page(Document.Kind.MINUTES)
def previous_minutes_page(document) -> tuple[str, str] | None:
    minutes = Minutes.objects.previous_for(document.meeting)
    if minutes is None:
        return None
    return minutes.get_absolute_url(), "the minutes page"


@paper_sources.register_printed(Document.Kind.MINUTES)
def previous_minutes_printed(document) -> list[str]:
    """The minutes the paper prints in full (exempt ones it prints as their heading only)."""
    minutes = Minutes.objects.previous_for(document.meeting)
    if minutes is None:
        return []
    return [
        f"minute:{pk}" for pk in minutes.minute_entries.unrestricted().values_list("pk", flat=True)
    ]


@paper_sources.register_restriction_check("minute")
def restricted_minutes(ids) -> set[int]:
    unrestricted = Minute.objects.filter(pk__in=ids).unrestricted().values_list("pk", flat=True)
    return set(ids) - set(unrestricted)
