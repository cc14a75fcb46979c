"""
Time the public meeting, committee and home pages with a 200-item agenda, and serve them.

    .venv/bin/python bench/public_pages.py [--requests 50] [--seconds 10] [--json]

Builds, in a throwaway SQLite database and folder (under VAR_DIR when it is set), one
committee with ten members and 26 meetings, one of which, a fortnight ahead, has a
published agenda of 200 items (160 items and 40 sub-parts, 10 of them exempt) with 400
papers and a public and a confidential pack whose summary gives every item its
"(Pages X - Y)". With DEBUG off (hashed, compressed static files, as in production) it
times, through Django's test client as the public, each page's first hit (the cache
emptied before every request) and its later hits, median and p95 of --requests each, with
their queries. Then it starts gunicorn (2 workers, DEBUG off, bench/wsgi_bare.py, which adds
a bare view behind the same middleware), asks one hashed stylesheet how it is served
(compression, Cache-Control), and measures requests per second with wrk (20 connections, 2
threads, --seconds each) for the bare view, the three pages and the bare view padded to the
meeting page's length (what its 280 KiB cost on their own). Needs wrk
(apt-get install wrk). Ports 8600-8699.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
ITEMS, SUB_ITEMS, PAPERS_PER_ITEM = 160, 40, 2
DESCRIPTION = (
    "<div>The Committee is asked to consider the report on <strong>placement sufficiency"
    "</strong> and the steps taken since the last meeting.</div>"
)


def settle_environment(work: Path) -> dict:
    env = {
        "VAR_DIR": str(work),
        "MEDIA_ROOT": str(work / "media"),
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "LOG_LEVEL": "WARNING",
        # Persistent connections, as a production server keeps them: without, every request
        # pays for a new connection (with SQLite, reading the schema: about 3 ms).
        "DATABASE_CONN_MAX_AGE": "60",
    }
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    sys.path.insert(0, str(BASE_DIR))
    return env


def build() -> dict:
    """The committee, its meetings and the big published agenda; the pages' addresses."""
    from django.utils import timezone

    from committees.models import Committee, Council, Membership, Person
    from meetings.models import AgendaItem, Document, Meeting
    from packs.models import PackVersion

    now = timezone.now()
    today = timezone.localdate()
    council = Council.objects.create(name="Somerset Council", slug="somerset")
    committee = Committee.objects.create(
        council=council,
        name="Scrutiny Committee - Childrens and Families",
        slug="scrutiny-children-families",
        remit="Scrutiny of services for children, young people and families.",
        contact_name="Democratic Services",
        contact_email="democraticservicesteam@somerset.gov.uk",
    )
    people = Person.objects.bulk_create(
        Person(first_name=f"Member{n}", surname="Councillor", is_councillor=True) for n in range(10)
    )
    Membership.objects.bulk_create(
        Membership(committee=committee, person=person, position=n)
        for n, person in enumerate(people)
    )
    venue = "Luttrell Room - County Hall, Taunton TA1 4DY"
    Meeting.objects.bulk_create(
        Meeting(
            committee=committee,
            date=today + datetime.timedelta(days=offset),
            start_time=datetime.time(10, 0),
            venue=venue,
            status=Meeting.Status.PUBLISHED if offset < 0 else Meeting.Status.DRAFT,
            agenda_published_at=now if offset < 0 else None,
        )
        for offset in [*range(-400, -10, 20), 30, 60, 90, 120, 150]
    )
    meeting = Meeting.objects.create(
        committee=committee,
        date=today + datetime.timedelta(days=14),
        start_time=datetime.time(10, 0),
        venue=venue,
        status=Meeting.Status.PUBLISHED,
        agenda_published_at=now,
        issue_date=today,
        is_webcast=True,
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=n,
            title=f"Item {n}: placement sufficiency and the commissioning framework",
            description=DESCRIPTION if n % 2 else "",
            lead_officers="Claire Winter, Executive Director of Children's Services",
            time_allocation=20 if n % 3 == 0 else None,
            is_exempt=n % 16 == 0,
            exempt_paragraph=3 if n % 16 == 0 else None,
            is_to_follow=n % 40 == 0,
        )
        for n in range(1, ITEMS + 1)
    )
    items += AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, parent=items[n], position=1 + part, title=f"Part {part}")
        for n in range(0, ITEMS, 8)
        for part in range(2)
    )
    assert len(items) == ITEMS + SUB_ITEMS
    papers = Document.objects.bulk_create(
        Document(
            meeting=meeting,
            agenda_item=item,
            title=f"Report {item.pk}.{n}",
            kind=Document.Kind.REPORT if n == 1 else Document.Kind.APPENDIX,
            file=f"papers/{meeting.pk}/{item.pk}-{n}.pdf",
            original_filename=f"report-{item.pk}-{n}.pdf",
            page_count=4 + n,
            file_size=180_000 + 1_000 * n,
            position=n,
            published_at=now,
        )
        for item in items
        for n in range(1, PAPERS_PER_ITEM + 1)
    )
    page, rows = 5, []
    for item in items:
        rows.append({"key": f"item:{item.pk}", "pages": [page, page + 11]})
        page += 12
    for kind in PackVersion.Kind:
        PackVersion.objects.create(
            meeting=meeting,
            number=1,
            kind=kind,
            status=PackVersion.Status.READY,
            file=f"packs/{meeting.pk}/{kind}.pdf",
            page_count=page,
            file_size=2_500_000,
            summary={"rows": rows},
            finished_at=now,
        )
    return {
        "meeting": meeting.get_absolute_url(),
        "committee": committee.get_absolute_url(),
        "home": "/",
        "items": len(items),
        "papers": len(papers),
    }


def percentiles(times: list[float]) -> dict:
    times = sorted(times)
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
    }


def counting(queries: list):
    """A database execute wrapper that notes each query in `queries`."""

    def wrapper(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    return wrapper


def time_pages(urls: dict, count: int) -> dict:
    """Each page as the public through the test client: first hits, then later hits."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client()
    figures = {}
    for name in ("meeting", "committee", "home"):
        url = urls[name]
        first, later = [], []
        for _ in range(count):
            cache.clear()
            began = time.perf_counter()
            response = client.get(url)
            first.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        size = len(response.content)
        cache.clear()
        uncached, cached = [], []
        with connection.execute_wrapper(counting(uncached)):
            client.get(url)
        with connection.execute_wrapper(counting(cached)):
            client.get(url)
        for _ in range(count):
            began = time.perf_counter()
            response = client.get(url)
            later.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        figures[name] = {
            "url": url,
            "html_kib": round(size / 1024, 1),
            "first_hit": {**percentiles(first), "queries": len(uncached)},
            "later_hits": {**percentiles(later), "queries": len(cached)},
        }
    return figures


def free_port() -> int:
    for port in range(8600, 8700):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port in 8600-8699.")


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "bench.wsgi_bare:application",
         "--workers", "2", "--bind", f"127.0.0.1:{port}", "--chdir", str(BASE_DIR),
         "--log-level", "warning"],
        env={**os.environ, **env},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2)
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start.")


def static_headers(port: int) -> dict:
    """How a hashed stylesheet named on the home page is served."""
    base = f"http://127.0.0.1:{port}"
    home = urllib.request.urlopen(f"{base}/").read().decode()
    href = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', home)
    if href is None:
        return {"hashed_url": None}
    request = urllib.request.Request(base + href.group(1), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        return {
            "hashed_url": href.group(1),
            "content_encoding": response.headers.get("Content-Encoding"),
            "cache_control": response.headers.get("Cache-Control"),
        }


def wrk(url: str, seconds: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", "-c20", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "requests_per_s": rate,
        "median_latency_ms": round(float(median.group(1)) * scale[median.group(2)], 2),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
    }


def serve(env: dict, urls: dict, seconds: int) -> dict:
    port = free_port()
    process = start_gunicorn(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        static = static_headers(port)
        rates = {}
        size = len(urllib.request.urlopen(base + urls["meeting"]).read())
        pages = [("bare", "/bench/bare/"), ("meeting", urls["meeting"]),
                 ("committee", urls["committee"]), ("home", "/"),
                 ("bare, as long as the meeting page", f"/bench/bare/{size}/")]  # fmt: skip
        for name, url in pages:
            urllib.request.urlopen(base + url).read()  # each worker's first hit
            urllib.request.urlopen(base + url).read()
            rates[name] = wrk(base + url, seconds)
        bare = rates["bare"]["requests_per_s"]
        for name in rates.keys() - {"bare"}:
            rates[name]["share_of_bare"] = round(rates[name]["requests_per_s"] / bare, 3)
        return {"port": port, "static": static, "throughput": rates}
    finally:
        process.terminate()
        process.wait(timeout=30)


def report(figures: dict) -> None:
    print(f"{figures['items']} agenda items, {figures['papers']} papers.")
    print(
        "\n| page | HTML | first hit median / p95 (queries) | later hits median / p95 (queries) |"
    )
    print("| --- | --- | --- | --- |")
    for name, page in figures["render"].items():
        first, later = page["first_hit"], page["later_hits"]
        print(
            f"| {name} | {page['html_kib']} KiB | {first['median_ms']:.1f} / "
            f"{first['p95_ms']:.1f} ms ({first['queries']}) | {later['median_ms']:.1f} / "
            f"{later['p95_ms']:.1f} ms ({later['queries']}) |"
        )
    static = figures["static"]
    print(
        f"\nStatic {static.get('hashed_url')}: Content-Encoding {static.get('content_encoding')},"
        f" Cache-Control {static.get('cache_control')}"
    )
    print("\n| gunicorn, 2 workers, wrk 20 connections | requests/s | median latency | of bare |")
    print("| --- | --- | --- | --- |")
    for name, rate in figures["throughput"].items():
        share = f"{rate['share_of_bare']:.0%}" if "share_of_bare" in rate else ""
        errors = rate["errors"] + rate["socket_errors"]
        errors = f" ({errors} errors or timeouts)" if errors else ""
        print(
            f"| {name} | {rate['requests_per_s']:.0f}{errors} | "
            f"{rate['median_latency_ms']:.2f} ms | {share} |"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50, help="requests per render figure")
    parser.add_argument("--seconds", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/public_pages.py needs wrk: apt-get install -y wrk")

    parent = os.environ.get("VAR_DIR")
    if parent:
        Path(parent).mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="public-pages-bench-", dir=parent))
    env = settle_environment(work)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        urls = build()
        figures = {"items": urls["items"], "papers": urls["papers"]}
        figures["render"] = time_pages(urls, args.requests)
        from django.db import connections

        connections.close_all()
        figures.update(serve(env, urls, args.seconds))
        figures["load_average"] = os.getloadavg()
        if args.json:
            print(json.dumps(figures, indent=2))
        else:
            report(figures)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
