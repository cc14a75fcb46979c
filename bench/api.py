"""
Time the open-data API's list endpoints on PostgreSQL with 2,000 meetings.

    .venv/bin/python bench/api.py [--keep] [--requests 50]

Creates its own database (DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/api_bench; trust authentication) and drops it at the end
unless --keep. Builds the same data as bench/search.py (3 councils, 12 committees, 2,000
meetings with about 12,000 agenda items, 10,000 papers, minutes with decisions, 2,000
tracker entries; its `build`), adds ten members a committee and a line of history a tracker
entry, then requests each list through
Django's test client (the whole stack: middleware, filters, pagination, ETag; throttling
off) and prints, 20 requests each, p50/p95 latency of the first page (50 rows) and of a page
of 500 (the maximum), p50 of the tenth page (following `next`) and of one committee's rows
for one year, one meeting's detail with its agenda, and the time of the nightly bulk export.
"""

import argparse
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/api_bench"
LISTS = ["councils", "committees", "people", "memberships", "meetings", "documents",
         "decisions", "tracker-entries", "minutes"]  # fmt: skip


def search_bench():
    """bench/search.py, loaded by path (its name would clash with the search app)."""
    spec = importlib.util.spec_from_file_location("search_bench", BASE_DIR / "bench/search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def timed(client, url, count: int, params=None) -> tuple[float, float, int]:
    """p50 and p95 in ms of `count` GETs, and how many rows the last one held."""
    times = []
    for _ in range(count):
        began = time.perf_counter()
        response = client.get(url, params or {})
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.content[:200])
    body = response.json()
    return (*percentiles(times), len(body["results"]) if "results" in body else 1)


def tenth_page(client, name: str) -> str | None:
    """The address of the tenth page of 50, by following `next`; None for a shorter list."""
    url = f"/api/{name}/?page_size=50"
    for _ in range(9):
        url = client.get(url).json()["next"]
        if url is None:
            return None
    return url


def add_members_and_history():
    """Ten members a committee and a line of history a tracker entry, which the search
    benchmark's data does not need."""
    from committees.models import Committee, Membership, Person
    from tracker.models import StatusChange, TrackerEntry

    for committee in Committee.objects.all():
        people = Person.objects.bulk_create(
            Person(first_name=f"Member{n}", surname=committee.slug.title(), is_councillor=True)
            for n in range(10)
        )
        Membership.objects.bulk_create(
            Membership(committee=committee, person=person, position=n)
            for n, person in enumerate(people)
        )
    StatusChange.objects.bulk_create(
        StatusChange(entry=entry, to_status_id=entry.status_id, note="Agreed at the meeting")
        for entry in TrackerEntry.objects.all()
    )


def run(args, bench):
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from api.bulk import export_everything
    from meetings.models import Document, Meeting

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    bench.build(bench.Writer(seed=2023))
    add_members_and_history()
    print(f"Built the data in {time.perf_counter() - began:.0f} s.")
    public = Document.objects.filter(published_at__isnull=False).count()
    print(
        f"{Meeting.objects.count()} meetings, {Document.objects.count()} papers, {public} public."
    )

    client = Client()
    committee = Meeting.objects.values_list("committee_id", flat=True).first()
    year = {"committee": committee, "date_from": "2019-01-01", "date_to": "2019-12-31"}
    dated = {"memberships", "meetings", "documents", "decisions", "tracker-entries", "minutes"}
    count = args.requests
    print(
        "| list | first page (50) p50 / p95 | page of 500 p50 / p95 | tenth page p50 "
        "| one committee, one year p50 |\n| --- | --- | --- | --- | --- |"
    )
    for name in LISTS:
        first = timed(client, f"/api/{name}/", count, {"page_size": 50})
        most = timed(client, f"/api/{name}/", count, {"page_size": 500})
        tenth = tenth_page(client, name)
        tenth = f"{timed(client, tenth, count)[0]:.0f} ms" if tenth else "–"
        one = f"{timed(client, f'/api/{name}/', count, year)[0]:.0f} ms" if name in dated else "–"
        print(
            f"| `/api/{name}/` | {first[0]:.0f} / {first[1]:.0f} ms | "
            f"{most[0]:.0f} / {most[1]:.0f} ms ({most[2]} rows) | {tenth} | {one} |"
        )
    meeting = Meeting.objects.filter(agenda_published_at__isnull=False).order_by("pk").first()
    p50, p95, _rows = timed(client, f"/api/meetings/{meeting.pk}/", count)
    print(f"| `/api/meetings/<id>/` with its agenda | {p50:.0f} / {p95:.0f} ms | | | |")

    began = time.perf_counter()
    counts = export_everything()
    print(f"\nThe bulk export of everything took {time.perf_counter() - began:.1f} s: {counts}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--requests", type=int, default=20, help="requests per figure")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("bench/api.py measures PostgreSQL: set DATABASE_URL=postgres://…")
    work = Path(tempfile.mkdtemp(prefix="api-bench-"))
    os.environ.update(
        {
            "DATABASE_URL": url,
            "VAR_DIR": str(work),
            "MEDIA_ROOT": str(work),
            "DEBUG": "True",
            # The benchmark is one caller asking thousands of times.
            "API_RATE_LIMIT": "1000000/minute",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    bench = search_bench()
    bench.database(url, create=True)
    try:
        run(args, bench)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            bench.database(url, create=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
