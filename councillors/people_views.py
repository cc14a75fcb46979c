"""The public pages of councillors and co-opted members: /people/ and /people/<pk>/."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from committees.models import Membership, Person
from meetings.feeds import CALENDAR_DAYS_BACK, meetings_to_ical
from meetings.models import Meeting

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


@require_safe
def person_calendar(request, pk):
    """An iCalendar feed of the meetings of every committee this person sits on today:
    announced meetings only, as the per-committee feeds hold them (meetings/feeds.py)."""
    person = get_object_or_404(Person, pk=pk)
    if not people.person_record(person, request.user).has_page:
        raise Http404("No such person.")
    committee_ids = Membership.objects.current().filter(person=person).values("committee_id")
    since = timezone.localdate() - datetime.timedelta(days=CALENDAR_DAYS_BACK)
    meetings = (
        Meeting.objects.with_committee()
        .announced()
        .filter(committee__in=committee_ids, date__gte=since)
    )
    response = HttpResponse(
        meetings_to_ical(meetings, f"Meetings: {person.formal_name}"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="person-{person.pk}.ics"'
    return response
