"""
A paper as an HTML page: written papers as themselves, uploaded PDFs as their text, with
the paper's pages in the agenda pack. Here in packs, which may read both the papers and
the packs (meetings does not import packs).
"""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from committees import access
from committees.roles import manages
from meetings import paper_sources
from meetings.models import Document
from meetings.tasks import note_confidential_download

from .paper_pages import paper_pack_pages

BLANK_LINES = re.compile(r"\n\s*\n")


def text_pages(text: str) -> list[dict]:
    """The extracted text, one entry per page ("\\f" between pages), split into paragraphs."""
    pages = []
    for number, page in enumerate(text.split("\f"), start=1):
        paragraphs = [part.strip() for part in BLANK_LINES.split(page) if part.strip()]
        pages.append({"number": number, "paragraphs": paragraphs})
    return pages


def document_page(request, pk):
    """The same rule as the download (access.may_see, else 404), and, as there, a member's
    reading of an exempt paper is recorded by the worker; the request writes nothing."""
    document = get_object_or_404(
        Document.objects.select_related("meeting__committee__council", "agenda_item__parent"),
        pk=pk,
    )
    if not access.may_see(request.user, document):
        raise Http404("No such paper.")
    if document.body:
        shape = "written"
    elif document.has_uploaded_file:
        shape = "uploaded"
    else:
        shape = "generated"
    extracted = shape == "uploaded" and document.text_status == Document.TextStatus.EXTRACTED
    placed = paper_pack_pages(document) if document.meeting.is_published else None
    response = render(
        request,
        "packs/paper_page.html",
        {
            "document": document,
            "meeting": document.meeting,
            "shape": shape,
            "pages": text_pages(document.text) if extracted else [],
            "pack": placed[0] if placed else None,
            "pack_pages": placed[1:] if placed else None,
            "web_page": paper_sources.web_page(document) if shape == "generated" else None,
        },
    )
    if document.is_restricted:
        response["Cache-Control"] = "private, no-store"
    if document.is_exempt_information and not manages(request.user, document.meeting.committee):
        # Recorded by the worker, as a download is: the request itself writes nothing.
        note_confidential_download(
            document.meeting, request.user, f"the exempt paper “{document.title}” online",
            timezone.now(),
        )  # fmt: skip
    return response
