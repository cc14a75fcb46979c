"""The work programme as a paper for a pack."""

from django.template.loader import render_to_string

from committees.dates import municipal_year_start
from meetings import paper_sources
from meetings.models import Document

from .workprogramme import WorkProgramme
from .workprogramme_selectors import work_plan


def render_work_plan_html(programme: WorkProgramme) -> str:
    return render_to_string(
        "committees/workprogramme/work_plan_print.html",
        {"plan": work_plan(programme), "strapline": programme.committee.focus_strapline},
    )


@paper_sources.register(Document.Kind.WORK_PROGRAMME)
def render_work_programme_paper(document) -> str:
    meeting = document.meeting
    programmes = WorkProgramme.objects.filter(committee=meeting.committee).select_related(
        "committee"
    )
    programme = (
        programmes.filter(municipal_year=municipal_year_start(meeting.date)).first()
        or programmes.first()
    )
    if programme is None:
        return render_to_string(
            "papers/nothing_yet.html",
            {"title": document.title, "text": "This committee has no work programme yet."},
        )
    return render_work_plan_html(programme)
