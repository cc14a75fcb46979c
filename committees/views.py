from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from meetings.models import Meeting

from .models import Committee, Membership


def committee_list(request):
    committees = Committee.objects.active().select_related("council")
    return render(request, "committees/committee_list.html", {"committees": committees})


def committee_detail(request, slug):
    committee = get_object_or_404(
        Committee.objects.select_related("council", "predecessor").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().in_print_order(),
                to_attr="current_memberships",
            )
        ),
        slug=slug,
    )
    meetings = (
        Meeting.objects.filter(committee=committee)
        .select_related("committee__council")
        .visible_to_public()
    )
    return render(
        request,
        "committees/committee_detail.html",
        {
            "committee": committee,
            "memberships": committee.current_memberships,
            "upcoming": meetings.upcoming(),
            "past": meetings.past().order_by("-date")[:20],
        },
    )
