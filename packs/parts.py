"""
The parts of a pack, each a PDF cached as pack-parts/<sha256>.pdf in the "pack_parts"
storage (settings.STORAGES): a folder of MEDIA_ROOT, or the portal's bucket.

A part is named by a hash of what it is made from: the HTML for a rendered part,
the file's bytes for an uploaded one. A part with the same content is never built
twice, so a rebuild after one paper changes renders only that paper and the agenda.

Writes are whole or not at all, so two workers building packs at once never leave half a
part: on disk a part is written beside its name and renamed; in a bucket each PUT is whole
and the storage writes over a name rather than renaming it. Both write the same bytes for
one name, and a part already stored is not written again. A part that goes missing (the
cache emptied under a build) is rebuilt: PartMissing makes the build plan again.
"""

import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.template.defaultfilters import linebreaks
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from meetings.models import Document, Meeting
from meetings.sanitise import clean_html

from . import rendering

# Raise this when the way parts are rendered changes, so cached parts are rebuilt.
PARTS_FORMAT = "1"
PARTS_FOLDER = "pack-parts"
# A part read back from a bucket to be merged stays in memory up to this size.
SPOOL_BYTES = 8 * 1024 * 1024


class PackBuildError(Exception):
    """A build that cannot finish, with a reason an officer can act on."""


class PartMissing(PackBuildError):
    """A cached part went missing between being planned and being merged."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(
            "A part of the pack went missing from the store while the pack was being built. "
            "Press Retry; if it fails again, contact the portal's support team."
        )


def part_storage() -> Storage:
    return storages["pack_parts"]


def local_path(storage: Storage, name: str) -> Path | None:
    """The file's path on this machine, or None for a storage without one (a bucket)."""
    try:
        return Path(storage.path(name))
    except NotImplementedError:
        return None


@dataclass(frozen=True)
class StoredPart:
    """
    A part in a storage without local paths (a bucket), answering as much of Path as the
    builder uses: name, stem, with_suffix, exists, open, read_bytes.
    """

    key: str  # the name in the storage: pack-parts/<sha256>.pdf

    @property
    def name(self) -> str:
        return PurePosixPath(self.key).name

    @property
    def stem(self) -> str:
        return PurePosixPath(self.key).stem

    def with_suffix(self, suffix: str) -> "StoredPart":
        return StoredPart(str(PurePosixPath(self.key).with_suffix(suffix)))

    def exists(self) -> bool:
        return part_storage().exists(self.key)

    def open(self, mode: str = "rb"):
        """FileNotFoundError if the part is not there."""
        return part_storage().open(self.key, mode)

    def read_bytes(self) -> bytes:
        with self.open("rb") as stored:
            return stored.read()

    def read_text(self) -> str:
        return self.read_bytes().decode()

    def write_bytes(self, data: bytes) -> None:
        """One whole PUT under this very name."""
        storage = part_storage()
        saved = storage.save(self.key, ContentFile(data))
        if saved != self.key:
            storage.delete(saved)
            raise ImproperlyConfigured(
                'STORAGES["pack_parts"] must write over a name (file_overwrite), not rename it.'
            )


PartPath = Path | StoredPart


def parts_dir() -> Path:
    """The part cache's folder, when it is on this machine's disk."""
    path = local_path(part_storage(), PARTS_FOLDER)
    if path is None:
        raise NotImplementedError("The part cache is not on this machine's disk.")
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


def write_part(path: PartPath, data: bytes) -> None:
    """Write a whole cached file (a part or its page count), never half of one."""
    if isinstance(path, StoredPart):
        path.write_bytes(data)
    else:
        write_atomically(path, data)


def write_part_once(path: PartPath, data: bytes) -> None:
    """A part's name says what it holds: one already stored is left as it is."""
    if not path.exists():
        write_part(path, data)


def store_file(storage: Storage, name: str, data: bytes) -> str:
    """
    Keep a built file (a pack version) under `name`; returns the name it was kept under.
    On disk it is written beside and renamed over `name`, so a reader never sees half of
    it; a bucket takes it in one whole PUT (under another name if `name` is taken).
    """
    path = local_path(storage, name)
    if path is not None:
        write_atomically(path, data)
        return name
    return storage.save(name, ContentFile(data))


def readable(path: PartPath):
    """
    What pikepdf.open takes for a part: its path when on disk (opened in place), otherwise
    its bytes read into a temporary file. FileNotFoundError if it is not there.
    """
    if not isinstance(path, StoredPart):
        return path
    copy = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (the caller closes it)
    try:
        with path.open("rb") as stored:
            for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                copy.write(chunk)
    except BaseException:
        copy.close()
        raise
    copy.seek(0)
    return copy


def count_pages(path: PartPath) -> int:
    if isinstance(path, StoredPart):
        return len(PdfReader(io.BytesIO(path.read_bytes())).pages)
    return len(PdfReader(path).pages)


def part_path(content_hash: str) -> PartPath:
    """Where the part is, or will be, cached: a path on disk, or a name in a bucket."""
    name = f"{PARTS_FOLDER}/{content_hash}.pdf"
    path = local_path(part_storage(), name)
    if path is None:
        return StoredPart(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def part_pages(path: PartPath) -> int:
    """A cached part's page count, kept beside it so a rebuild need not parse the part."""
    count_path = path.with_suffix(".pages")
    try:
        return int(count_path.read_text())
    except (OSError, ValueError):
        pages = count_pages(path)
        write_part(count_path, str(pages).encode())
        return pages


def store_part(path: PartPath, data: bytes, pages: int) -> None:
    write_part_once(path, data)
    write_part_once(path.with_suffix(".pages"), str(pages).encode())


def cached_part(content_hash: str, make: Callable[[], bytes]) -> tuple[PartPath, int]:
    """The part's PDF and page count, made only if the cache does not hold it."""
    path = part_path(content_hash)
    if not path.exists():
        write_part(path, make())
    return path, part_pages(path)


class PartRenderer:
    """
    The HTML parts one build needs. A part already in the cache is used as it is; the others
    wait for `render_waiting`, which renders them together, in parallel (rendering.py).
    """

    def __init__(self):
        self.waiting: dict[str, str] = {}  # content hash -> HTML

    def add(self, html: str) -> tuple[PartPath, str]:
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


def html_part(html: str) -> tuple[PartPath, int, str]:
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


def uploaded_part(document: Document) -> tuple[PartPath, int, str]:
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
