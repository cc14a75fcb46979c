"""
Time the agenda pack builder on a synthetic 300-page pack.

    .venv/bin/python bench/pack_build.py

About 250 pages of uploaded PDFs across 12 items, plus generated parts (front
sheet and agenda, guidance notes, papers written in the page). Prints the full
build (empty part cache), a rebuild after one paper changes, and a naive
single-pass render of the same content (one WeasyPrint document with the
uploaded PDFs appended, no cache), with ratios and the output size against the
sum of the inputs. Uses a throwaway database and media folder.
"""

import datetime
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
WORK_DIR = Path(tempfile.mkdtemp(prefix="pack-bench-"))
os.environ["VAR_DIR"] = str(WORK_DIR)
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from pypdf import PdfWriter  # noqa: E402
from weasyprint import HTML  # noqa: E402

from committees.models import Committee, Council  # noqa: E402
from meetings.models import AgendaItem, Document, Meeting  # noqa: E402
from packs import builder  # noqa: E402

# Pages of each uploaded paper, item by item: 250 pages in all.
UPLOADED = [[12, 9], [31], [5, 3, 1], [22, 21], [17], [40], [8, 7], [19], [11, 4], [27], [6], [7]]
WRITTEN_IN_PAGE = {1: 6, 4: 5, 9: 5}  # item -> about a page per unit
PARAGRAPH = (
    "The Committee considered the report on the sufficiency of external placements and the "
    "steps taken since the last meeting, including the recruitment of foster carers, the "
    "commissioning framework and the budget position at month 12. "
) * 4


def synthetic_pdf(title: str, pages: int, landscape: bool = False) -> bytes:
    size = "A4 landscape" if landscape else "A4"
    body = "".join(
        f"<section style='page-break-after: always'><h2>{title}, page {n + 1}</h2>"
        + "".join(f"<p>{PARAGRAPH}</p>" for _ in range(3))
        + "</section>"
        for n in range(pages)
    )
    return HTML(string=f"<style>@page{{size:{size}}}</style>{body}").write_pdf()


def make_meeting() -> tuple[Meeting, int]:
    council = Council.objects.create(
        name="Somerset Council",
        slug="bench",
        phone="(01823) 357628",
        email="democraticservicesteam@somerset.gov.uk",
        guidance_notes="\n\n".join([PARAGRAPH] * 8),
    )
    committee = Committee.objects.create(
        council=council, name="Scrutiny Committee - Childrens and Families", slug="bench"
    )
    meeting = Meeting.objects.create(
        committee=committee,
        date=datetime.date(2023, 5, 4),
        start_time=datetime.time(10, 0),
        venue="Luttrell Room - County Hall, Taunton TA1 4DY",
        status=Meeting.Status.PUBLISHED,
    )
    uploaded_bytes = 0
    for number, sizes in enumerate(UPLOADED, start=1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=number,
            title=f"Report {number} on services for children and families",
            description="<p>To consider the report.</p>",
        )
        for index, pages in enumerate(sizes, start=1):
            data = synthetic_pdf(f"Item {number} paper {index}", pages, landscape=number == 6)
            uploaded_bytes += len(data)
            document = Document(meeting=meeting, agenda_item=item, title=f"Paper {index}")
            document.store_file(f"paper-{number}-{index}.pdf", data)
            document.page_count = pages
            document.save()
        if number in WRITTEN_IN_PAGE:
            Document.objects.create(
                meeting=meeting,
                agenda_item=item,
                title=f"Briefing note for item {number}",
                body="".join(f"<p>{PARAGRAPH}</p>" for _ in range(WRITTEN_IN_PAGE[number] * 8)),
                position=9,
            )
    return meeting, uploaded_bytes


def build(meeting: Meeting):
    plan = builder.plan_pack(meeting)
    built = builder.build_pdf(plan, False, datetime.datetime(2023, 4, 25, 9, tzinfo=datetime.UTC))
    return plan, built


def naive_single_pass(meeting: Meeting, plan) -> bytes:
    """One WeasyPrint document for everything generated, then the uploaded PDFs appended."""
    context = builder.front_sheet_context(meeting, plan.annex_rows, plan.item_rows, plan.layout)
    html = render_to_string("packs/front_notice.html", context)
    for paper in plan.papers:
        if paper.source == "body":
            html += f"<section style='page-break-before: always'>{paper.document.body}</section>"
        elif paper.source == "text":
            notes = builder.text_html(meeting.council.guidance_notes)
            html += f"<section style='page-break-before: always'>{notes}</section>"
    generated = HTML(string=html).write_pdf()
    writer = PdfWriter(clone_from=io.BytesIO(generated))
    for paper in plan.papers:
        if paper.source == "file":
            with paper.document.file.open("rb") as uploaded:
                writer.append(io.BytesIO(uploaded.read()))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def main():
    call_command("migrate", verbosity=0)
    meeting, uploaded_bytes = make_meeting()
    parts = Path(settings.MEDIA_ROOT) / "pack-parts"

    shutil.rmtree(parts, ignore_errors=True)
    started = time.perf_counter()
    plan, built = build(meeting)
    full_seconds = time.perf_counter() - started

    generated_bytes = (
        sum(paper.path.stat().st_size for paper in plan.papers if paper.source != "file")
        + plan.front_path.stat().st_size
    )

    changed = Document.objects.filter(agenda_item__position=7).first()
    changed.store_file("changed.pdf", synthetic_pdf("Item 7 revised", 9))
    changed.save()
    started = time.perf_counter()
    _, rebuilt = build(meeting)
    rebuild_seconds = time.perf_counter() - started

    started = time.perf_counter()
    naive = naive_single_pass(meeting, plan)
    naive_seconds = time.perf_counter() - started

    inputs = uploaded_bytes + generated_bytes
    print(f"pages in the pack:          {built.page_count}")
    print(f"uploaded PDF pages:         {sum(sum(sizes) for sizes in UPLOADED)}")
    print(f"full build (empty cache):   {full_seconds:.2f} s")
    print(f"rebuild after one change:   {rebuild_seconds:.2f} s  ({rebuilt.page_count} pages)")
    print(f"naive single pass:          {naive_seconds:.2f} s")
    print(f"full / naive:               {full_seconds / naive_seconds:.2f}")
    print(f"rebuild / naive:            {rebuild_seconds / naive_seconds:.2f}")
    print(f"rebuild / full:             {rebuild_seconds / full_seconds:.2f}")
    print(f"inputs (uploaded + parts):  {inputs / 1024:.0f} KiB")
    print(f"output:                     {len(built.data) / 1024:.0f} KiB")
    print(f"output / inputs:            {len(built.data) / inputs:.1%}")
    print(f"naive output:               {len(naive) / 1024:.0f} KiB")
    shutil.rmtree(WORK_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
