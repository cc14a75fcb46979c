"""
Build an agenda pack, top to bottom:

  plan.py      the rows and papers (rows.py), each part rendered or fetched (parts.py),
               the front sheet and agenda (agenda.py), and where every page falls
               (pagination.py);
  assemble.py  the pages merged in order with padding, withheld pages and stamps
               (stamps.py), and one structure tree (structure.py);
  document.py  the outline, metadata and the file's bytes.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from .agenda import front_sheet_context, render_front
from .assemble import assemble
from .document import add_metadata, add_outline, pdf_bytes, pdf_date
from .parts import (
    PARTS_FORMAT,
    PackBuildError,
    PartMissing,
    cached_part,
    html_part,
    sha256,
    store_file,
    text_html,
    write_atomically,
)
from .plan import FRONT_KEY, Plan, pack_summary, plan_pack, plan_supplement, published_paper_keys
from .rows import EXEMPT_PAPER_TITLE, AgendaRow, PaperPart, Progress, document_part

__all__ = [
    "EXEMPT_PAPER_TITLE",
    "FRONT_KEY",
    "PARTS_FORMAT",
    "Path",
    "AgendaRow",
    "BuiltPack",
    "PackBuildError",
    "PaperPart",
    "PartMissing",
    "Plan",
    "build_pdf",
    "cached_part",
    "document_part",
    "front_sheet_context",
    "html_part",
    "pdf_date",
    "plan_pack",
    "plan_supplement",
    "published_paper_keys",
    "render_front",
    "sha256",
    "store_file",
    "text_html",
    "write_atomically",
]


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
    assembly = assemble(plan, confidential)
    try:
        progress("Numbering pages", 85)
        add_outline(assembly.pack, assembly.outline_targets, confidential)
        add_metadata(assembly.pack, plan, confidential, published_at)
        progress("Writing the file", 95)
        data = pdf_bytes(assembly.pack)
        page_count = len(assembly.pack.pages)
    finally:
        assembly.close()
    return BuiltPack(
        data=data,
        page_count=page_count,
        summary=pack_summary(plan, confidential),
        inputs_sha256=plan.inputs_sha256(),
    )
