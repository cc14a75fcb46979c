import datetime
import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from kombu.exceptions import OperationalError as KombuOperationalError
from pypdf import PdfReader

from .models import Meeting, MeetingChange
from .uploads import is_tagged

logger = logging.getLogger(__name__)


@shared_task
def record_confidential_download(meeting_id: int, user_id: int, what: str, at: str) -> None:
    """Write the history line for a councillor's download of something exempt. Idempotent."""
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if meeting is None or user is None:
        return
    when = datetime.datetime.fromisoformat(at)
    summary = f"{user.get_full_name() or user.username} downloaded {what}"[:500]
    MeetingChange.objects.get_or_create(
        meeting=meeting,
        action="download.confidential",
        user=user,
        created_at=when,
        summary=summary,
        defaults={"revision": meeting.revision},
    )


def note_confidential_download(meeting: Meeting, user, what: str, at: datetime.datetime) -> None:
    """
    The meeting's history records every download of exempt material by a councillor. The
    request only hands the record to the task queue, so that a GET never writes.
    """
    try:
        record_confidential_download.delay(meeting.pk, user.pk, what, at.isoformat())
    except KombuOperationalError:
        logger.error("Could not record %s's download of %s (meeting %s)", user, what, meeting.pk)


# The text of uploaded papers, for search: read once, here, never in a request.

# Characters that never reach the stored text: NUL (PostgreSQL refuses it in text), the form
# feed (it separates pages) and the two private-use characters search uses to mark matches.
_UNSTORED = dict.fromkeys(map(ord, "\x00\f\ue000\ue001"), " ")
TEXT_LIMIT = 1_000_000  # characters kept of one paper's text


def read_pdf_text(file) -> tuple[str, str]:
    """A PDF's text with form feeds between its pages, and what became of the reading."""
    from pypdf import PdfReader

    from .models import Document

    reader = PdfReader(file)
    pages = []
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except Exception:  # one unreadable page does not lose the others
            logger.warning("Could not read the text of a page", exc_info=True)
            text = ""
        pages.append(" ".join(text.translate(_UNSTORED).split()))
    text = "\f".join(pages)[:TEXT_LIMIT]
    if not any(character.isalnum() for character in text):
        return "", Document.TextStatus.NO_TEXT
    return text, Document.TextStatus.EXTRACTED


def extract_text(document) -> None:
    """Read an uploaded paper's text once; a paper already read is left as it is."""
    from .models import Document

    if not document.has_uploaded_file or document.text_status != Document.TextStatus.PENDING:
        return
    try:
        with document.file.open("rb") as file:
            document.text, document.text_status = read_pdf_text(file)
            if document.is_tagged is None:  # uploaded before the portal looked for tags
                file.seek(0)
                document.is_tagged = is_tagged(PdfReader(file))
    except Exception:
        logger.exception("Could not read the text of paper %s", document.pk)
        document.text, document.text_status = "", Document.TextStatus.FAILED
    document.save(update_fields=["text", "text_status", "is_tagged"])


@shared_task
def extract_paper_text(document_id: int) -> None:
    """The text of an uploaded paper, read after upload. Idempotent."""
    from .models import Document

    document = Document.objects.filter(pk=document_id).first()
    if document is not None:
        extract_text(document)


def queue_text_extraction(document_id: int) -> None:
    """Hand a new upload to the worker; if the queue is down, the nightly reindex reads it."""
    try:
        extract_paper_text.delay(document_id)
    except KombuOperationalError:
        logger.error("Could not queue the text extraction of paper %s", document_id)
