"""
Time the site search on PostgreSQL with 2,000 meetings and 10,000 papers.

    .venv/bin/python bench/search.py [--keep] [--queries 200]

Creates its own database (DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/search_bench; trust authentication) and drops it at the
end unless --keep. Builds 3 councils, 12 committees, 2,000 meetings (3% still drafts) with
about 12,000 agenda items (5% exempt), 10,000 uploaded papers whose extracted text is
realistic running text (1 to 16 pages of about 300 words, pages separated by form feeds,
words drawn with a Zipf-like spread from a council-report vocabulary), minutes with
decisions for most meetings, and 2,000 outcome tracker entries; indexes it all with
`search.services.reindex_everything`; then runs about 200 varied queries (one common word,
rare words, two and three words, "quoted phrases", -exclusions, or, filters by committee,
kind and date, later pages, newest first) as the public, a committee member and an officer,
and prints p50/p95 latency of the search selector and of the whole view through Django's
test client.
"""

import argparse
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/search_bench"
VOCABULARY_TEXT = """
council committee scrutiny report budget school schools children young people families
education service services care social placement placements foster fostering carers adoption
safeguarding partnership strategy plan delivery outcomes improvement performance quarter
month year annual review recommendation recommendations officer officers member members
cabinet portfolio holder director assistant head team teams staff recruitment retention
workforce funding grant capital revenue spending overspend underspend forecast savings
pressure pressures demand inclusion special needs disability disabilities send ehcp
assessment assessments plans tribunal transport home travel attendance exclusion exclusions
pupil pupils academy academies trust trusts maintained nursery early years primary secondary
college apprenticeships skills employment health wellbeing mental emotional camhs nhs
integrated board commissioning contract contracts provider providers market sufficiency
residential homes leaving leavers corporate parenting virtual headteacher attainment
progress data dashboard indicators target targets red amber green rating risk risks
register mitigation audit assurance inspection ofsted judgement framework action actions
milestone milestones consultation engagement survey feedback complaints compliments youth
justice offending prevention intervention help family hubs community voluntary sector
parish town district unitary area local government legislation statutory duty guidance
policy policies procedure procedures equality impact climate environment digital system
systems technology record records information governance minutes agenda item items meeting
meetings decision decisions agreed resolved noted update updates timetable programme work
"""
RARE_TEXT = "axolotl narwhal quokka pangolin ocelot tapir wombat okapi kinkajou dugong saola"
RARE = RARE_TEXT.split()


def tail_words(count: int, seed: int = 12) -> list[str]:
    """Made-up words for the long tail of a real vocabulary (names, places, jargon)."""
    rnd = random.Random(seed)
    syllables = [a + b for a in "bcdfghklmnprstvw" for b in "aeiou"] + ["ton", "ham", "ley"]
    words = set()
    while len(words) < count:
        words.add("".join(rnd.choice(syllables) for _ in range(rnd.randint(2, 4))))
    return sorted(words)


# The council-report words first (the commonest), then 20,000 rarer ones.
VOCABULARY = VOCABULARY_TEXT.split() + tail_words(20_000)
COMMON = VOCABULARY[:30]
MIDDLING = VOCABULARY[60:200]
TAIL = VOCABULARY[2_000:]
SENTENCE_WORDS = (8, 22)


def zipf_weights(count: int) -> list[float]:
    return [1 / (rank + 1) for rank in range(count)]


class Writer:
    """Running text in the vocabulary, quickly: whole sentences drawn in one call."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.weights = zipf_weights(len(VOCABULARY))

    def words(self, count: int) -> list[str]:
        return self.random.choices(VOCABULARY, weights=self.weights, k=count)

    def sentence(self) -> str:
        words = self.words(self.random.randint(*SENTENCE_WORDS))
        return " ".join(words).capitalize() + "."

    def page(self, words: int = 300) -> str:
        drawn = self.words(words)
        for at in range(0, words, 15):  # full stops
            drawn[at] = drawn[at].capitalize()
            if at:
                drawn[at - 1] += "."
        if self.random.random() < 0.02:  # a rare word here and there
            drawn[self.random.randrange(words)] = self.random.choice(RARE)
        return " ".join(drawn) + "."

    def paper(self) -> str:
        return "\f".join(self.page() for _ in range(self.random.choice(PAGES)))


PAGES = [1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16]


def database(url: str, create: bool) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


def build(writer: Writer) -> dict:
    from django.contrib.auth.models import User

    from committees.models import Committee, Council, Membership, OfficerRole, Person
    from meetings.models import AgendaItem, Document, Meeting
    from minutes.models import Decision, Minute, Minutes
    from tracker.models import Tracker, TrackerEntry

    rnd = writer.random
    councils = [
        Council.objects.create(name=name, slug=slug)
        for name, slug in [
            ("Somerset Council", "somerset"),
            ("North Somerset Council", "north-somerset"),
            ("Bath and North East Somerset Council", "banes"),
        ]
    ]
    themes = [
        "Children and Families",
        "Adults and Health",
        "Climate and Place",
        "Corporate and Resources",
    ]
    committees = [
        Committee.objects.create(
            council=council,
            name=f"Scrutiny Committee - {theme}",
            slug=f"{council.slug}-{theme.lower().replace(' ', '-')}",
        )
        for council in councils
        for theme in themes
    ]
    start = datetime.date(2015, 1, 5)
    fields = {field.name for field in Meeting._meta.fields}
    meetings = []
    for n in range(2000):
        day = start + datetime.timedelta(days=n * 2)
        draft = rnd.random() < 0.03
        meeting = Meeting(
            committee=committees[n % len(committees)],
            date=day,
            start_time=datetime.time(10),
            venue="Luttrell Room - County Hall, Taunton TA1 4DY",
            status=Meeting.Status.DRAFT if draft else Meeting.Status.HELD,
        )
        if "agenda_published_at" in fields and not draft:  # where the portal records it
            meeting.agenda_published_at = datetime.datetime(
                day.year, day.month, day.day, tzinfo=datetime.UTC
            ) - datetime.timedelta(days=8)
        meetings.append(meeting)
    meetings = Meeting.objects.bulk_create(meetings)
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=position,
            title=" ".join(writer.words(rnd.randint(3, 8))).capitalize(),
            description=f"<p>{writer.sentence()} {writer.sentence()}</p>",
            is_exempt=(exempt := rnd.random() < 0.05),
            exempt_paragraph=3 if exempt else None,
        )
        for meeting in meetings
        for position in range(1, 7)
    )
    published = datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC)
    batch = []
    for n in range(10_000):
        item = items[(n * 7) % len(items)]
        batch.append(
            Document(
                meeting_id=item.meeting_id,
                agenda_item=item,
                title=" ".join(writer.words(rnd.randint(3, 9))).capitalize(),
                file=f"papers/{item.meeting_id}/bench-{n}.pdf",
                original_filename=f"paper-{n}.pdf",
                page_count=1,
                is_exempt=rnd.random() < 0.03,
                published_at=published if rnd.random() < 0.97 else None,
                text=writer.paper(),
                text_status=Document.TextStatus.EXTRACTED,
            )
        )
        if len(batch) == 500:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)

    all_minutes = Minutes.objects.bulk_create(
        Minutes(meeting=meeting, status=Minutes.Status.APPROVED)
        for meeting in meetings
        if meeting.status != Meeting.Status.DRAFT and rnd.random() < 0.8
    )
    items_by_meeting = {}
    for item in items:
        items_by_meeting.setdefault(item.meeting_id, []).append(item)
    minute_rows = Minute.objects.bulk_create(
        Minute(
            minutes=minutes,
            number=number,
            agenda_item=items_by_meeting[minutes.meeting_id][number - 1],
            heading=items_by_meeting[minutes.meeting_id][number - 1].title,
            body="".join(f"<p>{writer.sentence()} {writer.sentence()}</p>" for _ in range(4)),
        )
        for minutes in all_minutes
        for number in range(1, 6)
    )
    decisions = Decision.objects.bulk_create(
        Decision(minute=minute, wording=f"It was AGREED that {writer.sentence().lower()}")
        for minute in minute_rows
        if rnd.random() < 0.5
    )
    for committee in committees:
        Tracker.for_committee(committee)
    trackers = {tracker.committee_id: tracker for tracker in Tracker.objects.all()}
    statuses = {tracker.pk: tracker.statuses.first() for tracker in trackers.values()}
    meeting_of = {minutes.pk: minutes.meeting for minutes in all_minutes}
    minute_of = {minute.pk: minute for minute in minute_rows}
    TrackerEntry.objects.bulk_create(
        TrackerEntry(
            tracker=(tracker := trackers[meeting.committee_id]),
            meeting=meeting,
            decision=decision,
            agenda_item=minute_of[decision.minute_id].agenda_item,
            item_title=minute_of[decision.minute_id].heading,
            agreed_outcome=f"<p>{writer.sentence()}</p>",
            status=statuses[tracker.pk],
            agreed_on=meeting.date,
            last_updated_on=meeting.date,
        )
        for decision in decisions[:2000]
        for meeting in [meeting_of[minute_of[decision.minute_id].minutes_id]]
    )

    member = User.objects.create_user("member")
    Membership.objects.create(
        committee=committees[0],
        person=Person.objects.create(first_name="Leigh", surname="Redman", user=member),
        start_date=datetime.date(2014, 1, 1),
    )
    officer = User.objects.create_user("officer")
    OfficerRole.objects.create(user=officer, council=councils[0])
    return {"committees": committees, "member": member, "officer": officer}


def queries(writer: Writer, committees, count: int) -> list[dict]:
    rnd = writer.random
    common, middling = COMMON, MIDDLING
    shapes = [
        ("one common word", lambda: rnd.choice(common)),
        ("one middling word", lambda: rnd.choice(middling)),
        ("one rare word", lambda: rnd.choice(RARE)),
        ("one word of the long tail", lambda: rnd.choice(TAIL)),
        ("middling + long-tail word", lambda: f"{rnd.choice(middling)} {rnd.choice(TAIL)}"),
        ("two middling words", lambda: f"{rnd.choice(middling)} {rnd.choice(middling)}"),
        (
            "three words",
            lambda: f"{rnd.choice(common)} {rnd.choice(middling)} {rnd.choice(middling)}",
        ),
        (
            '"phrase of two common words"',
            lambda: f'"{rnd.choice(VOCABULARY[:80])} {rnd.choice(VOCABULARY[:80])}"',
        ),
        ("word -exclusion", lambda: f"{rnd.choice(common)} -{rnd.choice(middling)}"),
        ("rare or rare", lambda: f"{rnd.choice(RARE)} or {rnd.choice(RARE)}"),
        ("five middling words", lambda: " ".join(rnd.choice(middling) for _ in range(5))),
    ]
    kinds = ["paper", "item", "minute", "decision", "tracker", "meeting"]
    made = []
    for n in range(count):
        shape, make = shapes[n % len(shapes)]
        params = {"q": make()}
        if n % 5 == 1:
            params["committee"] = rnd.choice(committees).slug
        if n % 7 == 2:
            params["kind"] = rnd.choice(kinds)
        if n % 6 == 3:
            year = rnd.randint(2015, 2025)
            params.update({"from": f"{year}-01-01", "to": f"{year}-12-31"})
        if n % 9 == 4:
            params["page"] = str(rnd.randint(2, 4))
        if n % 11 == 5:
            params["order"] = "newest"
        made.append((shape, params))
    return made


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(name: str, timings: list[float]) -> None:
    ms = [t * 1000 for t in timings]
    print(
        f"{name:<36} p50 {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms"
        f"   max {max(ms):6.1f} ms   ({len(ms)} runs)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--reuse", action="store_true", help="query the database a --keep run left (no build)"
    )
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("bench/search.py measures PostgreSQL: set DATABASE_URL=postgres://…")
    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    os.environ.update({"DATABASE_URL": url, "VAR_DIR": str(work), "MEDIA_ROOT": str(work)})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    if not args.reuse:
        database(url, create=True)
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep and not args.reuse:
            database(url, create=False)
        shutil.rmtree(work, ignore_errors=True)


def run(args):
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client

    from meetings.models import Document
    from search import selectors, services
    from search.forms import SearchForm
    from search.models import SearchEntry

    writer = Writer(seed=2023)
    if args.reuse:
        from django.contrib.auth.models import User

        from committees.models import Committee

        world = {
            "committees": list(Committee.objects.order_by("pk")),
            "member": User.objects.get(username="member"),
            "officer": User.objects.get(username="officer"),
        }
    else:
        call_command("migrate", verbosity=0)
        began = time.perf_counter()
        world = build(writer)
        built = time.perf_counter() - began
        text = Document.objects.values_list("text", flat=True)
        print(f"Built the data in {built:.0f} s: {sum(map(len, text)) / 1e6:.0f} MB of text.")
        began = time.perf_counter()
        entries = services.reindex_everything(read_text=False)
        indexed = time.perf_counter() - began
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
            cursor.execute(
                "SELECT pg_size_pretty(pg_total_relation_size('search_searchentry')),"
                " pg_size_pretty(pg_relation_size('search_entry_vector_gin'))"
            )
            table_size, gin_size = cursor.fetchone()
        papers = SearchEntry.objects.filter(kind="paper").count()
        print(
            f"Indexed {entries} entries ({papers} papers) in {indexed:.0f} s;"
            f" table with indexes {table_size}, GIN index {gin_size}."
        )

    committees = selectors.committees_for_search()
    planned = queries(writer, world["committees"], args.queries)
    viewers = [
        ("public", AnonymousUser(), None),
        ("member", world["member"], world["member"]),
        ("officer", world["officer"], world["officer"]),
    ]
    selector_times, view_times, totals = [], [], []
    clients = {}
    for name, _user, login in viewers:
        client = Client()
        if login:
            client.force_login(login)
        clients[name] = client
    for _, params in planned[:10]:  # warm up
        clients["public"].get("/search/", params)
    by_shape = {}
    for n, (shape, params) in enumerate(planned):
        name, user, _ = viewers[n % len(viewers)]
        # The selector, as the view calls it: the committees, the rule's answers, the page.
        for attribute in ("_portal_viewer", "_managed_council_ids"):
            if hasattr(user, attribute):
                delattr(user, attribute)
        began = time.perf_counter()
        query = QueryDict(urlencode(params))
        form = SearchForm(query, committees=selectors.committees_for_search())
        assert form.is_valid(), (params, form.errors)
        data = form.cleaned_data
        results = selectors.search(
            user,
            selectors.Filters(
                words=data["q"],
                committee=data["committee"],
                date_from=data.get("date_from"),
                date_to=data.get("date_to"),
                kinds=data["kind"],
                newest_first=data["order"] == "newest",
                page=data["page"],
            ),
            committees,
        )
        selector_times.append(time.perf_counter() - began)
        by_shape.setdefault(shape, []).append(selector_times[-1])
        totals.append(results.total)
        began = time.perf_counter()
        response = clients[name].get("/search/", params)
        view_times.append(time.perf_counter() - began)
        assert response.status_code == 200, (params, response.status_code)
    print()
    print(f"{len(planned)} queries; results per query: median {statistics.median(totals):.0f},")
    print(f"  max {max(totals)}, {sum(1 for t in totals if t == 0)} with none.")
    report("search selector (form + search)", selector_times)
    report("whole view (test client, GET)", view_times)
    print("The selector by kind of query:")
    for shape, timings in by_shape.items():
        report(f"  {shape}", timings)
    slowest = sorted(zip(selector_times, planned, strict=True), key=lambda pair: -pair[0])[:5]
    print("Slowest selector calls:")
    for seconds, (_, params) in slowest:
        print(f"  {seconds * 1000:6.1f} ms  {params}")


if __name__ == "__main__":
    main()
