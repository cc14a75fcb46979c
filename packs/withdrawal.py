"""
Public packs that hold a paper which has since become exempt.

A paper (or its item, or the item that is a part of) can be made exempt after the
agenda was published. From that moment every public version that printed the paper is
withdrawn: its download answers 410 Gone (decided here, from what the version printed,
so there is no gap to wait for), and `withdraw_exposed_packs` records the withdrawal in
the meeting's history and publishes a corrected version with withheld pages.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from committees.models import Committee
from meetings import paper_sources
from meetings.models import Document, Meeting, MeetingChange

from . import services
from .models import PackVersion
from .rows import EXEMPT_PAPER_TITLE

RECENT_CHANGES = datetime.timedelta(minutes=30)


def printed_document_ids(version: PackVersion) -> set[int]:
    """The papers this version printed in full (not those it withheld)."""
    ids = set()
    for row in (version.summary or {}).get("rows", []):
        for paper in row["papers"]:
            withheld = paper.get("withheld", paper["title"] == EXEMPT_PAPER_TITLE)
            if paper["key"].startswith("doc:") and not withheld:
                ids.add(int(paper["key"].removeprefix("doc:")))
    return ids


def now_exempt_papers(version: PackVersion) -> list[Document]:
    """
    Papers a public version printed that are exempt now, or that printed (being made from
    data: minutes, tracker) a minute or an entry that is exempt now. Empty for a confidential
    version.
    """
    if version.is_confidential:
        return []
    printed_ids = printed_document_ids(version)
    documents = Document.objects.filter(pk__in=printed_ids).select_related("agenda_item__parent")
    exposed = {document.pk for document in documents if document.is_exempt_information}
    exposed |= generated_papers_now_exposing(version) & printed_ids
    return [document for document in documents if document.pk in exposed]


def generated_papers_now_exposing(version: PackVersion) -> set[int]:
    """Generated papers of this version that printed in full something exempt now."""
    prints_by_document = {
        int(paper["key"].removeprefix("doc:")): set(paper.get("prints", []))
        for row in (version.summary or {}).get("rows", [])
        for paper in row["papers"]
        if paper["key"].startswith("doc:") and paper.get("prints")
    }
    restricted = paper_sources.now_restricted(set().union(*prints_by_document.values()))
    return {pk for pk, prints in prints_by_document.items() if prints & restricted}


def is_withdrawn(version: PackVersion) -> bool:
    return version.withdrawn_at is not None or bool(now_exempt_papers(version))


def withdraw_exposed_packs(now: datetime.datetime | None = None) -> int:
    """
    For beat, every minute: withdraw the public versions that print a paper exempt since,
    and publish a corrected version. Idempotent. It looks at the meetings of committees with
    a recent change, and of their successors: a later meeting's pack prints the minutes and
    tracker entries of earlier ones.
    """
    now = now or timezone.now()
    changed = Meeting.objects.filter(changes__created_at__gte=now - RECENT_CHANGES)
    committee_ids = set(changed.values_list("committee_id", flat=True))
    committee_ids |= set(
        Committee.objects.filter(predecessor_id__in=committee_ids).values_list("pk", flat=True)
    )
    meetings = Meeting.objects.filter(committee_id__in=committee_ids, pack_versions__isnull=False)
    meetings = meetings.distinct()
    withdrawn = 0
    for meeting in meetings:
        withdrawn += withdraw_for_meeting(meeting, now)
    return withdrawn


def withdraw_for_meeting(meeting: Meeting, now: datetime.datetime) -> int:
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        current = services.current_pack(meeting)
        exposed = [
            version
            for version in meeting.pack_versions.filter(
                kind=PackVersion.Kind.PUBLIC,
                status=PackVersion.Status.READY,
                withdrawn_at__isnull=True,
            )
            if now_exempt_papers(version)
        ]
        for version in exposed:
            version.withdrawn_at = now
            version.withdrawn_reason = "It printed a paper that has since been marked exempt."
            version.save(update_fields=["withdrawn_at", "withdrawn_reason"])
            MeetingChange.objects.create(
                meeting=meeting,
                revision=meeting.revision,
                action="pack.withdraw",
                summary=(
                    f"Withdrew {version.title.lower()} version {version.number}: it printed "
                    "a paper that has since been marked exempt"
                ),
                created_at=now,
            )
        if current in exposed:
            services.publish(meeting, user=None)
    return len(exposed)
