"""
Reading the seed agenda packs (text extractions of real published PDFs) for the demo.

The extractions mix Markdown (headings, bold, links, lists), tab-separated table rows
and HTML fragments. `blocks_from_lines` turns a range of lines into HTML blocks, which
the demo loader uses for descriptions and standard texts, and `render_paper` lays out
as a PDF of a chosen length.
"""

import html
import logging
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

SOMERSET_PACK = "somerset-scrutiny-children-families-2023-05-04-pack.txt"
NORTH_SOMERSET_PACK = "north-somerset-cyps-panel-2023-06-29-pack.txt"

BLANK_PAGE = "This page is intentionally left blank"

_file_cache: dict[Path, list[str]] = {}


def seeds_dir() -> Path:
    configured = getattr(settings, "DEMO_SEEDS_DIR", "") or os.environ.get("DEMO_SEEDS_DIR", "")
    return Path(configured) if configured else Path(settings.BASE_DIR).parent / "shared" / "seeds"


def seed_lines(filename: str, first: int, last: int) -> list[str]:
    """Lines `first` to `last` of a seed file, both included and counted from 1."""
    path = seeds_dir() / filename
    if path not in _file_cache:
        if not path.is_file():
            raise CommandError(
                f"The demo seed {path} is missing. Put the seed packs there, or point "
                "DEMO_SEEDS_DIR (setting or environment variable) at their folder."
            )
        _file_cache[path] = path.read_text(encoding="utf-8").splitlines()
    return _file_cache[path][first - 1 : last]


def seed_line(filename: str, number: int) -> str:
    return seed_lines(filename, number, number)[0].strip()


# Tags that the extraction left in the text and that survive into our HTML.
_KEPT_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|sup|sub|p|br|a|ul|ol|li)(?:\s[^<>]*)?/?>", re.IGNORECASE
)
_CHECKBOX = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\(([^)\s]*)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_ESCAPED = re.compile(r"\\([()\[\]*_#.\-])")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LIST_ITEM = re.compile(r"^\s*[-•]\s+(.*)$")
_PAGE_FOOTER = re.compile(r"^Page \d+$")


def _escape(text: str) -> str:
    """Escape text but keep the few inline tags the extraction carries."""
    text = _CHECKBOX.sub(lambda m: "☒" if "checked" in m.group(0) else "☐", text)
    parts = []
    position = 0
    for match in _KEPT_TAG.finditer(text):
        parts.append(html.escape(html.unescape(text[position : match.start()]), quote=False))
        parts.append(match.group(0))
        position = match.end()
    parts.append(html.escape(html.unescape(text[position:]), quote=False))
    return "".join(parts)


def inline_html(text: str) -> str:
    """One line of seed text as inline HTML: bold, italics and links kept."""
    text = _escape(text.rstrip())
    text = _LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    text = _ITALIC.sub(r"<em>\1</em>", text)
    return _ESCAPED.sub(r"\1", text)


@dataclass
class Block:
    html: str
    weight: int
    is_row: bool = False


def blocks_from_lines(lines: list[str], heading_offset: int = 0) -> list[Block]:
    """Seed lines as HTML blocks: headings, paragraphs, list items, table rows."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    rows: list[str] = []
    items: list[str] = []

    def flush_text():
        if paragraph:
            text = "<br>".join(inline_html(line) for line in paragraph)
            blocks.append(Block(f"<p>{text}</p>", 90 + len(text)))
            paragraph.clear()
        if items:
            body = "".join(f"<li>{item}</li>" for item in items)
            blocks.append(Block(f"<ul>{body}</ul>", 60 * len(items) + len(body)))
            items.clear()

    def flush_rows():
        # Every row is its own block, so a long table can run over several pages.
        for row in rows:
            blocks.append(Block(row, 120 + len(row), is_row=True))
        rows.clear()

    def flush():
        flush_text()
        flush_rows()

    for raw in lines:
        line = raw.rstrip("\n")
        stripped = line.strip()
        if not stripped or stripped == "---":
            flush()
            continue
        if stripped == BLANK_PAGE or _PAGE_FOOTER.match(stripped):
            flush()
            continue
        if "\t" in line:
            flush_text()
            cells = "".join(f"<td>{inline_html(cell)}</td>" for cell in line.split("\t"))
            rows.append(f"<tr>{cells}</tr>")
            continue
        flush_rows()
        heading = _HEADING.match(stripped)
        if heading:
            flush_text()
            level = min(len(heading.group(1)) + heading_offset, 6)
            text = inline_html(heading.group(2)).replace("<strong>", "").replace("</strong>", "")
            blocks.append(Block(f"<h{level}>{text}</h{level}>", 200 + len(text)))
            continue
        item = _LIST_ITEM.match(line)
        if item:
            if paragraph:
                flush_text()
            items.append(inline_html(item.group(1)))
            continue
        if items:
            flush_text()
        paragraph.append(line.rstrip())
    flush()
    return blocks


def join_blocks(blocks: list[Block]) -> str:
    """The blocks' HTML, with runs of table rows gathered into tables."""
    parts = []
    for index, block in enumerate(blocks):
        if block.is_row and (index == 0 or not blocks[index - 1].is_row):
            parts.append("<table>")
        parts.append(block.html)
        if block.is_row and (index == len(blocks) - 1 or not blocks[index + 1].is_row):
            parts.append("</table>")
    return "\n".join(parts)


def html_from_lines(lines: list[str], heading_offset: int = 0) -> str:
    return join_blocks(blocks_from_lines(lines, heading_offset))


PAPER_CSS = """
@page {{
  size: A4;
  margin: {margin}mm 20mm {margin}mm 20mm;
  @top-left {{ content: "{council}"; font: bold 9pt "DejaVu Sans", sans-serif; color: #333; }}
  @top-right {{ content: "{title}"; font: 8pt "DejaVu Sans", sans-serif; color: #555; }}
}}
body {{ font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: {size}pt;
       line-height: 1.35; color: #0b0c0c; }}
h1 {{ font-size: 1.6em; }} h2 {{ font-size: 1.35em; }} h3 {{ font-size: 1.15em; }}
h4, h5, h6 {{ font-size: 1em; }}
h1, h2, h3, h4, h5, h6 {{ margin: 0.8em 0 0.4em; page-break-after: avoid; }}
p {{ margin: 0 0 0.6em; }}
ul {{ margin: 0 0 0.6em; padding-left: 1.4em; }}
table {{ width: 100%; border-collapse: collapse; margin: 0 0 0.8em; font-size: 0.85em; }}
td {{ border: 0.5pt solid #888; padding: 2pt 4pt; vertical-align: top; }}
td p {{ margin: 0 0 0.3em; }}
.page {{ page-break-before: always; }}
.page:first-child {{ page-break-before: auto; }}
a {{ color: #1d70b8; }}
"""


def _group(blocks: list[Block], pages: int) -> list[list[Block]]:
    """Split the blocks into `pages` runs of about equal weight, keeping their order."""
    pages = max(1, min(pages, len(blocks)))
    total = sum(block.weight for block in blocks) or 1
    groups: list[list[Block]] = [[]]
    running = 0
    for index, block in enumerate(blocks):
        remaining_blocks = len(blocks) - index
        remaining_groups = pages - len(groups)
        starts_new = groups[-1] and (
            running >= total * len(groups) / pages or remaining_blocks <= remaining_groups
        )
        if starts_new and len(groups) < pages:
            # A heading goes over with the text it introduces.
            last = groups[-1]
            carried = [last.pop()] if len(last) > 1 and last[-1].html.startswith("<h") else []
            groups.append(carried)
        groups[-1].append(block)
        running += block.weight
    return groups


def _render(blocks, pages, council, title, size, margin):
    """Render the blocks; with `pages`, each of that many runs starts a new page."""
    css = PAPER_CSS.format(
        council=council.replace('"', "'"),
        title=title.replace('"', "'")[:90],
        size=size,
        margin=margin,
    )
    runs = _group(blocks, pages) if pages else [blocks]
    body = "".join(f'<div class="page">{join_blocks(run)}</div>' for run in runs)
    head = f"<meta charset='utf-8'><title>{html.escape(title)}</title><style>{css}</style>"
    document = f"<!doctype html><html lang='en'><head>{head}</head><body>{body}</body></html>"
    quiet = [logging.getLogger(name) for name in ("weasyprint", "weasyprint.progress", "fontTools")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.ERROR)
    try:
        from weasyprint import HTML

        content = HTML(string=document).write_pdf()
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)
    return content, count_pages(content)


def count_pages(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(content)).pages)


def render_paper(
    blocks: list[Block], *, council: str, title: str, target_pages: int
) -> tuple[bytes, int]:
    """
    A searchable PDF of the blocks, as near as it can get to `target_pages`, the length
    of the printed original. Text that runs short is spread over that many pages; text
    that runs long is set in smaller type. Returns the PDF and its real page count.
    """
    size, margin = 11.0, 22
    natural = _render(blocks, None, council, title, size, margin)
    runs = target_pages if natural[1] < target_pages else None
    best = natural
    candidate = natural if runs is None else _render(blocks, runs, council, title, size, margin)
    for attempt in range(4):
        if abs(candidate[1] - target_pages) <= abs(best[1] - target_pages):
            best = candidate
        if candidate[1] <= target_pages or attempt == 3:
            break
        size = max(7.0, round(size * (target_pages / candidate[1]) ** 0.5 - 0.2, 1))
        margin = 15
        candidate = _render(blocks, runs, council, title, size, margin)
    return best


@dataclass(frozen=True)
class PaperJob:
    blocks: list[Block]
    council: str
    title: str
    target_pages: int


def _render_job(job: PaperJob) -> tuple[bytes, int]:
    return render_paper(
        job.blocks, council=job.council, title=job.title, target_pages=job.target_pages
    )


def render_papers(jobs: list[PaperJob]) -> list[tuple[bytes, int]]:
    """Render papers on every processor core; the longest start first."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        return [_render_job(job) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda index: -jobs[index].target_pages)
    # Fresh interpreters, not forks: a forked worker would share the database connection.
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
        rendered = dict(zip(order, pool.map(_render_job, [jobs[i] for i in order]), strict=True))
    return [rendered[index] for index in range(len(jobs))]
