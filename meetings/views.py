from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from committees import access
from committees.roles import manages

from . import accessibility, calendar, page_cache
from .models import Document, Meeting
from .selectors import agenda_for
from .tasks import note_confidential_download


def home(request):
    meetings = Meeting.objects.with_committee()
    today = timezone.localdate()
    # Announced, agenda published or not; cancelled and moved ones say so.
    upcoming = list(meetings.announced().filter(date__gte=today)[:10])
    recently_published = list(
        meetings.published().filter(issue_date__isnull=False).order_by("-issue_date", "-date")[:5]
    )
    key = [
        *page_cache.meetings_key("home", upcoming),
        *page_cache.meetings_key("recently published", recently_published),
    ]
    return page_cache.serve(
        request,
        key,
        lambda: render(
            request,
            "meetings/home.html",
            {"upcoming": upcoming, "recently_published": recently_published, "today": today},
        ),
        today,
    )


def meeting_detail(request, pk):
    meeting = get_object_or_404(
        page_cache.with_meeting_fingerprint(Meeting.objects.with_committee()), pk=pk
    )
    if not access.may_see_announcement(request.user, meeting):
        raise Http404("No such meeting.")
    today = timezone.localdate()

    def render_page():
        context = {
            "meeting": meeting,
            # Empty, and marked withheld, while the agenda is unpublished and not theirs to see.
            "agenda": agenda_for(meeting, request.user),
            "sees_exempt": access.sees_exempt(request.user, meeting.committee),
            "today": today,
        }
        return render(request, "meetings/meeting_detail.html", context)

    return page_cache.serve(
        request, page_cache.meeting_key(request.user, meeting), render_page, today
    )


def calendar_month(request):
    """A month of meetings (?month=2027-01), or the list view (?view=list)."""
    if request.GET.get("view") == "list":
        return calendar_list(request)
    today = timezone.localdate()
    month, month_error = calendar.parse_month(request.GET.get("month"), today)
    committees, committee, committee_error = calendar.committee_choices(
        request.GET.get("committee")
    )
    meetings = calendar.meetings_between(month, calendar.end_of_month(month), committee)
    return render(
        request,
        "meetings/calendar_month.html",
        {
            "month": month,
            "previous_month": calendar.previous_month(month),
            "next_month": calendar.next_month(month),
            "this_month": today.replace(day=1),
            "weekdays": calendar.WEEKDAYS,
            "weeks": calendar.month_weeks(month, meetings, today),
            "meetings": meetings,
            "committees": committees,
            "committee": committee,
            "problems": [problem for problem in (month_error, committee_error) if problem],
            "today": today,
        },
    )


def calendar_list(request):
    """The upcoming meetings, then the recent ones, grouped by month."""
    today = timezone.localdate()
    committees, committee, committee_error = calendar.committee_choices(
        request.GET.get("committee")
    )
    first, last = calendar.list_range(today)
    meetings = calendar.meetings_between(first, last, committee)
    return render(
        request,
        "meetings/calendar_list.html",
        {
            "upcoming": calendar.by_month(m for m in meetings if m.date >= today),
            "recent": calendar.by_month((m for m in meetings if m.date < today), newest_first=True),
            "first": first,
            "last": last,
            "committees": committees,
            "committee": committee,
            "problems": [committee_error] if committee_error else [],
            "today": today,
        },
    )


def document_download(request, pk, filename):
    """Every paper is served here, never from a public folder, so access is always checked."""
    document = get_object_or_404(
        Document.objects.select_related("meeting__committee", "agenda_item__parent"), pk=pk
    )
    if not access.may_see(request.user, document):
        raise Http404("No such paper.")
    if not document.file:
        raise Http404("This paper has no file yet.")
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    # RFC 6266: filename*= carries a name that is not plain ASCII.
    response["Content-Disposition"] = content_disposition_header(False, document.download_name)
    if document.is_restricted:
        response["Cache-Control"] = "private, no-store"
    if document.is_exempt_information and not manages(request.user, document.meeting.committee):
        note_confidential_download(
            document.meeting, request.user, f"the exempt paper “{document.title}”", timezone.now()
        )
    return response


def accessibility_statement(request):
    return render(
        request, "meetings/accessibility_statement.html", {"statement": accessibility.statement()}
    )
