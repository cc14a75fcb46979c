"""The rows of an agenda and the papers under each, gathered from the meeting."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from meetings import paper_sources
from meetings.models import AgendaItem, Document, Meeting
from meetings.selectors import agenda_tree

from .front_sheet_text import council_text
from .parts import PartRenderer, paper_html, paper_name, part_pages, text_html, uploaded_part

EXEMPT_PAPER_TITLE = "Exempt paper (not for publication)"

Progress = Callable[[str, int], None]


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


def row_papers(row: AgendaRow) -> list[PaperPart]:
    return row.papers + [paper for sub_row in row.sub_rows for paper in sub_row.papers]


def printed_title(paper: PaperPart) -> str:
    """
    A paper's title where both packs print the same page (front sheet, supplement sheet):
    an exempt paper's title is in neither, so the public pack holds no exempt title.
    """
    return EXEMPT_PAPER_TITLE if paper.restricted else paper.title


def top_item(item: AgendaItem) -> AgendaItem:
    return item.parent if item.parent_id else item


def document_part(
    document: Document, warnings: list[str], renderer: PartRenderer
) -> PaperPart | None:
    """
    The paper as a part of the pack. A paper made from HTML is added to the renderer, and
    has no page count until the renderer has rendered it (`collect_rows` fills it in).
    """
    row = f"item:{top_item(document.agenda_item).pk}" if document.agenda_item_id else ""
    prints: tuple[str, ...] = ()
    pages = 0
    if document.has_uploaded_file:
        path, pages, content_hash = uploaded_part(document)
        source = "file"
    elif document.body:
        html = paper_html(document.title, document.body, document.meeting)
        path, content_hash = renderer.add(html)
        source = "body"
    else:
        html = paper_sources.render_html(document)
        if html is None:
            warnings.append(
                f"Left out {paper_name(document)}: it has no file, no text and nothing "
                "generates it."
            )
            return None
        path, content_hash = renderer.add(html)
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


def text_annex(
    key: str, label: str, title: str, text: str, meeting: Meeting, renderer: PartRenderer
) -> AgendaRow:
    path, content_hash = renderer.add(paper_html(title, text_html(text), meeting))
    paper = PaperPart(key, title, key, "text", content_hash, path, 0)
    return AgendaRow(key=key, label="", title=label, papers=[paper])


def standard_annexes(meeting: Meeting, renderer: PartRenderer) -> list[AgendaRow]:
    rows = []
    if meeting.council.guidance_notes:
        rows.append(
            text_annex(
                "annex:guidance",
                "Public Guidance Notes contained in Agenda Annexe",
                "Guidance notes for the meeting",
                council_text(meeting, meeting.council.guidance_notes),
                meeting,
                renderer,
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
                renderer,
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
                renderer,
            )
        )
    return rows


def collect_rows(meeting: Meeting, warnings: list[str], progress: Progress) -> tuple[list, list]:
    tree = agenda_tree(meeting)
    by_item = tree.papers_by_item
    documents = [paper for papers in by_item.values() for paper in papers]

    # An annex uploaded for the meeting replaces the one generated from the same standard text.
    renderer = PartRenderer()
    uploaded_annexes = {document.title for document in by_item.get(None, [])}
    annex_rows = [
        row for row in standard_annexes(meeting, renderer) if row.title not in uploaded_annexes
    ]
    total = max(len(documents), 1)
    done = 0

    def parts_for(item_id):
        nonlocal done
        parts = []
        for document in by_item.get(item_id, []):
            part = document_part(document, warnings, renderer)
            done += 1
            progress("Preparing papers", 5 + 15 * done // total)
            if part:
                parts.append(part)
        return parts

    for paper in parts_for(None):
        annex_rows.append(
            AgendaRow(key=paper.row, label="", title=printed_title(paper), papers=[paper])
        )

    def row_for(item):
        row = AgendaRow(key=f"item:{item.pk}", label=item.label, title=item.title, item=item)
        row.sub_rows = [row_for(child) for child in item.children]
        return row

    item_rows = [row_for(item) for item in tree.items]
    for row in item_rows:
        for each in [row, *row.sub_rows]:
            each.papers = parts_for(each.item.pk)

    renderer.render_waiting(
        lambda rendered, waiting: progress("Rendering papers", 20 + 40 * rendered // waiting)
    )
    for row in annex_rows + item_rows:
        for paper in row_papers(row):
            if paper.source != "file":
                paper.pages = part_pages(paper.path)
    return annex_rows, item_rows
