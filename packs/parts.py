"""
The parts of a pack, each a PDF cached under MEDIA_ROOT/pack-parts/<sha256>.pdf.

A part is named by a hash of what it is made from: the HTML for a rendered part,
the file's bytes for an uploaded one. A part with the same content is never built
twice, so a rebuild after one paper changes renders only that paper and the agenda.
"""

import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import linebreaks
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from meetings.models import Document, Meeting
from meetings.sanitise import clean_html

from . import rendering

# Raise this when the way parts are rendered changes, so cached parts are rebuilt.
PARTS_FORMAT = "1"


class PackBuildError(Exception):
    """A build that cannot finish, with a reason an officer can act on."""


def parts_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "pack-parts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as temporary_file:
            temporary_file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def count_pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def part_path(content_hash: str) -> Path:
    return parts_dir() / f"{content_hash}.pdf"


def part_pages(path: Path) -> int:
    """A cached part's page count, kept beside it so a rebuild need not parse the part."""
    count_path = path.with_suffix(".pages")
    try:
        return int(count_path.read_text())
    except (OSError, ValueError):
        pages = count_pages(path)
        write_atomically(count_path, str(pages).encode())
        return pages


def store_part(path: Path, data: bytes, pages: int) -> None:
    write_atomically(path, data)
    write_atomically(path.with_suffix(".pages"), str(pages).encode())


def cached_part(content_hash: str, make: Callable[[], bytes]) -> tuple[Path, int]:
    """The part's PDF and page count, made only if the cache does not hold it."""
    path = part_path(content_hash)
    if not path.exists():
        write_atomically(path, make())
    return path, part_pages(path)


class PartRenderer:
    """
    The HTML parts one build needs. A part already in the cache is used as it is; the others
    wait for `render_waiting`, which renders them together, in parallel (rendering.py).
    """

    def __init__(self):
        self.waiting: dict[str, str] = {}  # content hash -> HTML

    def add(self, html: str) -> tuple[Path, str]:
        """The part's path (its file may not exist until `render_waiting`) and content hash."""
        content_hash = sha256(f"html:{PARTS_FORMAT}:{html}".encode())
        path = part_path(content_hash)
        if not (path.exists() and path.with_suffix(".pages").exists()):
            self.waiting[content_hash] = html
        return path, content_hash

    def render_waiting(self, progress: Callable[[int, int], None] = lambda done, total: None):
        """Render every waiting part into the cache; `progress(done, total)` after each."""
        total = len(self.waiting)
        done = 0

        def rendered(content_hash: str, data: bytes, pages: int) -> None:
            nonlocal done
            store_part(part_path(content_hash), data, pages)
            done += 1
            progress(done, total)

        rendering.render_all(
            self.waiting, str(settings.BASE_DIR), settings.PACK_RENDER_PROCESSES, rendered
        )
        self.waiting = {}


def html_part(html: str) -> tuple[Path, int, str]:
    """One HTML part, rendered now unless the cache holds it."""
    renderer = PartRenderer()
    path, content_hash = renderer.add(html)
    renderer.render_waiting()
    return path, part_pages(path), content_hash


def prepare_uploaded_pdf(data: bytes) -> bytes:
    """Turn rotated pages upright in their content, so stamps can be drawn the same way up."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise PdfReadError("the PDF is password-protected")
    if not any(page.rotation for page in reader.pages):
        return data
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        if page.rotation:
            page.transfer_rotation_to_content()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def paper_name(document: Document) -> str:
    if document.agenda_item_id:
        return f'item {document.agenda_item.label}, "{document.title}"'
    return f'the annex "{document.title}"'


def uploaded_part(document: Document) -> tuple[Path, int, str]:
    try:
        with document.file.open("rb") as uploaded:
            data = uploaded.read()
    except OSError as error:
        raise PackBuildError(
            f"The file for {paper_name(document)} is missing or cannot be read. "
            "Upload it again, then publish."
        ) from error
    content_hash = sha256(b"file:" + PARTS_FORMAT.encode() + b":" + data)
    try:
        path, pages = cached_part(content_hash, lambda: prepare_uploaded_pdf(data))
    except (PdfReadError, ValueError, KeyError) as error:
        raise PackBuildError(
            f"The file for {paper_name(document)} is not a PDF that can be read ({error}). "
            "Upload it again, then publish."
        ) from error
    if pages == 0:
        raise PackBuildError(f"The file for {paper_name(document)} has no pages.")
    return path, pages, content_hash


def text_html(text: str) -> str:
    """Council text fields may hold plain text or cleaned HTML."""
    if not text.strip():
        return ""
    if "<" in text:
        return clean_html(text)
    return linebreaks(text, autoescape=True)


def paper_html(title: str, body_html: str, meeting: Meeting) -> str:
    return render_to_string(
        "packs/paper.html", {"title": title, "body": body_html, "meeting": meeting}
    )
