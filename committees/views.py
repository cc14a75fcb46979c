from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from meetings import page_cache
from meetings.models import Meeting

from .models import Committee, Membership


def committee_list(request):
    committees = Committee.objects.active().select_related("council")
    return render(request, "committees/committee_list.html", {"committees": committees})


def committee_detail(request, slug):
    today = timezone.localdate()
    committee = get_object_or_404(
        page_cache.with_committee_fingerprint(
            Committee.objects.select_related("council", "predecessor"), today
        ),
        slug=slug,
    )

    def render_page():
        prefetch_related_objects(
            [committee],
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().in_print_order(),
                to_attr="current_memberships",
            ),
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
                "upcoming": meetings.upcoming(today),
                "past": meetings.past(today).order_by("-date")[:20],
            },
        )

    return page_cache.serve(request, page_cache.committee_key(committee), render_page, today)
