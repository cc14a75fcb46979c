"""
A confidential pack traced to its reader.

Every page of a confidential pack that holds exempt material is served with "NOT FOR
PUBLICATION", the reader's name and the date in its left margin, so that a copy found
outside the committee says whose it was. The stored pack is never changed: each reader
gets a stamped copy, made when they download it. The public pack is never stamped.

Which pages hold exempt material. A version's summary records every paper's first and
last page (after padding), but a confidential pack prints every paper in full, so its
summary does not say which of them were exempt. The public pack's withheld pages are
made from the builder's `restricted` flag, that is `Document.is_exempt_information`
when the pack was built. So the exempt papers are those that the public version built
from the same inputs (same `inputs_sha256`, hence the same exempt flags) withheld, and
also those exempt now or since removed (stamping too much is the safe side). The
padding page after a paper ("This page is intentionally left blank") holds nothing and
is left alone.

The stamp is a one-page overlay rendered by WeasyPrint for each page size, merged with
pypdf's `merge_transformed_page`. A 296-page pack with 39 exempt pages is stamped in
0.2-0.45 s (read, merge, write), so copies are made on each download and not cached.
"""

import datetime
import io
from functools import lru_cache

from django.utils import timezone
from django.utils.html import escape
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, DictionaryObject, NameObject
from weasyprint import HTML

from committees.formatting import plain_date
from meetings.models import Document

from .models import PackVersion
from .stamps import BLANK_PAGE_TEXT

STAMP_HEADING = "NOT FOR PUBLICATION"
STAMP_COLOUR = "#b10e1e"
STAMP_FROM_EDGE = 12  # points between the page's left edge and the stamp
STAMP_END_MARGIN = 40  # points kept clear at the top and the bottom of the margin


def reader_name(user) -> str:
    """The councillor's formal name, or the user's own name, or their username."""
    person = getattr(user, "person", None)
    if person is not None:
        return person.formal_name
    return user.get_full_name() or user.get_username()


def stamp_text(user, day: datetime.date | None = None) -> str:
    day = day or timezone.localdate()
    return f"{STAMP_HEADING} – copy for {reader_name(user)}, downloaded {plain_date(day)}"


def _paper_ranges(summary: dict) -> list[tuple[str, int, int]]:
    """(paper key, first page, last page counting its padding), numbered from 1."""
    return [
        (paper["key"], paper["pages"][0], paper["pages"][1])
        for row in (summary or {}).get("rows", [])
        for paper in row.get("papers", [])
        if paper.get("pages")
    ]


def exempt_paper_keys(version: PackVersion) -> set[str]:
    """The papers of a confidential version that are exempt information (two queries)."""
    keys = {key for key, _, _ in _paper_ranges(version.summary)}
    if not keys:
        return set()
    exempt = set()
    if version.inputs_sha256:
        public_summary = (
            PackVersion.objects.ready()
            .filter(
                meeting_id=version.meeting_id,
                kind=PackVersion.Kind.PUBLIC,
                is_supplement=version.is_supplement,
                inputs_sha256=version.inputs_sha256,
            )
            .values_list("summary", flat=True)
            .first()
        )
        exempt |= {
            paper["key"]
            for row in (public_summary or {}).get("rows", [])
            for paper in row.get("papers", [])
            if paper.get("withheld")
        }
    document_ids = {int(key.removeprefix("doc:")) for key in keys if key.startswith("doc:")}
    not_exempt_now = set(
        Document.objects.filter(pk__in=document_ids).not_exempt().values_list("pk", flat=True)
    )
    exempt |= {f"doc:{pk}" for pk in document_ids - not_exempt_now}
    return exempt & keys


def _is_padding(page: PageObject) -> bool:
    lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
    return bool(lines) and lines[0] == BLANK_PAGE_TEXT and len(lines) <= 2


def exempt_page_indexes(summary: dict, exempt: set[str], reader: PdfReader) -> list[int]:
    """The pages (numbered from 0) of the pack that hold the papers `exempt` names."""
    indexes = []
    for key, first, last in _paper_ranges(summary):
        if key not in exempt:
            continue
        last = min(last, len(reader.pages))
        if last > first and _is_padding(reader.pages[last - 1]):
            last -= 1
        indexes.extend(range(first - 1, last))
    return indexes


@lru_cache(maxsize=32)
def _overlay_pdf(width: float, height: float, text: str) -> bytes:
    """One transparent page of this size with the stamp running up its left margin."""
    length = max(height - 2 * STAMP_END_MARGIN, 100)
    heading, rest = (
        (STAMP_HEADING, text.removeprefix(STAMP_HEADING))
        if text.startswith(STAMP_HEADING)
        else ("", text)
    )
    html = f"""<!DOCTYPE html><html lang="en-GB"><head><style>
      @page {{ size: {width:.2f}pt {height:.2f}pt; margin: 0 }}
      html, body {{ margin: 0; background: transparent }}
      .stamp {{
        position: absolute; left: {STAMP_FROM_EDGE}pt; top: {height - STAMP_END_MARGIN:.2f}pt;
        width: {length:.2f}pt; transform-origin: 0 0; transform: rotate(-90deg);
        font: 9pt/11pt "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
        color: {STAMP_COLOUR}; white-space: nowrap; overflow: hidden;
      }}
      strong {{ font-weight: bold; letter-spacing: 0.5pt }}
    </style></head>
    <body><div class="stamp"><strong>{escape(heading)}</strong>{escape(rest)}</div></body>
    </html>"""
    return HTML(string=html).write_pdf()


def _overlay_page(width: float, height: float, text: str) -> PageObject:
    return PdfReader(io.BytesIO(_overlay_pdf(round(width, 2), round(height, 2), text))).pages[0]


def _own_resources(page: PageObject) -> None:
    """
    Give the page its own resource dictionaries before merging into them: the pages of a
    pack share theirs, and a merge adds to what it finds, so without this every merge
    would add a renamed copy of the stamp's font to the dictionary all pages share.
    """
    resources = page.get("/Resources")
    if resources is None:
        return
    own = DictionaryObject(resources.get_object())
    for name, value in list(own.items()):
        value = value.get_object()
        if isinstance(value, DictionaryObject):
            own[NameObject(name)] = DictionaryObject(value)
        elif isinstance(value, ArrayObject):
            own[NameObject(name)] = ArrayObject(value)
    page[NameObject("/Resources")] = own


def stamp_pages(source, indexes: list[int], text: str) -> bytes:
    """A copy of the PDF `source` with `text` in the left margin of the given pages."""
    writer = PdfWriter(clone_from=source)
    overlays: dict[tuple[float, float], PageObject] = {}
    for index in indexes:
        page = writer.pages[index]
        box = page.cropbox
        size = (round(float(box.width), 2), round(float(box.height), 2))
        if size not in overlays:
            overlays[size] = _overlay_page(*size, text)
        _own_resources(page)
        page.merge_transformed_page(
            overlays[size], Transformation().translate(float(box.left), float(box.bottom))
        )
        page.compress_content_streams()  # merging leaves the page's drawing uncompressed
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def copy_for(version: PackVersion, user, day: datetime.date | None = None):
    """
    The file to send `user` for this version: a stamped copy of a confidential pack that
    holds exempt pages; otherwise the stored file itself. Opened for reading, binary.
    """
    stored = version.file.open("rb")
    exempt = exempt_paper_keys(version) if version.is_confidential else set()
    if not exempt:
        return stored
    with stored:
        reader = PdfReader(stored)
        indexes = exempt_page_indexes(version.summary, exempt, reader)
        if not indexes:
            stored.seek(0)
            return io.BytesIO(stored.read())
        return io.BytesIO(stamp_pages(reader, indexes, stamp_text(user, day)))
