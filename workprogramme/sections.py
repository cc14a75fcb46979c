"""
What the work programme adds to meetings' pages (meetings/page_sections.py), registered
by WorkProgrammeConfig.ready(): below the agenda editor, the items it plans for the
meeting that are not on the agenda yet; on the officer dashboard, a link to the
committee's work programme when it has one.
"""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from meetings.page_sections import render_inclusion

from .models import WorkProgramme, WorkProgrammeItem


def planned_items(context, meeting) -> str:
    """The agenda editor's "Planned in the work programme", each added in one step."""
    items = list(WorkProgrammeItem.objects.planned_for(meeting))
    if not items:
        return ""
    return render_inclusion(
        context, "workprogramme/includes/planned_items.html", {"planned_items": items}
    )


def with_work_programme(committees):
    return committees.annotate(
        has_work_programme=Exists(WorkProgramme.objects.filter(committee=OuterRef("pk")))
    )


def work_programme_link(committee) -> dict | None:
    if not getattr(committee, "has_work_programme", False):
        return None
    return {
        "text": "Work programme",
        "url": reverse("workprogramme:work_programme", args=[committee.slug]),
    }
