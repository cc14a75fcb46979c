"""
The one place that knows which database search runs on.

- PostgreSQL: full-text search. Each entry's `vector` holds its title (weight A) and body
  (weight B) in the English configuration, with a GIN index; queries are read with
  `websearch_to_tsquery` (quoted phrases, -word, or), ranked with ts_rank, and highlighted
  with ts_headline.
- Anything else (SQLite, the first-run default): every word must appear in the title or the
  body (icontains), titles that hold a word first, highlighted in Python (text.py).

Either way `run` answers with the number of matches (counted up to COUNT_LIMIT) and one page
of entries with `title_html`, `snippet_html` and `hit_page` (the page of a paper's text
the snippet comes from, when known).
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Greatest, Left, Length, Lower, Replace, StrIndex, Substr

from . import text

CONFIG = "english"
COUNT_LIMIT = 1000  # more matches than this are "more than 1,000"
RANKED_TEXT = 1500  # characters of the body that rank_vector holds
RANK_AT_MOST = 3000  # matches ranked when there are more than COUNT_LIMIT
PHRASE_CHECKED_AT_MOST = 1000  # entries a phrase is looked for in, when more hold its words
WINDOW_BEFORE, WINDOW = 300, 1500  # characters around the first match that ts_headline reads
HEADLINE_OPTIONS = {
    "start_sel": text.MARK_START,
    "stop_sel": text.MARK_END,
    "max_words": 30,
    "min_words": 12,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}


def full_text() -> bool:
    return connection.vendor == "postgresql"


def lock_group(group: str) -> None:
    """Rebuilds of the same group wait for each other (SQLite's writes already do)."""
    if full_text():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"search:{group}"])


def refresh_vectors(queryset) -> None:
    if full_text():
        queryset.update(
            vector=SearchVector("title", weight="A", config=CONFIG)
            + SearchVector("body", weight="B", config=CONFIG),
            rank_vector=SearchVector("title", weight="A", config=CONFIG)
            + SearchVector(Left("body", RANKED_TEXT), weight="B", config=CONFIG),
        )


@dataclass
class Found:
    total: int
    capped: bool  # more than COUNT_LIMIT matches: `total` is COUNT_LIMIT
    entries: list
    at_least: bool = False  # a phrase looked for among the newest entries only (see below)


def run(entries, words: str, start: int, stop: int, newest_first: bool = False) -> Found:
    if full_text():
        # The planner does not count the cost of reading large vectors in a sequential scan,
        # and picks one for common words; the GIN index is always the quicker way here.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
            return _postgresql(entries, words, start, stop, newest_first)
    return _fallback(entries, words, start, stop, newest_first)


def _count(queryset) -> tuple[int, bool]:
    total = queryset.order_by()[: COUNT_LIMIT + 1].count()
    return min(total, COUNT_LIMIT), total > COUNT_LIMIT


def _order(newest_first: bool) -> list:
    by_date = F("date").desc(nulls_last=True)
    return [by_date, "-rank", "pk"] if newest_first else ["-rank", by_date, "pk"]


# PostgreSQL


def _postgresql(entries, words, start, stop, newest_first) -> Found:
    query = SearchQuery(words, search_type="websearch", config=CONFIG)
    lexemes, phrase = _query_words(words)
    if not lexemes:  # only stop words ("the"), or nothing but exclusions
        return Found(0, False, [])
    matches = entries.filter(vector=query)
    at_least = False
    if phrase:
        # A phrase is checked against each candidate's word positions, which means reading
        # its whole vector. The GIN index alone says which entries hold all the phrase's
        # words; when more than PHRASE_CHECKED_AT_MOST do (a phrase of common words), the
        # phrase is looked for in the newest of them only, and the count is "at least".
        candidates = _holding_every_word(entries, words)
        limit = PHRASE_CHECKED_AT_MOST
        if candidates is not None and candidates.order_by()[: limit + 1].count() > limit:
            newest = candidates.order_by(F("date").desc(nulls_last=True), "-pk")
            # As a list: given a subquery, PostgreSQL checks the phrase in every row first.
            newest_ids = list(newest.values_list("pk", flat=True)[:limit])
            matches = entries.model.objects.filter(pk__in=newest_ids, vector=query)
            at_least = True
        # Checked once, here, with the count beside the page rather than in a query of its own.
        ranked = matches.annotate(
            rank=SearchRank(F("rank_vector"), query), total=Window(Count("pk"))
        ).order_by(*_order(newest_first))
        page = list(ranked.values_list("pk", "total")[start:stop])
        total = page[0][1] if page else _count(matches)[0]
        capped, total = total > COUNT_LIMIT, min(total, COUNT_LIMIT)
        page_ids = [pk for pk, _ in page]
        at_least = at_least and not capped
    else:
        total, capped = _count(matches)  # the GIN index alone answers this
        if not total:
            return Found(0, False, [])
        if capped:
            # Thousands of matches (a very common word): the best of the newest RANK_AT_MOST.
            newest = matches.order_by(F("date").desc(nulls_last=True), "-pk")
            matches = entries.model.objects.filter(pk__in=newest.values("pk")[:RANK_AT_MOST])
        ranked = matches.annotate(rank=SearchRank(F("rank_vector"), query)).order_by(
            *_order(newest_first)
        )
        page_ids = list(ranked.values_list("pk", flat=True)[start:stop])
    if not page_ids:
        return Found(total, capped, [], at_least)
    lexeme = max(lexemes, key=len)
    # ts_headline reads only a window of the body around the first place the query's longest
    # word (as stemmed) appears, so a long paper costs no more than a short one.
    at = StrIndex(Lower("body"), Value(lexeme)) if lexeme else Value(0)
    window = Substr("body", Greatest(at - WINDOW_BEFORE, 1), WINDOW, output_field=TextField())
    before = Left("body", at)
    rows = (
        entries.model.objects.filter(pk__in=page_ids)
        .select_related("committee")
        .defer("body", "vector", "rank_vector")
        .annotate(
            title_headline=SearchHeadline(
                "title",
                query,
                config=CONFIG,
                highlight_all=True,
                start_sel=text.MARK_START,
                stop_sel=text.MARK_END,
            ),
            body_headline=SearchHeadline(window, query, config=CONFIG, **HEADLINE_OPTIONS),
            hit_at=at,
        )
        .annotate(
            breaks_before=Case(
                When(hit_at__gt=0, then=Length(before) - Length(Replace(before, Value("\f")))),
                default=None,
                output_field=IntegerField(),
            ),
        )
    )
    by_pk = {row.pk: row for row in rows}
    found = [by_pk[pk] for pk in page_ids if pk in by_pk]
    for entry in found:
        entry.title_html = text.marked_html(entry.title_headline)
        entry.snippet_html = text.marked_html(entry.body_headline) if entry.body_headline else ""
        marked = text.MARK_START in entry.body_headline
        entry.hit_page = entry.breaks_before + 1 if marked and entry.hit_at else None
    return Found(total, capped, found, at_least)


NEGATED_PHRASE = re.compile(r'-\s*"')


def _holding_every_word(entries, words: str):
    """The entries holding every word of the query's phrases, or None when that is not a
    superset of the matches (a phrase that is excluded: -"a b")."""
    if NEGATED_PHRASE.search(words):
        return None
    loose = SearchQuery(words.replace('"', " "), search_type="websearch", config=CONFIG)
    return entries.filter(vector=loose)


LEXEME = re.compile(r"'((?:[^']|'')+)'")


def _query_words(words: str) -> tuple[list[str], bool]:
    """The query's words as PostgreSQL stems them (without the excluded ones), and whether
    it holds a phrase."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT querytree(websearch_to_tsquery(%s, %s))", [CONFIG, words])
        tree = cursor.fetchone()[0] or ""
    lexemes = [match.group(1).replace("''", "'") for match in LEXEME.finditer(tree)]
    return lexemes, "<" in tree.replace("'<'", "")


# The plain fallback


def _fallback(entries, words, start, stop, newest_first) -> Found:
    wanted, unwanted = text.terms(words)
    if not wanted:
        return Found(0, False, [])
    matches = entries
    for term in wanted:
        matches = matches.filter(Q(title__icontains=term) | Q(body__icontains=term))
    for term in unwanted:
        matches = matches.exclude(title__icontains=term).exclude(body__icontains=term)
    total, capped = _count(matches)
    if not total:
        return Found(0, False, [])
    in_title = Q()
    for term in wanted:
        in_title |= Q(title__icontains=term)
    ranked = matches.annotate(
        rank=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by(*_order(newest_first))
    pattern = text.term_pattern(wanted)
    found = list(ranked.select_related("committee")[start:stop])
    for entry in found:
        entry.title_html = text.highlight(entry.title, pattern)
        entry.snippet_html, offset = text.snippet(entry.body, pattern) if entry.body else ("", None)
        entry.hit_page = text.page_of(entry.body, offset) if offset is not None else None
    return Found(total, capped, found)
