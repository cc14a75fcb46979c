"""The public pages of councillors and co-opted members: /people/ and /people/<pk>/."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from committees.models import Person

from . import people


@require_safe
def person_list(request):
    return render(
        request, "councillors/people/person_list.html", {"councils": people.people_by_council()}
    )


@require_safe
def person_detail(request, pk):
    """Reads only. No page for someone the portal only names (an officer in a pack)."""
    record = people.person_record(get_object_or_404(Person, pk=pk), request.user)
    if not record.has_page:
        raise Http404("No such person.")
    response = render(request, "councillors/people/person_detail.html", {"record": record})
    if record.holds_exempt_text:
        # Exempt declarations are never kept by a shared cache or left in the browser's.
        response["Cache-Control"] = "private, no-store"
    return response
