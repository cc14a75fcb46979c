"""
Build an agenda pack: render or fetch every part, lay the pages out, merge and stamp.

Parts are cached under MEDIA_ROOT/pack-parts/<sha256>.pdf, named by a hash of
what they are made from: the HTML for a rendered part, the file's bytes for an
uploaded one. A part with the same content is never built twice, so a rebuild
after one paper changes renders only that paper and the agenda.
"""

import datetime
import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import linebreaks
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject
from weasyprint import HTML

from committees.formatting import council_time, long_date, meeting_datetime
from committees.models import Membership
from meetings import paper_sources
from meetings.models import AgendaItem, Document, Meeting
from meetings.sanitise import clean_html

from .front_sheet import letter_membership, members_paragraph, notice_membership
from .front_sheet_text import council_text, front_sheet_html, placeholder_values
from .pagination import Layout, Part, pages_label, paginate, range_text
from .stamps import Stamper, blank_page_text, item_stamp, page_stamp, withheld_page_texts

# Raise this when the way parts are rendered changes, so cached parts are rebuilt.
PARTS_FORMAT = "1"
FRONT_KEY = "front"
PLACEHOLDER_RANGE = (888, 888)


class PackBuildError(Exception):
    """A build that cannot finish, with a reason an officer can act on."""


@dataclass
class PaperPart:
    key: str
    title: str
    row: str
    source: str  # "file", "body", "generated" or "text"
    content_hash: str
    path: Path
    pages: int
    item: AgendaItem | None = None
    document: Document | None = None
    restricted: bool = False
    withheld_note: str = ""
    prints: tuple[str, ...] = ()  # for a generated paper: what it printed in full


@dataclass
class AgendaRow:
    key: str
    label: str
    title: str
    item: AgendaItem | None = None
    papers: list[PaperPart] = field(default_factory=list)
    sub_rows: list["AgendaRow"] = field(default_factory=list)


@dataclass
class Plan:
    """Everything a pack is built from; the same plan makes the public and confidential packs."""

    meeting: Meeting
    annex_rows: list[AgendaRow]
    item_rows: list[AgendaRow]
    front_path: Path
    front_pages: int
    layout: Layout
    warnings: list[str]
    title: str
    page_label: str = "Page {number}"

    @property
    def rows(self) -> list[AgendaRow]:
        return self.annex_rows + self.item_rows

    @property
    def papers(self) -> list[PaperPart]:
        return [paper for row in self.rows for paper in row_papers(row)]

    def inputs_sha256(self) -> str:
        digest = hashlib.sha256(PARTS_FORMAT.encode())
        digest.update(self.front_path.stem.encode())
        for paper in self.papers:
            digest.update(f"{paper.key}:{paper.content_hash}:{paper.restricted}".encode())
        return digest.hexdigest()


Progress = Callable[[str, int], None]


def row_papers(row: AgendaRow) -> list[PaperPart]:
    return row.papers + [paper for sub_row in row.sub_rows for paper in sub_row.papers]


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


def cached_part(content_hash: str, make: Callable[[], bytes]) -> tuple[Path, int]:
    """The part's PDF, and its page count kept beside it so a rebuild need not parse it."""
    path = parts_dir() / f"{content_hash}.pdf"
    count_path = path.with_suffix(".pages")
    if not path.exists():
        write_atomically(path, make())
    try:
        return path, int(count_path.read_text())
    except (OSError, ValueError):
        pages = count_pages(path)
        write_atomically(count_path, str(pages).encode())
        return path, pages


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_tags=True)


def html_part(html: str) -> tuple[Path, int, str]:
    content_hash = sha256(f"html:{PARTS_FORMAT}:{html}".encode())
    path, pages = cached_part(content_hash, lambda: html_to_pdf(html))
    return path, pages, content_hash


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


def document_part(document: Document, warnings: list[str]) -> PaperPart | None:
    row = f"item:{top_item(document.agenda_item).pk}" if document.agenda_item_id else ""
    prints: tuple[str, ...] = ()
    if document.has_uploaded_file:
        path, pages, content_hash = uploaded_part(document)
        source = "file"
    elif document.body:
        html = paper_html(document.title, document.body, document.meeting)
        path, pages, content_hash = html_part(html)
        source = "body"
    else:
        html = paper_sources.render_html(document)
        if html is None:
            warnings.append(
                f"Left out {paper_name(document)}: it has no file, no text and nothing "
                "generates it."
            )
            return None
        path, pages, content_hash = html_part(html)
        source = "generated"
        prints = tuple(paper_sources.printed_keys(document))
    item = document.agenda_item
    paragraph = item.effective_exempt_paragraph if item else None
    note = f"Local Government Act 1972, Schedule 12A, paragraph {paragraph}" if paragraph else ""
    return PaperPart(
        key=f"doc:{document.pk}",
        title=document.title,
        row=row or f"annex:doc:{document.pk}",
        source=source,
        content_hash=content_hash,
        path=path,
        pages=pages,
        item=item,
        document=document,
        restricted=document.is_exempt_information,
        withheld_note=note,
        prints=prints,
    )


def top_item(item: AgendaItem) -> AgendaItem:
    return item.parent if item.parent_id else item


def text_annex(key: str, label: str, title: str, text: str, meeting: Meeting) -> AgendaRow:
    path, pages, content_hash = html_part(paper_html(title, text_html(text), meeting))
    paper = PaperPart(key, title, key, "text", content_hash, path, pages)
    return AgendaRow(key=key, label="", title=label, papers=[paper])


def standard_annexes(meeting: Meeting) -> list[AgendaRow]:
    rows = []
    if meeting.council.guidance_notes:
        rows.append(
            text_annex(
                "annex:guidance",
                "Public Guidance Notes contained in Agenda Annexe",
                "Guidance notes for the meeting",
                council_text(meeting, meeting.council.guidance_notes),
                meeting,
            )
        )
    if meeting.committee.information_text:
        rows.append(
            text_annex(
                "annex:information",
                "Information on the Committee",
                "Information about the Committee",
                meeting.committee.information_text,
                meeting,
            )
        )
    if meeting.online_joining_details:
        rows.append(
            text_annex(
                "annex:joining",
                "Click here to join the online meeting",
                "Joining the meeting online",
                meeting.online_joining_details,
                meeting,
            )
        )
    return rows


def collect_rows(meeting: Meeting, warnings: list[str], progress: Progress) -> tuple[list, list]:
    items = list(
        AgendaItem.objects.filter(meeting=meeting).select_related("parent").order_by("position")
    )
    documents = list(
        Document.objects.filter(meeting=meeting)
        .current()
        .select_related("agenda_item__parent", "meeting")
        .order_by("position", "pk")
    )
    by_item: dict[int | None, list[Document]] = {}
    for document in documents:
        by_item.setdefault(document.agenda_item_id, []).append(document)

    # An annex uploaded for the meeting replaces the one generated from the same standard text.
    uploaded_annexes = {document.title for document in by_item.get(None, [])}
    annex_rows = [row for row in standard_annexes(meeting) if row.title not in uploaded_annexes]
    total = max(len(documents), 1)
    done = 0

    def parts_for(item_id):
        nonlocal done
        parts = []
        for document in by_item.get(item_id, []):
            part = document_part(document, warnings)
            done += 1
            progress("Preparing papers", 5 + 55 * done // total)
            if part:
                parts.append(part)
        return parts

    for paper in parts_for(None):
        annex_rows.append(
            AgendaRow(key=paper.row, label="", title=printed_title(paper), papers=[paper])
        )

    rows_by_pk = {
        item.pk: AgendaRow(key=f"item:{item.pk}", label=item.label, title=item.title, item=item)
        for item in items
    }
    item_rows = []
    for item in items:
        row = rows_by_pk[item.pk]
        if item.parent_id:
            rows_by_pk[item.parent_id].sub_rows.append(row)
        else:
            item_rows.append(row)
    for item in items:
        rows_by_pk[item.pk].papers = parts_for(item.pk)
    return annex_rows, item_rows


def front_sheet_context(meeting: Meeting, annex_rows, item_rows, layout: Layout | None) -> dict:
    def row_range(row):
        if layout is None:
            return PLACEHOLDER_RANGE if row_papers(row) else None
        return layout.rows.get(row.key)

    council = meeting.council
    committee = meeting.committee
    memberships = list(
        Membership.objects.filter(committee=committee)
        .current(meeting.date)
        .in_print_order()
        .select_related("committee__council")
    )
    entries = []
    for row in item_rows:
        item = row.item
        entries.append(
            {
                "item": item,
                "label": row.label,
                "pages": pages_label(row_range(row), to_follow=item.is_to_follow),
                "sub_entries": [
                    {"item": sub_row.item, "label": sub_row.label} for sub_row in row.sub_rows
                ],
            }
        )
    # The council's texts and the sheet's own fields are filled from the same values.
    values = placeholder_values(meeting)
    return {
        "meeting": meeting,
        "council": council,
        "committee": committee,
        "when": meeting_datetime(meeting.date, meeting.start_time),
        "running_header": (
            f"{committee.name} - {council_time(meeting.start_time)} {long_date(meeting.date)}"
        ),
        "letter_when": f"{long_date(meeting.date)}, {council_time(meeting.start_time)}",
        "issue_date": values["issue_date"],
        "issued_by": values["issued_by"],
        "question_deadline": values["question_deadline"],
        "contact_email": values["contact_email"],
        "contact_phone": values["contact_phone"],
        "contact_name": values["contact_name"],
        "members_in_paragraph": council.members_layout == council.MembersLayout.PARAGRAPH,
        "members_paragraph": members_paragraph(memberships, council.name_style),
        "notice": notice_membership(memberships, council.name_style),
        "letter": letter_membership(memberships, council.name_style),
        "front_sheet_html": front_sheet_html(meeting, values),
        "annexes": [
            {"title": row.title, "pages": range_text(row_range(row)), "key": row.key}
            for row in annex_rows
        ],
        "entries": entries,
        "exempt_items_html": text_html(council.exempt_items_text),
        "filming_html": text_html(council.filming_text),
        "evacuation_html": text_html(council.evacuation_text),
    }


def render_front(meeting: Meeting, annex_rows, item_rows, layout: Layout | None):
    template = (
        "packs/front_letter.html"
        if meeting.council.front_sheet_style == meeting.council.FrontSheetStyle.COVERING_LETTER
        else "packs/front_notice.html"
    )
    html = render_to_string(template, front_sheet_context(meeting, annex_rows, item_rows, layout))
    return html_part(html)


def layout_for(front_pages: int, annex_rows, item_rows) -> Layout:
    parts = [Part(FRONT_KEY, front_pages)]
    for row in annex_rows + item_rows:
        parts.extend(Part(paper.key, paper.pages, row=row.key) for paper in row_papers(row))
    return paginate(parts)


def plan_pack(meeting: Meeting, progress: Progress = lambda stage, percent: None) -> Plan:
    """Prepare every part; render the agenda twice, because its length can move the ranges."""
    warnings: list[str] = []
    progress("Preparing papers", 5)
    annex_rows, item_rows = collect_rows(meeting, warnings, progress)
    progress("Laying out the agenda", 62)
    _, first_pages, _ = render_front(meeting, annex_rows, item_rows, None)
    layout = layout_for(first_pages, annex_rows, item_rows)
    for _attempt in range(3):
        front_path, front_pages, _ = render_front(meeting, annex_rows, item_rows, layout)
        if front_pages == layout.placement(FRONT_KEY).pages:
            break
        layout = layout_for(front_pages, annex_rows, item_rows)
    else:
        raise PackBuildError("The agenda's length would not settle; check its text.")
    title = f"{meeting.committee.name}, {long_date(meeting.date)}: agenda pack"
    return Plan(meeting, annex_rows, item_rows, front_path, front_pages, layout, warnings, title)


def published_paper_keys(version) -> set[str]:
    return {
        paper["key"] for row in (version.summary or {}).get("rows", []) for paper in row["papers"]
    }


def plan_supplement(meeting: Meeting, main_pack, version, progress: Progress) -> Plan:
    """Only the papers published since the main pack and earlier supplements, numbered apart."""
    if main_pack is None:
        raise PackBuildError("There is no published agenda pack for this supplement to add to.")
    already = published_paper_keys(main_pack)
    for earlier in main_pack.supplements.filter(status="ready").exclude(pk=version.pk):
        already |= published_paper_keys(earlier)
    warnings: list[str] = []
    _, item_rows = collect_rows(meeting, warnings, progress)
    new_rows = []
    for row in item_rows:
        row.papers = [paper for paper in row.papers if paper.key not in already]
        for sub_row in row.sub_rows:
            sub_row.papers = [paper for paper in sub_row.papers if paper.key not in already]
        if row_papers(row):
            new_rows.append(row)
    if not new_rows:
        raise PackBuildError(
            "There are no new papers to publish in a supplement. Add the late papers first."
        )
    label = f"Supplement {version.supplement_number}"

    def render(layout):
        entries = [
            {
                "label": row.label,
                "title": row.title,
                "pages": f"({label}, pages {range_text(layout.rows[row.key])})" if layout else "",
                "papers": [printed_title(paper) for paper in row_papers(row)],
            }
            for row in new_rows
        ]
        html = render_to_string(
            "packs/front_supplement.html",
            {
                "meeting": meeting,
                "committee": meeting.committee,
                "when": meeting_datetime(meeting.date, meeting.start_time),
                "label": label,
                "entries": entries,
            },
        )
        return html_part(html)

    progress("Laying out the supplement", 62)
    _, first_pages, _ = render(None)
    layout = layout_for(first_pages, [], new_rows)
    front_path, front_pages, _ = render(layout)
    if front_pages != first_pages:
        layout = layout_for(front_pages, [], new_rows)
        front_path, front_pages, _ = render(layout)
    title = f"{meeting.committee.name}, {long_date(meeting.date)}: {label.lower()}"
    return Plan(
        meeting,
        [],
        new_rows,
        front_path,
        front_pages,
        layout,
        warnings,
        title,
        page_label=f"{label}, page {{number}}",
    )


def pdf_date(moment: datetime.datetime) -> str:
    moment = moment.astimezone(datetime.UTC)
    return f"D:{moment:%Y%m%d%H%M%S}Z"


@dataclass
class BuiltPack:
    data: bytes
    page_count: int
    summary: dict
    inputs_sha256: str


def build_pdf(
    plan: Plan,
    confidential: bool,
    published_at: datetime.datetime,
    progress: Progress = lambda stage, percent: None,
) -> BuiltPack:
    """Merge the parts in order, pad, stamp every page and add the outline."""
    progress("Merging papers", 70)
    writer = PdfWriter(clone_from=plan.front_path)
    stamper = Stamper(writer)
    outline_targets: list[tuple[AgendaRow, list[tuple[PaperPart, int]]]] = []
    page_stamps: dict[int, list] = {}
    if plan.layout.placement(FRONT_KEY).blank_page:
        add_blank_page(writer, page_stamps)
    for row in plan.rows:
        placed = []
        for position, paper in enumerate(row_papers(row)):
            placement = plan.layout.placement(paper.key)
            first_index = len(writer.pages)
            assert first_index + 1 == placement.first_page
            if paper.restricted and not confidential:
                add_withheld_pages(writer, stamper, paper, page_stamps)
            else:
                writer.append(str(paper.path), import_outline=False, excluded_fields=["/B"])
            if position == 0 and row.item is not None:
                page_stamps.setdefault(first_index, []).append(item_stamp(row.item.number))
            if placement.blank_page:
                add_blank_page(writer, page_stamps)
            placed.append((paper, first_index))
        outline_targets.append((row, placed))

    progress("Numbering pages", 85)
    for index, page in enumerate(writer.pages):
        label = plan.page_label.format(number=index + 1)
        stamper.stamp(page, [*page_stamps.get(index, []), page_stamp(label)])

    add_outline(writer, plan, outline_targets, confidential)
    finish_document(writer, plan, confidential, published_at)
    progress("Writing the file", 95)
    # Parts often carry the same fonts and images; keep one copy of each.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    output = io.BytesIO()
    writer.write(output)
    return BuiltPack(
        data=output.getvalue(),
        page_count=len(writer.pages),
        summary=pack_summary(plan, confidential),
        inputs_sha256=plan.inputs_sha256(),
    )


A4 = (595.28, 841.89)


def add_blank_page(writer: PdfWriter, page_stamps: dict) -> None:
    page_stamps.setdefault(len(writer.pages), []).append(blank_page_text())
    writer.add_blank_page(*A4)


def add_withheld_pages(writer: PdfWriter, stamper, paper: PaperPart, page_stamps: dict) -> None:
    """The public pack keeps an exempt paper's pages, empty, so later page numbers agree."""
    for _ in range(paper.pages):
        page_stamps.setdefault(len(writer.pages), []).extend(
            withheld_page_texts(paper.withheld_note)
        )
        writer.add_blank_page(*A4)


EXEMPT_PAPER_TITLE = "Exempt paper (not for publication)"


def printed_title(paper: PaperPart) -> str:
    """
    A paper's title where both packs print the same page (front sheet, supplement sheet):
    an exempt paper's title is in neither, so the public pack holds no exempt title.
    """
    return EXEMPT_PAPER_TITLE if paper.restricted else paper.title


def paper_outline_title(paper: PaperPart, confidential: bool) -> str:
    return paper.title if confidential else printed_title(paper)


def add_outline(writer: PdfWriter, plan: Plan, outline_targets, confidential: bool) -> None:
    # The front sheet's own outline, from its headings, gives way to the pack's.
    writer._root_object.pop(NameObject("/Outlines"), None)
    writer.add_outline_item(title="Front sheet and agenda", page_number=0)
    for row, placed in outline_targets:
        if not placed:
            continue
        heading = f"Item {row.label}: {row.title}" if row.item else row.title
        parent = writer.add_outline_item(title=heading, page_number=placed[0][1])
        for paper, index in placed:
            writer.add_outline_item(
                title=paper_outline_title(paper, confidential), page_number=index, parent=parent
            )


def finish_document(writer: PdfWriter, plan: Plan, confidential: bool, published_at) -> None:
    title = plan.title + (" (confidential)" if confidential else "")
    date = pdf_date(published_at)
    writer.add_metadata(
        {
            "/Title": title,
            "/Author": plan.meeting.council.name,
            "/Creator": "Council scrutiny portal",
            "/Producer": "Council scrutiny portal",
            "/CreationDate": date,
            "/ModDate": date,
        }
    )
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject("en-GB")
    preferences = writer.create_viewer_preferences()
    preferences.display_doctitle = True
    writer.page_mode = "/UseOutlines"
    identifier = ByteStringObject(
        hashlib.sha256(f"{plan.inputs_sha256()}:{confidential}:{date}".encode()).digest()[:16]
    )
    writer._ID = ArrayObject([identifier, identifier])


def pack_summary(plan: Plan, confidential: bool) -> dict:
    """The agenda as printed, for showing what changed between versions."""
    rows = []
    for row in plan.rows:
        pages = plan.layout.rows.get(row.key)
        rows.append(
            {
                "key": row.key,
                "label": row.label,
                "title": row.title,
                "pages": list(pages) if pages else None,
                "to_follow": bool(row.item and row.item.is_to_follow and not pages),
                "papers": [
                    {
                        "key": paper.key,
                        "title": paper_outline_title(paper, confidential),
                        "withheld": paper.restricted and not confidential,
                        "prints": [] if paper.restricted else list(paper.prints),
                        "hash": paper.content_hash,
                        "pages": [
                            plan.layout.placement(paper.key).first_page,
                            plan.layout.placement(paper.key).end_page,
                        ],
                    }
                    for paper in row_papers(row)
                ],
            }
        )
    return {"rows": rows, "page_count": plan.layout.page_count, "warnings": plan.warnings}
