"""
The keys of the public home and meeting pages, kept rendered in Django's cache by
committees/page_cache.py (which says how: who may see what is asked first, the key a
digest of what the page shows, fingerprints of the tables behind a long agenda), and the
fingerprint of a committee's meetings for the committee page (meetings/committee_page.py).
"""

import functools

from django.core.exceptions import FieldDoesNotExist
from django.db.models.expressions import RawSQL

from committees import access
from committees.page_cache import (  # noqa: F401  (serve and the rest, for meetings' views)
    KEY_PREFIX,
    PAGE_SECONDS,
    is_cacheable,
    row_values,
    serve,
)
from committees.page_cache import fingerprint as _fingerprint
from committees.page_cache import joined as _joined
from committees.page_cache import sql_name as _name

from .models import AgendaItem, Document, Meeting


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


def with_meeting_fingerprint(meetings):
    """Meetings with `fingerprint`: what their pages read besides the rows themselves."""
    return meetings.annotate(fingerprint=RawSQL(_meeting_sql(), ()))


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


def meetings_key(name: str, meetings) -> list:
    """A page listing a few meetings: each with its committee and council."""
    values = [name]
    for meeting in meetings:
        values += [*row_values(meeting), *row_values(meeting.committee)]
        values += row_values(meeting.council)
    return values
