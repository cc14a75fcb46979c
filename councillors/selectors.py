"""
What the councillors' area shows: the meetings of the committees a person sits on now,
each with its packs and the papers this person may see.

Who may see what is committees/access.py's to say; this module only asks it (per row, in
Python, so the cost stays a fixed number of queries however many meetings and papers
there are).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from committees import access
from committees.models import Person
from committees.roles import manages
from meetings.models import Document, Meeting
from packs.models import PackVersion

RECENT_MEETINGS = 6
PREVIOUS_VISIT_KEY = "previous_visit"  # written by the sign-in view, read here


@dataclass
class Paper:
    document: Document
    is_new: bool = False

    @property
    def label(self) -> str:
        """ "Item 5", "Item 5(a)", or "Annex"."""
        item = self.document.agenda_item
        if item is None:
            return "Annex"
        if item.parent_id:
            return f"Item {item.parent.label}{item.label}"
        return f"Item {item.label}"


@dataclass
class MeetingEntry:
    meeting: Meeting
    public_pack: PackVersion | None = None
    confidential_pack: PackVersion | None = None
    supplements: list[PackVersion] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)

    @property
    def new_papers(self) -> int:
        return sum(paper.is_new for paper in self.papers)

    @property
    def downloadable_papers(self) -> int:
        return sum(bool(paper.document.file) for paper in self.papers)


@dataclass
class MyMeetings:
    person: Person
    upcoming: list[MeetingEntry]
    recent: list[MeetingEntry]
    previous_visit: datetime.datetime | None


def previous_visit(session) -> datetime.datetime | None:
    """When this person last visited, as the sign-in view left it; None if it did not."""
    value = session.get(PREVIOUS_VISIT_KEY)
    if not isinstance(value, str):
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def person_for(user) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def changed_at(document: Document) -> datetime.datetime:
    """When the paper last became new to its readers: added, published or regenerated."""
    return max(
        moment
        for moment in (document.created_at, document.published_at, document.generated_at)
        if moment is not None
    )


def paper_order(document: Document) -> tuple:
    """Annexes first, then agenda order: item, its sub-parts, then the papers' own order."""
    item = document.agenda_item
    if item is None:
        return (0, 0, 0, document.position, document.pk)
    if item.parent_id:
        return (1, item.parent.position, item.position, document.position, document.pk)
    return (1, item.position, 0, document.position, document.pk)


def visible_papers(user, meetings: list[Meeting]) -> dict[int, list[Document]]:
    """The current papers of these meetings that this person may see, in agenda order."""
    by_pk = {meeting.pk: meeting for meeting in meetings}
    documents = (
        Document.objects.filter(meeting_id__in=by_pk)
        .current()
        .select_related("agenda_item__parent")
        .defer("body")
    )
    papers: dict[int, list[Document]] = {pk: [] for pk in by_pk}
    for document in documents:
        document.meeting = by_pk[document.meeting_id]  # so access asks nothing more
        if access.may_see(user, document):
            papers[document.meeting_id].append(document)
    for documents_of_meeting in papers.values():
        documents_of_meeting.sort(key=paper_order)
    return papers


def current_packs(user, meetings: list[Meeting]) -> dict[int, dict]:
    """Per meeting: its newest ready public and confidential packs and their supplements."""
    by_pk = {meeting.pk: meeting for meeting in meetings}
    versions = (
        PackVersion.objects.ready()
        .filter(meeting_id__in=by_pk, withdrawn_at__isnull=True)
        .order_by("meeting_id", "is_supplement", "number")
    )
    packs: dict[int, dict] = {pk: {"public": None, "confidential": None, "all": []} for pk in by_pk}
    for version in versions:
        version.meeting = by_pk[version.meeting_id]
        if not access.may_see(user, version):
            continue
        entry = packs[version.meeting_id]
        entry["all"].append(version)
        if not version.is_supplement:
            entry[version.kind] = version  # ordered by number: the newest wins
    for entry in packs.values():
        mains = {version.pk for version in (entry["public"], entry["confidential"]) if version}
        entry["supplements"] = [
            version
            for version in entry["all"]
            if version.is_supplement and version.parent_id in mains
        ]
    return packs


def my_meetings(user, since: datetime.datetime | None, today: datetime.date | None = None):
    """
    The signed-in person's meetings: every upcoming one, and the six most recent, of the
    committees they sit on now. None if the user is not linked to a Person.
    """
    person = person_for(user)
    if person is None:
        return None
    today = today or timezone.localdate()
    committee_ids = access.viewer_for(user).member_of
    theirs = Meeting.objects.with_committee().filter(committee_id__in=committee_ids)
    upcoming_meetings = [
        meeting
        for meeting in theirs.filter(date__gte=today).order_by("date", "start_time", "pk")
        if access.may_see(user, meeting)
    ]
    # A few more than shown, as drafts among them are not theirs to see.
    latest = theirs.filter(date__lt=today).order_by("-date", "-start_time", "-pk")
    recent_meetings = [
        meeting for meeting in latest[: RECENT_MEETINGS * 3] if access.may_see(user, meeting)
    ]
    meetings = upcoming_meetings + recent_meetings[:RECENT_MEETINGS][::-1]
    papers = visible_papers(user, meetings)
    packs = current_packs(user, meetings)
    upcoming, recent = [], []
    for meeting in meetings:
        entry = MeetingEntry(
            meeting=meeting,
            public_pack=packs[meeting.pk]["public"],
            confidential_pack=packs[meeting.pk]["confidential"],
            supplements=packs[meeting.pk]["supplements"],
            papers=[
                Paper(document, is_new=since is not None and changed_at(document) > since)
                for document in papers[meeting.pk]
            ],
        )
        (upcoming if meeting.date >= today else recent).append(entry)
    recent.reverse()  # the most recent first
    return MyMeetings(person=person, upcoming=upcoming, recent=recent, previous_visit=since)


def in_my_area(user, meeting: Meeting) -> bool:
    """
    Whether this meeting belongs to the user's own area: a meeting they may see, of a
    committee they sit on now or (as an officer) run. What they may read of it is still
    decided paper by paper by committees/access.py.
    """
    if not access.may_see(user, meeting):
        return False
    committee = meeting.committee
    return committee.pk in access.viewer_for(user).member_of or manages(user, committee)


def zip_papers(user, meeting: Meeting) -> list[Document]:
    """The papers of the meeting this person may see that have a file to put in a ZIP."""
    return [document for document in visible_papers(user, [meeting])[meeting.pk] if document.file]
