"""The plan of a pack: its rows, its parts and where every page falls."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from committees.formatting import long_date
from meetings.models import Meeting

from .agenda import render_front, render_supplement_sheet
from .pagination import Layout, Part, paginate
from .parts import PARTS_FORMAT, PackBuildError
from .rows import AgendaRow, PaperPart, Progress, collect_rows, printed_title, row_papers

FRONT_KEY = "front"


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

    progress("Laying out the supplement", 62)
    _, first_pages, _ = render_supplement_sheet(meeting, label, new_rows, None)
    layout = layout_for(first_pages, [], new_rows)
    front_path, front_pages, _ = render_supplement_sheet(meeting, label, new_rows, layout)
    if front_pages != first_pages:
        layout = layout_for(front_pages, [], new_rows)
        front_path, front_pages, _ = render_supplement_sheet(meeting, label, new_rows, layout)
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


def paper_outline_title(paper: PaperPart, confidential: bool) -> str:
    return paper.title if confidential else printed_title(paper)


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
