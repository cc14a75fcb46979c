"""
The search itself: what this person may find, matched, ordered and shown a page at a time,
in a fixed number of queries however many results there are.

Who may find what is not decided here: committees/access.py is asked, for every committee,
whether this person sees its unpublished and its exempt material, and the index (whose
entries carry their thing's committee, `is_published` and `is_restricted`) is filtered on
the answers, exactly as `access.may_see` decides for one thing.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from committees import access
from committees.models import Committee

from . import backend
from .models import SearchEntry

PER_PAGE = 20
KIND_LABELS = dict(SearchEntry.Kind.choices)


@dataclass
class Filters:
    words: str
    committee: Committee | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    kinds: list[str] = field(default_factory=list)
    newest_first: bool = False
    page: int = 1


@dataclass
class Result:
    kind: str
    kind_label: str
    title_html: str
    snippet_html: str
    url: str
    committee: Committee | None
    date: datetime.date | None
    page: int | None = None
    pack_url: str = ""
    pack_page: int | None = None
    withheld: bool = False  # exempt or unpublished: for those the rule lets see it


@dataclass
class Results:
    results: list[Result]
    total: int
    capped: bool
    page: int
    pages: int
    per_page: int = PER_PAGE
    at_least: bool = False  # the count is a lower bound (a phrase of very common words)

    @property
    def holds_withheld(self) -> bool:
        return any(result.withheld for result in self.results)

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.per_page)


def committees_for_search() -> list[Committee]:
    """Every committee, for the filter and for asking the rule about (one query)."""
    return list(Committee.objects.select_related("council").order_by("council__name", "name"))


def visible_to(user, committees: list[Committee]) -> Q:
    """The entries this person may find: may_see's rule, with the committees' answers."""
    viewer = access.viewer_for(user)
    unpublished = [c.pk for c in committees if viewer.sees_unpublished(c)]
    exempt = [c.pk for c in committees if access.sees_exempt(user, c)]
    return (Q(is_published=True) | Q(committee_id__in=unpublished)) & (
        Q(is_restricted=False) | Q(committee_id__in=exempt)
    )


def search(user, filters: Filters, committees: list[Committee]) -> Results:
    entries = SearchEntry.objects.filter(visible_to(user, committees))
    if filters.committee is not None:
        entries = entries.filter(committee=filters.committee)
    if filters.date_from:
        entries = entries.filter(date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(date__lte=filters.date_to)
    if filters.kinds:
        entries = entries.filter(kind__in=filters.kinds)
    pages_at_most = -(-backend.COUNT_LIMIT // PER_PAGE)
    page = min(max(1, filters.page), pages_at_most)
    start = (page - 1) * PER_PAGE
    found = backend.run(entries, filters.words, start, start + PER_PAGE, filters.newest_first)
    pages = max(1, -(-found.total // PER_PAGE))
    if page > pages:  # past the last page: the last page
        page = pages
        start = (page - 1) * PER_PAGE
        found = backend.run(entries, filters.words, start, start + PER_PAGE, filters.newest_first)
    return Results(
        results=[_result(entry) for entry in found.entries],
        total=found.total,
        capped=found.capped,
        at_least=found.at_least,
        page=page,
        pages=pages,
    )


def _result(entry: SearchEntry) -> Result:
    page = entry.hit_page if entry.kind == SearchEntry.Kind.PAPER else None
    pack_page = None
    if entry.pack_first_page:
        pack_page = entry.pack_first_page + (page or 1) - 1
    return Result(
        kind=entry.kind,
        kind_label=KIND_LABELS.get(entry.kind, entry.kind),
        title_html=entry.title_html,
        snippet_html=entry.snippet_html,
        url=entry.url,
        committee=entry.committee,
        date=entry.date,
        page=page,
        pack_url=entry.pack_url,
        pack_page=pack_page,
        withheld=entry.is_restricted or not entry.is_published,
    )
