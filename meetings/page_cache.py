"""
The public home, committee and meeting pages, kept rendered in Django's cache.

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
"""

import datetime
import functools
import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import HttpResponse

from committees import access
from committees.models import Committee, Membership

from .models import AgendaItem, Document, Meeting

PAGE_SECONDS = 60
KEY_PREFIX = "public-page:1"


def _name(model, field: str | None = None) -> str:
    """The quoted table of `model`, or the quoted column of its `field`."""
    name = model._meta.db_table if field is None else model._meta.get_field(field).column
    return connection.ops.quote_name(name)


def _fingerprint(rows: str, *aggregates: str) -> str:
    """
    SQL for one text: how many `rows` (a FROM … WHERE … clause whose table is `t`) there
    are, the newest id among them and each of `aggregates` over them.
    """
    parts = [
        f"COALESCE(CAST({each} AS TEXT), '')" for each in ["COUNT(*)", "MAX(t.id)", *aggregates]
    ]
    return "(SELECT " + " || '|' || ".join(parts) + f" {rows})"


def _joined(*fingerprints: str) -> str:
    return " || '#' || ".join(fingerprints)


def _related_model(model, name: str):
    """A model reached through a reverse relation, so this app imports none of its readers."""
    return model._meta.get_field(name).related_model


@functools.cache
def _meeting_sql() -> str:
    """
    The fingerprints of what a meeting's page reads besides the meeting, its committee and
    council: its items and papers, the meetings items were deferred to, its packs, its
    minutes with their minutes and decisions (and the length of their text, so that a
    corrected minute shows), and the tracker entries made from those.
    Written once as SQL: built with the ORM's expressions, it took far longer to compile
    than to run.
    """
    outer = f"{_name(Meeting)}.{_name(Meeting, 'id')}"
    packs = _related_model(Meeting, "pack_versions")
    minutes = _related_model(Meeting, "minutes")
    minute = _related_model(minutes, "minute_entries")
    decision = _related_model(minute, "decisions")
    of_meeting = f"WHERE t.{_name(AgendaItem, 'meeting')} = {outer}"
    minutes_join = (
        f"JOIN {_name(minutes)} s ON s.id = t.{_name(minute, 'minutes')} "
        f"WHERE s.{_name(minutes, 'meeting')} = {outer}"
    )
    fingerprints = [
        _fingerprint(
            f"FROM {_name(AgendaItem)} t {of_meeting}",
            f"COUNT(CASE WHEN t.{_name(AgendaItem, 'is_exempt')} THEN 1 END)",
        ),
        _fingerprint(
            f"FROM {_name(AgendaItem)} t JOIN {_name(Meeting)} d "
            f"ON d.id = t.{_name(AgendaItem, 'deferred_to')} {of_meeting}",
            f"MAX(d.{_name(Meeting, 'updated_at')})",
        ),
        _fingerprint(
            f"FROM {_name(Document)} t WHERE t.{_name(Document, 'meeting')} = {outer}",
            f"COUNT(CASE WHEN t.{_name(Document, 'is_exempt')} THEN 1 END)",
            f"COUNT(t.{_name(Document, 'published_at')})",
            f"MAX(t.{_name(Document, 'published_at')})",
            f"COUNT(t.{_name(Document, 'replaced_by')})",
            f"MAX(t.{_name(Document, 'generated_at')})",
        ),
        _fingerprint(
            f"FROM {_name(packs)} t WHERE t.{_name(packs, 'meeting')} = {outer}",
            f"COUNT(CASE WHEN t.{_name(packs, 'status')} = '{packs.Status.READY}' THEN 1 END)",
            f"COUNT(t.{_name(packs, 'withdrawn_at')})",
            f"MAX(t.{_name(packs, 'finished_at')})",
        ),
        _fingerprint(
            f"FROM {_name(minutes)} t WHERE t.{_name(minutes, 'meeting')} = {outer}",
            f"MAX(t.{_name(minutes, 'status')})",
            f"MAX(t.{_name(minutes, 'updated_at')})",
        ),
        _fingerprint(
            f"FROM {_name(minute)} t {minutes_join}",
            f"SUM(LENGTH(t.{_name(minute, 'heading')}) + LENGTH(t.{_name(minute, 'body')}))",
        ),
        _fingerprint(
            f"FROM {_name(decision)} t JOIN {_name(minute)} m "
            f"ON m.id = t.{_name(decision, 'minute')} "
            f"JOIN {_name(minutes)} s ON s.id = m.{_name(minute, 'minutes')} "
            f"WHERE s.{_name(minutes, 'meeting')} = {outer}",
            f"SUM(LENGTH(t.{_name(decision, 'wording')}))",
        ),
    ]
    try:
        entry = _related_model(decision, "tracker_entries")
    except FieldDoesNotExist:  # the tracker app is not installed
        entry = None
    if entry is not None:
        fingerprints.append(
            _fingerprint(
                f"FROM {_name(entry)} t JOIN {_name(decision)} c "
                f"ON c.id = t.{_name(entry, 'decision')} JOIN {_name(minute)} m "
                f"ON m.id = c.{_name(decision, 'minute')} "
                f"JOIN {_name(minutes)} s ON s.id = m.{_name(minute, 'minutes')} "
                f"WHERE s.{_name(minutes, 'meeting')} = {outer}",
                f"MAX(t.{_name(entry, 'last_updated_on')})",
                f"MAX(t.{_name(entry, 'archived_on')})",
                f"MAX(t.{_name(entry, 'status')})",
            )
        )
    return _joined(*fingerprints)


@functools.cache
def _committee_sql() -> str:
    """The fingerprints of a committee's meetings and of its current members (two dates)."""
    outer = f"{_name(Committee)}.{_name(Committee, 'id')}"
    start, end = _name(Membership, "start_date"), _name(Membership, "end_date")
    return _joined(
        _fingerprint(
            f"FROM {_name(Meeting)} t WHERE t.{_name(Meeting, 'committee')} = {outer}",
            f"MAX(t.{_name(Meeting, 'updated_at')})",
            f"COUNT(t.{_name(Meeting, 'agenda_published_at')})",
            f"MAX(t.{_name(Meeting, 'agenda_published_at')})",
        ),
        _fingerprint(
            f"FROM {_name(Membership)} t WHERE t.{_name(Membership, 'committee')} = {outer} "
            f"AND (t.{start} IS NULL OR t.{start} <= %s) AND (t.{end} IS NULL OR t.{end} >= %s)",
            f"MAX(t.{start})",
            f"MAX(t.{end})",
            f"MAX(t.{_name(Membership, 'person')})",
        ),
    )


def with_meeting_fingerprint(meetings):
    """Meetings with `fingerprint`: what their pages read besides the rows themselves."""
    return meetings.annotate(fingerprint=RawSQL(_meeting_sql(), ()))


def with_committee_fingerprint(committees, today: datetime.date):
    """Committees with `fingerprint`: their meetings and their members on `today`."""
    return committees.annotate(fingerprint=RawSQL(_committee_sql(), (today, today)))


def row_values(row) -> list:
    """Every stored value of a row, and what the query annotated it with."""
    if row is None:
        return [None]
    values = [type(row).__name__, *(getattr(row, f.attname) for f in row._meta.concrete_fields)]
    return [*values, getattr(row, "fingerprint", None)]


def meeting_key(user, meeting: Meeting) -> list:
    """What the meeting's page shows this visitor, as access.py decides it."""
    return [
        "meeting",
        access.may_see(user, meeting),
        access.sees_exempt(user, meeting.committee),
        *row_values(meeting),
        *row_values(meeting.committee),
        *row_values(meeting.council),
    ]


def committee_key(committee) -> list:
    return [
        "committee",
        *row_values(committee),
        *row_values(committee.council),
        *row_values(committee.predecessor),
    ]


def meetings_key(name: str, meetings) -> list:
    """A page listing a few meetings: each with its committee and council."""
    values = [name]
    for meeting in meetings:
        values += [*row_values(meeting), *row_values(meeting.committee)]
        values += row_values(meeting.council)
    return values


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
