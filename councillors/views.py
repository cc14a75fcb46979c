"""The councillors' area: "My meetings", and all of a meeting's papers in one ZIP."""

import shutil
import tempfile
import zipfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from committees.roles import is_officer
from meetings.models import Meeting, safe_filename
from meetings.tasks import note_confidential_download

from . import selectors


@require_safe
@login_required
def my_meetings(request):
    """Reads only: the last visit is the one the sign-in view kept in the session."""
    since = selectors.previous_visit(request.session)
    area = selectors.my_meetings(request.user, since)
    if area is None:
        return render(request, "councillors/not_linked.html")
    return render(request, "councillors/my_meetings.html", {"area": area})


def zip_member_name(number: int, paper: selectors.Paper, taken: set[str]) -> str:
    """ "03 Item 5 - Budget monitoring report.pdf": in agenda order, safe on any system."""
    document = paper.document
    stem = safe_filename(f"{number:02d} {paper.label} - {document.title}", f"{number:02d}-paper")
    stem = stem[:120]
    name = f"{stem}.pdf"
    suffix = 2
    while name.lower() in taken:
        name = f"{stem}-{suffix}.pdf"
        suffix += 1
    taken.add(name.lower())
    return name


def zip_name(meeting: Meeting) -> str:
    return f"{meeting.committee.slug}-{meeting.date:%Y-%m-%d}-papers.zip"


def write_zip(output, folder: str, documents) -> None:
    taken: set[str] = set()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_STORED) as archive:
        for number, document in enumerate(documents, start=1):
            name = zip_member_name(number, selectors.Paper(document), taken)
            moment = timezone.localtime(document.published_at or document.created_at)
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED
            with document.file.open("rb") as source, archive.open(info, "w") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)


@require_safe
@login_required
def meeting_papers_zip(request, pk):
    """
    Every paper of the meeting that this person may see, in one ZIP built in a temporary
    file (the papers are PDFs already, so they are stored, not compressed again).
    """
    meeting = get_object_or_404(Meeting.objects.with_committee(), pk=pk)
    if not selectors.in_my_area(request.user, meeting):
        raise Http404("No such meeting.")
    documents = selectors.zip_papers(request.user, meeting)
    if not documents:
        raise Http404("This meeting has no papers to download yet.")
    # Closed by the response once sent; removed by the system as soon as it is closed.
    output = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        write_zip(output, zip_name(meeting).removesuffix(".zip"), documents)
    except BaseException:
        output.close()
        raise
    output.seek(0)
    response = FileResponse(output, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, zip_name(meeting))
    if any(document.is_restricted for document in documents):
        response["Cache-Control"] = "private, no-store"
    exempt = sum(document.is_exempt_information for document in documents)
    if exempt and not is_officer(request.user):
        note_confidential_download(
            meeting,
            request.user,
            f"all papers of the meeting in a ZIP, {exempt} of them exempt",
            timezone.now(),
        )
    return response
