"""
What meetings shows on a committee's public page (committees/committee_page.py),
registered by MeetingsConfig.ready(): its upcoming meetings and its last 20 past ones, as
the public may see them, and their fingerprint for the page's cache key.
"""

from committees.page_cache import fingerprint, sql_name

from .models import Meeting


def context(committee, today) -> dict:
    meetings = (
        Meeting.objects.filter(committee=committee)
        .select_related("committee__council")
        .visible_to_public()
    )
    return {
        "upcoming": meetings.upcoming(today),
        "past": meetings.past(today).order_by("-date")[:20],
    }


def meetings_fingerprint(outer: str) -> str:
    """The committee's meetings: how many, the newest, the latest change and publication."""
    return fingerprint(
        f"FROM {sql_name(Meeting)} t WHERE t.{sql_name(Meeting, 'committee')} = {outer}",
        f"MAX(t.{sql_name(Meeting, 'updated_at')})",
        f"COUNT(t.{sql_name(Meeting, 'agenda_published_at')})",
        f"MAX(t.{sql_name(Meeting, 'agenda_published_at')})",
    )
