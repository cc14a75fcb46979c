"""
What an alert says about each kind of event: public information only, read as the public
reads it (committees/access.py, as an anonymous visitor), with links to the public pages.
Nothing here names an exempt item or paper.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from committees import access
from committees.formatting import meeting_datetime, plain_date
from committees.models import Committee
from meetings.models import AgendaItem, Document, Meeting
from minutes.models import Minutes
from packs.models import PackVersion

from .mail import absolute

PACK, MINUTES, MEETING = "pack", "minutes", "meeting"


@dataclass(frozen=True)
class Alert:
    key: str
    committee: Committee
    subject: str
    paragraphs: list[str]
    link_text: str
    url: str
    listed: list[str] = field(default_factory=list)
    listed_heading: str = ""


def describe(kind: str, object_id: int, key: str, notice: str = "", status: str = ""):
    """The alert for this event, or None when there is nothing (public) to tell."""
    public = AnonymousUser()
    if kind == PACK:
        return _pack(public, object_id, key)
    if kind == MINUTES:
        return _minutes(public, object_id, key)
    if kind == MEETING:
        return _meeting(public, object_id, key, notice, status)
    raise ValueError(f"No alerts for {kind!r}")


def _when(meeting: Meeting) -> str:
    when = meeting_datetime(meeting.date, meeting.start_time)
    return f"{when}, {meeting.venue}" if meeting.venue else when


def _pack(public, version_id: int, key: str) -> Alert | None:
    version = (
        PackVersion.objects.select_related("meeting__committee__council")
        .filter(
            pk=version_id,
            kind=PackVersion.Kind.PUBLIC,
            status=PackVersion.Status.READY,
            withdrawn_at__isnull=True,
        )
        .first()
    )
    if version is None or not access.may_see(public, version):
        return None
    meeting = version.meeting
    committee = meeting.committee
    url = absolute(f"{meeting.get_absolute_url()}#pack")
    day = plain_date(meeting.date)
    if version.is_supplement:
        papers = (
            access.visible(public, Document.objects.filter(meeting=meeting).current(), committee)
            .filter(published_at=version.finished_at)
            .select_related("agenda_item__parent")
            .order_by("agenda_item__position", "position", "pk")
        )
        return Alert(
            key=key,
            committee=committee,
            subject=f"Supplement {version.supplement_number} to the agenda: "
            f"{committee.name}, {day}",
            paragraphs=[
                f"Supplement {version.supplement_number} to the agenda of the {committee.name} "
                f"meeting on {_when(meeting)} is published."
            ],
            listed_heading="Papers it publishes:" if papers else "",
            listed=[_paper_line(paper) for paper in papers],
            link_text="Read the supplement and the agenda",
            url=url,
        )
    first = not (
        meeting.pack_versions.ready()
        .filter(kind=PackVersion.Kind.PUBLIC, is_supplement=False, number__lt=version.number)
        .exists()
    )
    items = access.visible(
        public, AgendaItem.objects.filter(meeting=meeting, parent__isnull=True), committee
    ).order_by("position")
    return Alert(
        key=key,
        committee=committee,
        subject=f"{'New agenda' if first else 'Agenda updated'}: {committee.name}, {day}",
        paragraphs=[
            f"The agenda for the {committee.name} meeting on {_when(meeting)} "
            f"{'is published' if first else 'has been published again, with changes'}."
        ],
        listed_heading="Items:" if items else "",
        listed=[f"{item.label}. {item.title}" for item in items],
        link_text="Read the agenda and its papers",
        url=url,
    )


def _paper_line(paper: Document) -> str:
    item = paper.agenda_item
    if item is None:
        return paper.title
    number = f"{item.parent.label}{item.label}" if item.parent_id else item.label
    return f"Item {number}: {paper.title}"


def _minutes(public, minutes_id: int, key: str) -> Alert | None:
    minutes = Minutes.objects.select_related("meeting__committee__council").filter(pk=minutes_id)
    minutes = minutes.first()
    if minutes is None or not access.may_see(public, minutes):
        return None
    meeting = minutes.meeting
    committee = meeting.committee
    return Alert(
        key=key,
        committee=committee,
        subject=f"Minutes published: {committee.name}, {plain_date(meeting.date)}",
        paragraphs=[
            f"The minutes of the {committee.name} meeting on {_when(meeting)} are published, "
            "as a draft: the committee approves them at a later meeting."
        ],
        link_text="Read the minutes",
        url=absolute(minutes.get_absolute_url()),
    )


CALLED_OFF = {
    Meeting.Status.CANCELLED: "Meeting cancelled",
    Meeting.Status.POSTPONED: "Meeting postponed",
}


def _meeting(public, meeting_id: int, key: str, notice: str, status: str) -> Alert | None:
    meeting = Meeting.objects.select_related("committee__council").filter(pk=meeting_id).first()
    if meeting is None or not access.may_see(public, meeting):
        return None
    committee = meeting.committee
    called_off = CALLED_OFF.get(status)
    if called_off:
        what = f"{called_off}: {committee.name}, {plain_date(meeting.date)}"
    else:  # moved: the notice says from when and where to when and where
        what = f"Meeting moved: {committee.name}"
    # The notice as it was when the meeting changed: it is what the meeting page said then.
    return Alert(
        key=key,
        committee=committee,
        subject=what,
        paragraphs=[notice or meeting.notice],
        link_text="See the meeting's page",
        url=absolute(meeting.get_absolute_url()),
    )
