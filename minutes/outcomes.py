"""
What became of an agenda item: its published minutes, their decisions, and what the outcome
tracker says of each decision, as one person may see them, in a fixed number of queries.

Used by the decisions register, the meeting page (the `minutes_by_item` tag) and the trail of
a topic (tracker/trail.py). Who sees what is committees/access.py's rule: `by_access` asks
`access.visible` for the rows of several committees at once.

The tracker app imports minutes, so minutes never imports tracker: a decision's tracker
entries are reached through the reverse relation the tracker declares (`tracker_entries`),
as meetings/dashboard.py reaches the minutes and the tracker.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Prefetch, QuerySet

from committees import access

from .models import Decision, Minute, MinutesSettings

# Text a reader who may not see an exempt minute is never sent: not even read for them.
WITHHELD_TEXT = ("body", "closing", "comments_intro")


def by_access(user, queryset: QuerySet, committees, path: str) -> QuerySet:
    """
    The rows of a queryset spanning several committees that this person may see:
    `access.visible` asked once for each kind of committee this person sees alike (what
    they may see of a committee is whether they see its unpublished and its exempt
    business), so the query stays one query however many committees there are.
    `path` leads from a row to its committee, e.g. "minutes__meeting__committee".
    """
    viewer = access.viewer_for(user)
    alike: dict[tuple[bool, bool], list] = {}
    for committee in committees:
        key = (viewer.sees_unpublished(committee), viewer.sees_exempt(committee))
        alike.setdefault(key, []).append(committee)
    combined = queryset.none()
    for members in alike.values():
        rows = queryset.filter(**{f"{path}__in": [each.pk for each in members]})
        combined = combined | access.visible(user, rows, members[0])
    return combined


def tracker_entry_model():
    """The tracker's entry model, through Decision's reverse relation; None without it."""
    try:
        return Decision._meta.get_field("tracker_entries").related_model
    except FieldDoesNotExist:
        return None


def with_outcomes(decisions: QuerySet) -> QuerySet:
    """Decisions with their tracker entries (status, tracker and exemption sources read)."""
    entry_model = tracker_entry_model()
    if entry_model is None:
        return decisions
    entries = entry_model.objects.select_related(
        "status", "tracker__committee__council", "agenda_item__parent"
    ).order_by("pk")
    return decisions.prefetch_related(Prefetch("tracker_entries", queryset=entries))


def outcomes_of(decision: Decision, user) -> list:
    """The tracker entries made from this decision that this person may see."""
    if tracker_entry_model() is None:
        return []
    return [entry for entry in decision.tracker_entries.all() if access.may_see(user, entry)]


def number_prefixes(committee_ids) -> dict[int, str]:
    """Each committee's minute number prefix ("CAY"), in one query."""
    return dict(
        MinutesSettings.objects.filter(committee_id__in=set(committee_ids)).values_list(
            "committee_id", "number_prefix"
        )
    )


@dataclass
class DecisionOutcome:
    decision: Decision
    outcomes: list = field(default_factory=list)


@dataclass
class MinuteOutcome:
    """
    One published minute as this person may read it. A withheld (exempt) minute keeps its
    number, heading and agenda item and its Schedule 12A paragraph; its text and decisions
    were not read.
    """

    minute: Minute
    withheld: bool = False
    decisions: list[DecisionOutcome] = field(default_factory=list)

    @property
    def meeting(self):
        return self.minute.minutes.meeting

    @property
    def is_restricted(self) -> bool:
        return self.minute.is_restricted


MINUTE_ORDER = (
    "minutes__meeting__date",
    "minutes__meeting__start_time",
    "number",
    F("paragraph").asc(nulls_first=True),
    "pk",
)


def minute_outcomes(user, minutes: QuerySet, committees) -> list[MinuteOutcome]:
    """
    The published minutes among `minutes` (a Minute queryset of `committees`' meetings),
    oldest first, each with its decisions and their tracker outcomes as this person may see
    them. Five queries at most however many minutes, decisions and entries there are.
    """
    committees = list(committees)
    published = (
        minutes.published()
        .filter(minutes__meeting__committee__in=[committee.pk for committee in committees])
        .select_related("minutes__meeting__committee__council", "agenda_item__parent")
    )
    shown = list(
        by_access(user, published, committees, "minutes__meeting__committee")
        .prefetch_related(
            Prefetch(
                "decisions", queryset=with_outcomes(Decision.objects.order_by("position", "pk"))
            )
        )
        .order_by(*MINUTE_ORDER)
    )
    viewer = access.viewer_for(user)
    withheld = []
    if not all(viewer.sees_exempt(committee) for committee in committees):
        withheld = list(
            published.exclude(pk__in=[minute.pk for minute in shown])
            .defer(*WITHHELD_TEXT)
            .order_by(*MINUTE_ORDER)
        )
    if not shown and not withheld:
        return []
    prefixes = number_prefixes(committee.pk for committee in committees)
    rows = []
    for minute in shown:
        minute.number_prefix = prefixes.get(minute.minutes.meeting.committee_id, "")
        decisions = list(minute.decisions.all())
        for decision in decisions:
            decision.minute = minute
        rows.append(
            MinuteOutcome(
                minute=minute,
                decisions=[
                    DecisionOutcome(decision=decision, outcomes=outcomes_of(decision, user))
                    for decision in decisions
                ],
            )
        )
    for minute in withheld:
        # Only the exempt minutes this person may not see are here (the rest were shown).
        minute.number_prefix = prefixes.get(minute.minutes.meeting.committee_id, "")
        rows.append(MinuteOutcome(minute=minute, withheld=True))
    rows.sort(key=lambda row: _order_key(row.minute))
    return rows


def _order_key(minute: Minute):
    meeting = minute.minutes.meeting
    paragraph = -1 if minute.paragraph is None else minute.paragraph
    return (meeting.date, meeting.start_time, minute.number, paragraph, minute.pk)


def minutes_by_item(user, meeting) -> dict[int, list[MinuteOutcome]]:
    """A meeting's published minutes by the agenda item they record, for its page."""
    rows = minute_outcomes(
        user,
        Minute.objects.filter(minutes__meeting=meeting, agenda_item__isnull=False),
        [meeting.committee],
    )
    by_item: dict[int, list[MinuteOutcome]] = {}
    for row in rows:
        row.minute.minutes.meeting = meeting  # already read, with its committee and council
        by_item.setdefault(row.minute.agenda_item_id, []).append(row)
    return by_item
