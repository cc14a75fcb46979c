from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from committees import access
from committees.roles import manages

from .models import Document, Meeting
from .selectors import agenda_for
from .tasks import note_confidential_download


def home(request):
    meetings = Meeting.objects.with_committee().visible_to_public()
    return render(
        request,
        "meetings/home.html",
        {
            "upcoming": meetings.upcoming()[:10],
            "recently_published": meetings.filter(issue_date__isnull=False).order_by(
                "-issue_date", "-date"
            )[:5],
        },
    )


def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.with_committee(), pk=pk)
    if not access.may_see(request.user, meeting):
        raise Http404("No such meeting.")
    context = {
        "meeting": meeting,
        "agenda": agenda_for(meeting, request.user),
        "sees_exempt": access.sees_exempt(request.user, meeting.committee),
    }
    return render(request, "meetings/meeting_detail.html", context)


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
