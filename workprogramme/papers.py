"""The work programme as a paper for a pack."""

from django.template.loader import render_to_string

from committees.dates import municipal_year_start
from meetings import paper_sources
from meetings.models import Document

from .models import WorkProgramme
from .selectors import work_plan


def render_work_plan_html(programme: WorkProgramme) -> str:
    return render_to_string(
        "workprogramme/work_plan_print.html",
        {"plan": work_plan(programme), "strapline": programme.committee.focus_strapline},
    )


def programme_for(meeting) -> WorkProgramme | None:
    """The work programme of the meeting's municipal year, or else the committee's latest."""
    programmes = WorkProgramme.objects.filter(committee=meeting.committee).select_related(
        "committee"
    )
    return (
        programmes.filter(municipal_year=municipal_year_start(meeting.date)).first()
        or programmes.first()
    )


@paper_sources.register(Document.Kind.WORK_PROGRAMME)
def render_work_programme_paper(document) -> str:
    programme = programme_for(document.meeting)
    if programme is None:
        return render_to_string(
            "papers/nothing_yet.html",
            {"title": document.title, "text": "This committee has no work programme yet."},
        )
    return render_work_plan_html(programme)


@paper_sources.register_web_page(Document.Kind.WORK_PROGRAMME)
def work_programme_page(document) -> tuple[str, str] | None:
    programme = programme_for(document.meeting)
    if programme is None:
        return None
    return programme.get_absolute_url(), "the work programme page"
