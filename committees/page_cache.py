"""
The public pages kept rendered in Django's cache: the machinery, and the committee page.

Who may see what is still decided on every request, by committees/access.py, before the
cache is asked: the view reads the meeting (or committee), asks access.py, and what
access.py answered for this visitor is part of the key. Only the public's pages are kept:
a signed-in visitor (an officer sees drafts and edit buttons, a member exempt papers) always
gets a page rendered for them, and is never served a kept page.

The key is a digest of what the page shows, read afresh on every request: the rows
themselves where the page lists few (the meeting, its committee and council; the home
page's meetings), and for the tables behind a long agenda a fingerprint of each (how many
rows, the newest id, the latest change, how many are exempt or published), computed in
the query that reads the meeting or committee. So a change makes a new key by itself: a
new item, a paper made exempt, a pack published or withdrawn, minutes published, the
agenda unpublished show on the next request, and nothing has to remember to invalidate.
What no fingerprint sees (a member's name corrected, a word of a minute changed for one
as long) shows within PAGE_SECONDS.

A kept page holds no CSRF token, no message and no CSP nonce: a page whose rendering used
a CSRF token is not kept, a visitor with messages waiting gets a page of their own, and
the nonce is taken out when the page is kept and this response's own put back.

This is the committees app's, as every app builds on it; the meeting and home pages' keys
are meetings/page_cache.py's. What other apps show on the committee page fingerprints
itself through committees/committee_page.py.
"""

import datetime
import functools
import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import HttpResponse

from . import committee_page
from .models import Committee, Membership

PAGE_SECONDS = 60
KEY_PREFIX = "public-page:1"


def sql_name(model, field: str | None = None) -> str:
    """The quoted table of `model`, or the quoted column of its `field`."""
    name = model._meta.db_table if field is None else model._meta.get_field(field).column
    return connection.ops.quote_name(name)


def fingerprint(rows: str, *aggregates: str) -> str:
    """
    SQL for one text: how many `rows` (a FROM … WHERE … clause whose table is `t`) there
    are, the newest id among them and each of `aggregates` over them.
    """
    parts = [
        f"COALESCE(CAST({each} AS TEXT), '')" for each in ["COUNT(*)", "MAX(t.id)", *aggregates]
    ]
    return "(SELECT " + " || '|' || ".join(parts) + f" {rows})"


def joined(*fingerprints: str) -> str:
    return " || '#' || ".join(fingerprints)


@functools.cache
def _committee_sql() -> str:
    """
    The fingerprints of what the apps show on the committee page (meetings: its meetings)
    and of its current members (two dates).
    """
    outer = f"{sql_name(Committee)}.{sql_name(Committee, 'id')}"
    start, end = sql_name(Membership, "start_date"), sql_name(Membership, "end_date")
    return joined(
        *committee_page.fingerprints(outer),
        fingerprint(
            f"FROM {sql_name(Membership)} t WHERE t.{sql_name(Membership, 'committee')} = {outer} "
            f"AND (t.{start} IS NULL OR t.{start} <= %s) AND (t.{end} IS NULL OR t.{end} >= %s)",
            f"MAX(t.{start})",
            f"MAX(t.{end})",
            f"MAX(t.{sql_name(Membership, 'person')})",
        ),
    )


def with_committee_fingerprint(committees, today: datetime.date):
    """Committees with `fingerprint`: what the apps show of them, and their members on `today`."""
    return committees.annotate(fingerprint=RawSQL(_committee_sql(), (today, today)))


def row_values(row) -> list:
    """Every stored value of a row, and what the query annotated it with."""
    if row is None:
        return [None]
    values = [type(row).__name__, *(getattr(row, f.attname) for f in row._meta.concrete_fields)]
    return [*values, getattr(row, "fingerprint", None)]


def committee_key(committee) -> list:
    return [
        "committee",
        *row_values(committee),
        *row_values(committee.council),
        *row_values(committee.predecessor),
    ]


def is_cacheable(request) -> bool:
    """The public, asking to read, with no message waiting to be shown."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def serve(request, key: list, render_page, today: datetime.date):
    """
    The page for `key` (what it shows) from the cache for the public, or `render_page()`,
    kept for the next visitor when it is the public's and holds nothing of this visitor's.
    A kept page is its bytes cut where the response's CSP nonce was, joined again with this
    response's nonce.
    """
    if not is_cacheable(request):
        return render_page()
    digest = hashlib.sha256(repr([*key, today]).encode()).hexdigest()
    cache_key = f"{KEY_PREFIX}:{key[0]}:{digest}"
    pieces = cache.get(cache_key)
    if pieces is not None:
        return HttpResponse(str(request.csp_nonce).encode().join(pieces))
    response = render_page()
    if response.status_code == 200 and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        pieces = response.content.split(str(request.csp_nonce).encode())
        cache.set(cache_key, pieces, PAGE_SECONDS)
    return response
