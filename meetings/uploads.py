"""
Checks on an uploaded paper before it is kept: it must be a whole, readable,
unprotected PDF with at least one page, within the size limit, that starts as a PDF
and carries nothing active (JavaScript, actions run on opening, programs to launch,
embedded files). Each failure has its own message, because the officer has to know
what to do about it. The agenda builder's forms and the admin both use check_pdf.
"""

import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

CHOOSE_AGAIN = "Choose the file again: for your security the browser does not keep it."

# The first bytes of files that officers most often upload by mistake.
OTHER_FORMATS = [
    (b"PK\x03\x04", "a Word, Excel or other Office document (or a zip file)"),
    (b"\xd0\xcf\x11\xe0", "an older Word or Excel document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "a rich text (RTF) document"),
]


UNTAGGED_WARNING = (
    "This PDF has no tags: screen reader users will struggle with it. Ask the author for an "
    "accessible version (in Word: File, Save As, PDF, with “Document structure tags for "
    "accessibility” ticked), then replace it."
)


@dataclass
class CheckedPdf:
    name: str
    content: bytes
    page_count: int
    is_tagged: bool = False


def is_tagged(reader: PdfReader) -> bool:
    """Whether the PDF carries tags (a structure tree) that a screen reader can follow."""
    root = reader.root_object
    mark_info = _resolved(root.get("/MarkInfo"), {})
    return "/StructTreeRoot" in root and bool(mark_info.get("/Marked", False))


def max_upload_bytes() -> int:
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def _refuse(message: str, code: str):
    raise ValidationError(f"{message} {CHOOSE_AGAIN}", code=code)


def check_pdf(upload) -> CheckedPdf:
    """Read an UploadedFile and return its bytes and page count, or raise ValidationError."""
    name = upload.name
    if upload.size == 0:
        _refuse(f"The selected file “{name}” is empty.", "empty")
    if upload.size > max_upload_bytes():
        _refuse(
            f"The selected file “{name}” is larger than {settings.MAX_UPLOAD_MB} MB, "
            "the largest paper the portal accepts. Make it smaller (for example, save it "
            "again with smaller images) or split it into appendices.",
            "too_large",
        )
    content = upload.read()
    if b"%PDF-" in content[1:1024] and not content.startswith(b"%PDF-"):
        _refuse(
            f"The selected file “{name}” does not begin as a PDF: other data comes before the "
            "PDF (it may be a program, or another file with a PDF attached to it). Open the "
            "paper and save it as a PDF again.",
            "not_at_start",
        )
    if not content.startswith(b"%PDF-"):
        looks_like = next(
            (what for magic, what in OTHER_FORMATS if content.startswith(magic)), None
        )
        detail = f" It looks like {looks_like}." if looks_like else ""
        _refuse(
            f"The selected file “{name}” is not a PDF.{detail} Save or export it as a PDF first.",
            "not_pdf",
        )
    if b"%%EOF" not in content[-2048:]:
        _refuse(
            f"The selected file “{name}” is incomplete: the end of the PDF is missing. "
            "It may not have finished downloading or saving. Open it to check, then save it again.",
            "truncated",
        )
    pypdf_logger = logging.getLogger("pypdf")
    previous_level = pypdf_logger.level
    pypdf_logger.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            _refuse(
                f"The selected file “{name}” is protected with a password or encryption. "
                "Save a copy without protection, then upload that.",
                "encrypted",
            )
        page_count = len(reader.pages)
        active = active_content(reader)
        tagged = is_tagged(reader)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        _refuse(
            f"The selected file “{name}” is damaged and cannot be read as a PDF. "
            "Open it to check, then save it as a PDF again.",
            "corrupt",
        )
    finally:
        pypdf_logger.setLevel(previous_level)
    if page_count == 0:
        _refuse(f"The selected file “{name}” is a PDF with no pages.", "no_pages")
    if active:
        code, what = active
        _refuse(
            f"The selected file “{name}” {what}, which the portal does not publish. "
            "Print it to a new PDF (for example with “Microsoft Print to PDF” or “Save as "
            "PDF”), which leaves that out, then upload the new file.",
            code,
        )
    return CheckedPdf(name=name, content=content, page_count=page_count, is_tagged=tagged)


ACTIVE_ACTIONS = {"/JavaScript": "javascript", "/Launch": "launch"}
ACTIVE_WORDING = {
    "javascript": "contains JavaScript",
    "launch": "can start another program on the reader's computer",
    "open_action": "runs an action as soon as it is opened",
    "embedded_files": "has other files embedded in it",
}


def active_content(reader: PdfReader) -> tuple[str, str] | None:
    """The first active thing the PDF carries, as (code, wording), or None."""
    code = _active_code(reader)
    return (code, ACTIVE_WORDING[code]) if code else None


def _resolved(value, default):
    return value.get_object() if value is not None else default


def _action_code(action) -> str | None:
    action = _resolved(action, None)
    if not hasattr(action, "get"):
        return None
    return ACTIVE_ACTIONS.get(action.get("/S"))


def _active_code(reader: PdfReader) -> str | None:
    root = reader.root_object
    names = _resolved(root.get("/Names"), {})
    if "/JavaScript" in names:
        return "javascript"
    if "/EmbeddedFiles" in names or reader.attachments:
        return "embedded_files"
    open_action = _resolved(root.get("/OpenAction"), None)
    # A destination (an array: which page to open at) is harmless; an action is not.
    if hasattr(open_action, "get"):
        return _action_code(open_action) or "open_action"
    for holder in [root, *reader.pages]:
        for action in _resolved(holder.get("/AA"), {}).values():
            if code := _action_code(action):
                return code
    for page in reader.pages:
        for annotation in _resolved(page.get("/Annots"), []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                return "embedded_files"
            if code := _action_code(annotation.get("/A")):
                return code
    return None
