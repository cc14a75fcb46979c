"""
Time the agenda pack builder on synthetic packs of two kinds and three sizes.

    .venv/bin/python bench/pack_build.py                   # every workload
    .venv/bin/python bench/pack_build.py --workload html   # one of them
    .venv/bin/python bench/pack_build.py --json            # one JSON object per workload

Workloads:
  uploaded       about 250 pages of uploaded PDFs across 12 items, plus the generated
                 parts (front sheet and agenda, guidance notes, three papers written in
                 the page): the pack a committee with officers' Word reports makes.
  html           about 300 pages of reports written in the page, with tables, across
                 30 items; the outcome tracker and the work programme generated from
                 data; 11 uploaded papers: the pack a committee that writes in the
                 portal makes.
  uploaded-1000  about 1,000 uploaded pages across 40 items.
  uploaded-3000  about 3,000 uploaded pages across 100 items.

Each workload runs in a process of its own, with a throwaway database and media folder,
and reports the full build (empty part cache), a rebuild after one paper changes, the
naive baseline timed in the same run (one WeasyPrint render of all the pack's HTML with
the uploaded PDFs appended; no cache, no stamps), the peak memory of the build (the
process and any it starts, sampled), and the sizes of the inputs and of the pack.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORKLOADS = ["uploaded", "html", "uploaded-1000", "uploaded-3000"]

PARAGRAPH = (
    "The Committee considered the report on the sufficiency of external placements and the "
    "steps taken since the last meeting, including the recruitment of foster carers, the "
    "commissioning framework and the budget position at month 12. "
) * 4


# What each workload holds. Uploaded: pages of each paper, item by item.
def uploaded_sizes(workload: str) -> list[list[int]]:
    if workload == "uploaded":
        return [
            [12, 9],
            [31],
            [5, 3, 1],
            [22, 21],
            [17],
            [40],
            [8, 7],
            [19],
            [11, 4],
            [27],
            [6],
            [7],
        ]
    if workload == "html":
        return [[4], [3, 2], [5], [], [], [6], [], [4, 3], [], [], [5], [], [], [3]]
    items = {"uploaded-1000": 40, "uploaded-3000": 100}[workload]
    pattern = [[12, 9], [31], [5, 3, 1], [22, 21], [17], [40], [8, 7], [19], [11, 4], [27]]
    sizes = [pattern[n % len(pattern)] for n in range(items)]
    target = int(workload.split("-")[1])
    scale = target / sum(map(sum, sizes))
    return [[max(1, round(pages * scale)) for pages in paper] for paper in sizes]


WRITTEN_UNITS = {"uploaded": {1: 6, 4: 5, 9: 5}, "html": dict.fromkeys(range(1, 31), 9)}


def measure(workload: str) -> dict:
    """Run one workload in this process and return its figures."""
    work_dir = Path(tempfile.mkdtemp(prefix="pack-bench-"))
    os.environ["VAR_DIR"] = str(work_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    sys.path.insert(0, str(BASE_DIR))

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    fixture = PackFixture(workload)
    meeting = fixture.make_meeting()

    import shutil

    from django.conf import settings

    from packs import builder

    published_at = datetime.datetime(2023, 4, 25, 9, tzinfo=datetime.UTC)

    def build():
        plan = builder.plan_pack(meeting)
        return plan, builder.build_pdf(plan, False, published_at)

    shutil.rmtree(Path(settings.MEDIA_ROOT) / "pack-parts", ignore_errors=True)
    with PeakMemory() as memory:
        started = time.perf_counter()
        plan, built = build()
        full_seconds = time.perf_counter() - started

    fixture.change_one_paper(meeting)
    started = time.perf_counter()
    _, rebuilt = build()
    rebuild_seconds = time.perf_counter() - started

    started = time.perf_counter()
    naive = fixture.naive_single_pass(meeting, plan)
    naive_seconds = time.perf_counter() - started

    generated_bytes = (
        sum(paper.path.stat().st_size for paper in plan.papers if paper.source != "file")
        + plan.front_path.stat().st_size
    )
    sources = {}
    for paper in plan.papers:
        sources[paper.source] = sources.get(paper.source, 0) + paper.pages
    shutil.rmtree(work_dir, ignore_errors=True)
    return {
        "workload": workload,
        "pages": built.page_count,
        "pages_by_source": {"front": plan.front_pages, **sources},
        "full_s": round(full_seconds, 2),
        "rebuild_s": round(rebuild_seconds, 2),
        "rebuild_pages": rebuilt.page_count,
        "naive_s": round(naive_seconds, 2),
        "naive_over_rebuild": round(naive_seconds / rebuild_seconds, 1),
        "full_over_naive": round(full_seconds / naive_seconds, 2),
        "peak_rss_mib": round(memory.peak / 2**20),
        "input_bytes": fixture.uploaded_bytes + generated_bytes,
        "output_bytes": len(built.data),
        "naive_output_bytes": len(naive),
    }


class PackFixture:
    """A committee, a published meeting and its papers, for one workload."""

    def __init__(self, workload: str):
        self.workload = workload
        self.uploaded = uploaded_sizes(workload)
        self.written = WRITTEN_UNITS.get(workload, {})
        self.uploaded_bytes = 0
        self._base_pages = None

    def make_meeting(self):
        from committees.models import Committee, Council
        from meetings.models import AgendaItem, Document, Meeting

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
        items = max(len(self.uploaded), max(self.written, default=0))
        for number in range(1, items + 1):
            item = AgendaItem.objects.create(
                meeting=meeting,
                position=number,
                title=f"Report {number} on services for children and families",
                description="<p>To consider the report.</p>",
            )
            sizes = self.uploaded[number - 1] if number <= len(self.uploaded) else []
            for index, pages in enumerate(sizes, start=1):
                data = self.uploaded_pdf(f"Item {number} paper {index}", pages)
                self.uploaded_bytes += len(data)
                document = Document(meeting=meeting, agenda_item=item, title=f"Paper {index}")
                document.store_file(f"paper-{number}-{index}.pdf", data)
                document.page_count = pages
                document.save()
            if number in self.written:
                Document.objects.create(
                    meeting=meeting,
                    agenda_item=item,
                    title=f"Report for item {number}",
                    body=written_report(number, self.written[number]),
                    position=9,
                )
        if self.workload == "html":
            self.add_generated_papers(meeting, items)
        return meeting

    def add_generated_papers(self, meeting, items: int) -> None:
        """The outcome tracker and the work programme, generated from 60 and 40 rows."""
        from meetings.models import AgendaItem, Document
        from tests.factories import (
            WorkProgrammeFactory,
            WorkProgrammeItemFactory,
            make_entry,
        )
        from tracker.models import Tracker

        tracker = Tracker.for_committee(meeting.committee)
        for n in range(60):
            make_entry(
                tracker=tracker,
                meeting=meeting,
                item_title=f"Placement sufficiency update {n}",
                agreed_outcome=f"<p>{PARAGRAPH[:300]}</p>",
            )
        programme = WorkProgrammeFactory(committee=meeting.committee, municipal_year=2023)
        for n in range(40):
            WorkProgrammeItemFactory(programme=programme, meeting=meeting, title=f"Topic {n}")
        for position, (kind, title) in enumerate(
            [
                (Document.Kind.OUTCOME_TRACKER, "Outcome tracker"),
                (Document.Kind.WORK_PROGRAMME, "Work programme"),
            ],
            start=items + 1,
        ):
            item = AgendaItem.objects.create(meeting=meeting, position=position, title=title)
            Document.objects.create(meeting=meeting, agenda_item=item, title=title, kind=kind)

    def base_pdf(self):
        """Forty pages of text made once by WeasyPrint; uploaded papers are cut from it."""
        if self._base_pages is None:
            from weasyprint import HTML

            body = "".join(
                f"<section style='page-break-after: always'><h2>Page {n + 1}</h2>"
                + "".join(f"<p>{PARAGRAPH}</p>" for _ in range(3))
                + "</section>"
                for n in range(40)
            )
            self._base_pages = HTML(string=body).write_pdf()
        return self._base_pages

    def uploaded_pdf(self, title: str, pages: int) -> bytes:
        """`pages` pages of the base PDF with the paper's title on each, so every file differs."""
        import io

        import pikepdf

        base = pikepdf.open(io.BytesIO(self.base_pdf()))
        paper = pikepdf.new()
        font = paper.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
        for n in range(pages):
            paper.pages.append(base.pages[n % len(base.pages)])
            page = paper.pages[-1]
            name = page.add_resource(font, pikepdf.Name.Font, prefix="Bench")
            text = f"BT {name} 10 Tf 60 800 Td ({title}, page {n + 1}) Tj ET".encode()
            page.contents_add(paper.make_stream(text))
        output = io.BytesIO()
        paper.save(output)
        return output.getvalue()

    def change_one_paper(self, meeting) -> None:
        from meetings.models import Document

        if self.workload == "html":
            changed = Document.objects.get(meeting=meeting, title="Report for item 7")
            changed.body = written_report(7, 9, revised=True)
            changed.save()
        else:
            changed = Document.objects.filter(meeting=meeting, agenda_item__position=7).first()
            changed.store_file("changed.pdf", self.uploaded_pdf("Item 7 revised", 9))
            changed.save()

    def naive_single_pass(self, meeting, plan) -> bytes:
        """One WeasyPrint document for everything generated, then the uploaded PDFs appended."""
        import io

        import pikepdf
        from django.template.loader import render_to_string
        from weasyprint import HTML

        from meetings import paper_sources
        from packs import builder

        context = builder.front_sheet_context(meeting, plan.annex_rows, plan.item_rows, plan.layout)
        html = render_to_string("packs/front_notice.html", context)
        for paper in plan.papers:
            if paper.source == "body":
                body = paper.document.body
            elif paper.source == "generated":
                body = paper_sources.render_html(paper.document)
            elif paper.source == "text":
                body = builder.text_html(meeting.council.guidance_notes)
            else:
                continue
            html += f"<section style='page-break-before: always'>{body}</section>"
        generated = HTML(string=html, base_url=str(BASE_DIR)).write_pdf()
        pack = pikepdf.open(io.BytesIO(generated))
        for paper in plan.papers:
            if paper.source == "file":
                with paper.document.file.open("rb") as uploaded:
                    source = pikepdf.open(io.BytesIO(uploaded.read()))
                pack.pages.extend(source.pages)
        output = io.BytesIO()
        pack.save(output)
        return output.getvalue()


def written_report(number: int, units: int, revised: bool = False) -> str:
    """A report written in the page: about a page per unit, each with a table."""
    rows = "".join(
        f"<tr><th scope='row'>Placement type {row}</th><td>{row * 37}</td><td>{row * 41}</td>"
        f"<td>£{row * 1250:,}</td><td>{'On track' if row % 3 else 'At risk'}</td></tr>"
        for row in range(1, 13)
    )
    table = (
        "<table><caption>Placements and spend at month 12</caption><thead><tr>"
        "<th scope='col'>Type</th><th scope='col'>2022/23</th><th scope='col'>2023/24</th>"
        f"<th scope='col'>Spend</th><th scope='col'>Status</th></tr></thead><tbody>{rows}"
        "</tbody></table>"
    )
    heading = "Revised report" if revised else "Report"
    return "".join(
        f"<h2>{heading} {number}, section {unit + 1}</h2><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>"
        f"{table}<p>{PARAGRAPH}</p>"
        for unit in range(units)
    )


class PeakMemory:
    """The highest resident memory of this process and its children together, sampled."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._take()

    def _sample(self):
        while not self._stop.wait(self.interval):
            self._take()

    def _take(self):
        self.peak = max(self.peak, sum(rss(pid) for pid in family(os.getpid())))


def family(pid: int) -> list[int]:
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            pids.extend(family(int(child)))
    return pids


def rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def print_figures(figures: dict) -> None:
    print(f"\n{figures['workload']}: {figures['pages']} pages {figures['pages_by_source']}")
    print(f"  full build (empty cache):  {figures['full_s']:.2f} s")
    print(f"  rebuild after one change:  {figures['rebuild_s']:.2f} s")
    print(f"  naive single pass:         {figures['naive_s']:.2f} s")
    print(f"  naive / rebuild:           {figures['naive_over_rebuild']:.1f}x")
    print(f"  full / naive:              {figures['full_over_naive']:.2f}")
    print(f"  peak memory of the build:  {figures['peak_rss_mib']} MiB")
    print(f"  inputs:                    {figures['input_bytes'] / 1024:.0f} KiB")
    print(f"  output:                    {figures['output_bytes'] / 1024:.0f} KiB")
    print(f"  naive output:              {figures['naive_output_bytes'] / 1024:.0f} KiB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", choices=WORKLOADS, action="append")
    parser.add_argument("--json", action="store_true", help="one JSON object per workload")
    parser.add_argument("--one", choices=WORKLOADS, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(measure(arguments.one)))
        return
    for workload in arguments.workload or WORKLOADS:
        run = subprocess.run(
            [sys.executable, __file__, "--one", workload],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode:
            sys.exit(f"{workload} failed:\n{run.stderr}")
        figures = json.loads(run.stdout.strip().splitlines()[-1])
        if arguments.json:
            print(json.dumps(figures), flush=True)
        else:
            print_figures(figures)


if __name__ == "__main__":
    main()
