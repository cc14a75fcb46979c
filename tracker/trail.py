"""
The life of an issue: the trail of an agenda item's topic, from the work programme entry
that proposed it, through the meetings that discussed it and their minutes and decisions,
to the outcome tracker's entries and their history.

It lives here because the tracker app may import everything it needs (minutes, meetings,
committees) without a cycle. Who sees what is committees/access.py's rule, asked for every
row: items, minutes and decisions through minutes/outcomes.py, tracker entries through
`access.visible` and `access.may_see`; an exempt entry's text (its title included) is never
read for someone who may not see it, so it cannot draw anything into their trail.

The same topic is:
- the same work programme entry (one linked to an item of the trail);
- an item deferred from, or deferred to, an item of the trail;
- the tracker entries agreed under, or minuted under, an item of the trail, and the items
  they were agreed under;
- and, across the committee and those it replaced or that replaced it, items, work
  programme entries and tracker entries whose titles say the same thing: equal once case,
  punctuation and spacing are set aside, or one the start of the other ("LA Maintained
  Schools Core Offer – update" and "… – update / response from last meeting"). Procedural
  and standing items ("Apologies for Absence", "Work Programme") come back at every meeting
  and are never matched by title.
"""

import re
from dataclasses import dataclass, field

from committees import access
from committees.lineage import lineage
from meetings.models import AgendaItem, Meeting
from minutes.models import Minute
from minutes.outcomes import MinuteOutcome, by_access, minute_outcomes
from workprogramme.models import WorkProgrammeItem

from .models import StatusChange, TrackerEntry
from .services import current_committee

# Items that come back at every meeting under the same title: never matched by title.
RECURRING = (AgendaItem.Kind.PROCEDURAL, AgendaItem.Kind.STANDING)
# Meetings that did not take place as announced: nothing was discussed there.
NOT_HELD = (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED)
# The shortest title (in words) that may match a longer one by its start.
PREFIX_WORDS = 3

_APOSTROPHES = re.compile(r"['’‘`]")
_NOT_WORD = re.compile(r"[\W_]+")


def topic_key(title: str) -> str:
    """ "LA Maintained Schools – Core Offer – update": "la maintained schools core offer update"."""
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", title.casefold())).strip()


def same_topic(key: str, other: str) -> bool:
    if not key or not other:
        return False
    if key == other:
        return True
    short, long = sorted((key, other), key=len)
    return len(short.split()) >= PREFIX_WORDS and long.startswith(short + " ")


@dataclass
class TrailMeeting:
    """One meeting of the trail: the items of the topic there and their minutes."""

    meeting: Meeting
    items: list[AgendaItem] = field(default_factory=list)
    minutes: list[MinuteOutcome] = field(default_factory=list)
    entries: list[TrackerEntry] = field(default_factory=list)  # agreed here
    when: str = "earlier"  # "earlier", "this" or "later"


@dataclass
class TrailEntry:
    entry: TrackerEntry
    history: list[StatusChange] = field(default_factory=list)


@dataclass
class Trail:
    item: AgendaItem
    proposed_by: list[WorkProgrammeItem]
    also_planned: list[WorkProgrammeItem]
    meetings: list[TrailMeeting]
    entries: list[TrailEntry]

    @property
    def meeting(self) -> Meeting:
        return self.item.meeting

    @property
    def work_programme(self) -> list[tuple[WorkProgrammeItem, bool]]:
        """Each entry, and whether it proposed this item."""
        return [(row, True) for row in self.proposed_by] + [
            (row, False) for row in self.also_planned
        ]

    @property
    def earlier(self) -> list[TrailMeeting]:
        return [row for row in self.meetings if row.when == "earlier"]

    @property
    def decisions(self) -> list:
        return [
            outcome
            for row in self.meetings
            for minute in row.minutes
            for outcome in minute.decisions
        ]


def family(committee) -> list:
    """The committee, those it replaced and those that replaced it: one history."""
    chain = {each.pk: each for each in lineage(current_committee(committee))}
    for each in lineage(committee):
        chain.setdefault(each.pk, each)
    return list(chain.values())


def _thread(item: AgendaItem, user, committees) -> set[int]:
    """The items of the same topic that this person may see: by title and by deferral."""
    key = topic_key(item.title)
    candidates = list(
        by_access(
            user,
            AgendaItem.objects.filter(meeting__committee__in=[c.pk for c in committees]).exclude(
                meeting__status__in=NOT_HELD
            ),
            committees,
            "meeting__committee",
        ).values_list("pk", "title", "kind", "deferred_from_id")
    )
    thread = {item.pk}
    if item.kind not in RECURRING:
        thread |= {
            pk
            for pk, title, kind, _ in candidates
            if kind not in RECURRING and same_topic(key, topic_key(title))
        }
    # Deferred from an earlier meeting, or on to a later one: the same item, moved.
    deferred_from = {pk: source for pk, _, _, source in candidates if source}
    visible = {pk for pk, *_ in candidates}
    changed = True
    while changed:
        before = len(thread)
        thread |= {deferred_from[pk] for pk in thread if deferred_from.get(pk) in visible}
        thread |= {pk for pk, source in deferred_from.items() if source in thread}
        changed = len(thread) != before
    return thread


def _work_programme(item: AgendaItem, thread: set[int], committees):
    """The work programme entries of the topic: those that proposed this item first."""
    key = topic_key(item.title)
    rows = list(
        WorkProgrammeItem.objects.filter(programme__committee__in=[c.pk for c in committees])
        .select_related("programme__committee", "meeting", "agenda_item__meeting")
        .order_by("programme__municipal_year", "position", "pk")
    )
    recurring = item.kind in RECURRING
    proposed, planned = [], []
    for row in rows:
        titled = not recurring and same_topic(key, topic_key(row.title))
        if row.agenda_item_id == item.pk or (
            not row.agenda_item_id and row.meeting_id == item.meeting_id and titled
        ):
            proposed.append(row)
        elif row.agenda_item_id in thread or titled:
            planned.append(row)
    return proposed, planned


def _entries(user, item: AgendaItem, thread: set[int], committees) -> list[TrackerEntry]:
    """The tracker entries of the topic that this person may see, oldest first."""
    key = topic_key(item.title)
    entries = (
        by_access(
            user,
            TrackerEntry.objects.filter(tracker__committee__in=[c.pk for c in committees]),
            committees,
            "tracker__committee",
        )
        .for_display()
        .select_related("tracker__committee__council", "meeting__committee")
        .order_by("agreed_on", "position", "pk")
    )
    chosen = []
    for entry in entries:
        if not access.may_see(user, entry):
            continue
        minuted_under = entry.decision.minute.agenda_item_id if entry.decision_id else None
        if (
            entry.agenda_item_id in thread
            or minuted_under in thread
            or (item.kind not in RECURRING and same_topic(key, topic_key(entry.item_title)))
        ):
            chosen.append(entry)
    return chosen


def trail_for(item: AgendaItem, user) -> Trail:
    """
    The trail of this item's topic as this person may see it (the caller has checked that
    they may see the item). A fixed number of queries however long the trail.
    """
    committees = family(item.meeting.committee)
    thread = _thread(item, user, committees)
    proposed, planned = _work_programme(item, thread, committees)
    thread |= {row.agenda_item_id for row in planned if row.agenda_item_id}
    entries = _entries(user, item, thread, committees)
    thread |= {entry.agenda_item_id for entry in entries if entry.agenda_item_id}
    # Only what this person may see: a work programme entry may link to any item.
    items = list(
        by_access(
            user,
            AgendaItem.objects.filter(pk__in=thread),
            committees,
            "meeting__committee",
        )
        .select_related("meeting__committee__council", "parent", "deferred_to")
        .order_by("meeting__date", "meeting__start_time", "parent__position", "position")
    )
    if item.pk not in {each.pk for each in items}:
        items.append(item)
    minutes = minute_outcomes(
        user, Minute.objects.filter(agenda_item__in=[each.pk for each in items]), committees
    )

    meetings: dict[int, TrailMeeting] = {}

    def row_for(meeting):
        if meeting.pk not in meetings:
            meetings[meeting.pk] = TrailMeeting(meeting=meeting)
        return meetings[meeting.pk]

    for each in items:
        row_for(each.meeting).items.append(each)
    for minute in minutes:
        row_for(minute.meeting).minutes.append(minute)
    for entry in entries:
        row_for(entry.meeting).entries.append(entry)
    for row in meetings.values():
        meeting = row.meeting
        if meeting.pk == item.meeting_id:
            row.when = "this"
        elif (meeting.date, meeting.start_time) > (item.meeting.date, item.meeting.start_time):
            row.when = "later"
    ordered = sorted(meetings.values(), key=lambda row: (row.meeting.date, row.meeting.start_time))

    history: dict[int, list[StatusChange]] = {}
    for change in StatusChange.objects.filter(
        entry__in=[entry.pk for entry in entries]
    ).select_related("from_status", "to_status"):
        history.setdefault(change.entry_id, []).append(change)
    return Trail(
        item=item,
        proposed_by=proposed,
        also_planned=planned,
        meetings=ordered,
        entries=[TrailEntry(entry=entry, history=history.get(entry.pk, [])) for entry in entries],
    )
