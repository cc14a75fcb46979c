"""The decisions register pages: all committees, and one committee with those it replaced."""

from django.shortcuts import get_object_or_404, render

from committees.dates import municipal_year_start
from committees.lineage import lineage
from committees.models import Committee
from scrutiny.pagination import govuk_pagination

from . import decisions as register
from .decisions import COMMITTEE_PATH, MEETING_DATE


def decisions_register(request, slug=None):
    """
    /minutes/decisions/ (every committee, filterable by committee) and
    /minutes/committee/<slug>/decisions/ (one committee and those it replaced).
    """
    user = request.user
    committee = None
    if slug is None:
        committees = register.committees_with_decisions()
    else:
        committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
        committees = lineage(committee)
    decisions = register.visible_decisions(user, committees)

    # Which committees and years this person has decisions in: one query for both.
    seen = decisions.order_by().values_list(f"{COMMITTEE_PATH}_id", MEETING_DATE).distinct()
    committee_ids, years = set(), set()
    for committee_id, day in seen:
        committee_ids.add(committee_id)
        years.add(municipal_year_start(day))
    form = register.RegisterFilterForm(
        request.GET,
        committees=[each for each in committees if each.pk in committee_ids],
        years=sorted(years, reverse=True),
        with_committee=committee is None,
    )
    chosen = form.chosen_committee
    if chosen is not None:
        decisions = decisions.filter(
            **{f"{COMMITTEE_PATH}__in": [each.pk for each in lineage(chosen)]}
        )
    if form.chosen_year is not None:
        decisions = register.in_municipal_year(decisions, form.chosen_year)

    page = register.paginate(decisions, request.GET.get("page"))
    return render(
        request,
        "minutes/decisions_register.html",
        {
            "committee": committee,
            "form": form,
            "page": page,
            "rows": register.page_rows(user, page),
            "pagination": govuk_pagination(request, page),
            "chosen_year_label": (
                register.year_label(form.chosen_year) if form.chosen_year is not None else ""
            ),
        },
    )
