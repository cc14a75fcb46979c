"""The trail of an agenda item's topic (tracker/trail.py)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from committees import access
from meetings.models import AgendaItem

from .trail import trail_for


def item_trail(request, pk):
    """Not found for anyone who may not see the item: a draft agenda's, or an exempt one's."""
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__committee__council", "parent", "deferred_to"),
        pk=pk,
    )
    if not access.may_see(request.user, item):
        raise Http404("No such agenda item.")
    response = render(request, "tracker/trail.html", {"trail": trail_for(item, request.user)})
    if item.is_restricted:
        response["Cache-Control"] = "private, no-store"
    return response
