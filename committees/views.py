from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from . import committee_page, page_cache
from .models import Committee, Membership


def committee_list(request):
    committees = Committee.objects.active().select_related("council")
    return render(request, "committees/committee_list.html", {"committees": committees})


def committee_detail(request, slug):
    """The committee and its members; its meetings as the apps show them (committee_page.py)."""
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
        return render(
            request,
            "committees/committee_detail.html",
            {
                **committee_page.context(committee, today),
                "committee": committee,
                "memberships": committee.current_memberships,
            },
        )

    return page_cache.serve(request, page_cache.committee_key(committee), render_page, today)
