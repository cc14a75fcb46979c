"""
Every change officers make to a work programme's items goes through here.

An item taken to a meeting's agenda stays linked to its agenda item
(WorkProgrammeItem.agenda_item). Whatever takes the item off that meeting (planning it for
another meeting or for none, dropping it, removing it from the work programme):

- is refused while the meeting's agenda is published: its items keep their places, and
  the agenda editor defers an item to a later meeting;
- from a draft agenda, takes the agenda item off that agenda too (meetings.services,
  so the meeting's history records it), unless the agenda item has papers or sub-parts:
  then the officer deals with those in the agenda editor first.

Ordering: an item moves up or down among the items listed with it on the work programme
page (one meeting's items, one heading's, the items to be scheduled).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from committees.formatting import plain_date
from meetings import services as meeting_services
from meetings.models import AgendaItem, Document, Meeting

from .models import WorkProgramme, WorkProgrammeItem
from .selectors import work_plan

ITEM_FIELDS = [
    "title",
    "purpose",
    "lead_officer",
    "service_area",
    "forward_plan_ref",
    "section",
    "meeting",
    "group_heading",
    "status",
    "decision_reason",
]
Status = WorkProgrammeItem.Status
Section = WorkProgrammeItem.Section


@dataclass
class AgendaLink:
    """Where an item is on a meeting's agenda, and what taking it off that meeting does."""

    agenda_item: AgendaItem
    meeting: Meeting
    has_papers_or_parts: bool

    @property
    def is_published(self) -> bool:
        return self.meeting.is_agenda_published

    @property
    def where(self) -> str:
        state = "published" if self.is_published else "draft"
        return (
            f"item {self.agenda_item.label} on the {state} agenda of the meeting on "
            f"{plain_date(self.meeting.date)}"
        )

    @property
    def can_take_off(self) -> bool:
        return not self.is_published and not self.has_papers_or_parts

    @property
    def hint(self) -> str:
        """What the edit form says, next to "Planned for", about taking it off the meeting."""
        day = plain_date(self.meeting.date)
        if self.is_published:
            return f"It stays planned for the meeting on {day} while it is on its published agenda."
        if self.has_papers_or_parts:
            return f"It stays planned for the meeting on {day} while it has papers on its agenda."
        return (
            "Planning it for another meeting or for none, or dropping it, takes it off the "
            f"draft agenda of the meeting on {day} (item {self.agenda_item.label} is deleted)."
        )

    @property
    def refusal(self) -> str:
        """Why the item cannot leave its meeting, or "" when it can."""
        if self.is_published:
            return (
                f"This is {self.where}, so it stays planned for that meeting. To take it to a "
                "later meeting, defer it in the agenda editor."
            )
        if self.has_papers_or_parts:
            return (
                f"This is {self.where} and has papers or sub-parts there. Remove it from that "
                "agenda in the agenda editor first."
            )
        return ""


def agenda_link(item: WorkProgrammeItem) -> AgendaLink | None:
    if not item.agenda_item_id:
        return None
    agenda_item = (
        AgendaItem.objects.select_related("meeting__committee")
        .filter(pk=item.agenda_item_id)
        .first()
    )
    if agenda_item is None:
        return None
    has_papers_or_parts = (
        Document.objects.filter(agenda_item=agenda_item).exists() or agenda_item.sub_items.exists()
    )
    return AgendaLink(agenda_item, agenda_item.meeting, has_papers_or_parts)


def _leaves_agenda_meeting(item: WorkProgrammeItem, link: AgendaLink) -> bool:
    return (
        item.section != Section.MEETING
        or item.meeting_id != link.meeting.pk
        or item.status == Status.DROPPED
    )


def _take_off_agenda(item: WorkProgrammeItem, link: AgendaLink, user) -> None:
    meeting_services.delete_item(link.agenda_item, user=user)
    item.agenda_item = None


def _next_position(programme: WorkProgramme) -> int:
    top = programme.items.aggregate(top=models.Max("position"))["top"]
    return (top or 0) + 1


def _place(item: WorkProgrammeItem) -> tuple:
    """Items with the same place are listed together on the work programme page."""
    return (item.section, item.meeting_id, item.group_heading)


def _apply(item: WorkProgrammeItem, data: dict, *, user) -> None:
    before = item.status
    for name in ITEM_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    if item.section != Section.MEETING:
        item.meeting = None
    if item.pk and item.status != before:
        item.decided_by = user
        item.decided_at = timezone.now()


def add_item(programme: WorkProgramme, data: dict, *, user) -> WorkProgrammeItem:
    with transaction.atomic():
        WorkProgramme.objects.select_for_update().get(pk=programme.pk)
        item = WorkProgrammeItem(programme=programme, position=_next_position(programme))
        _apply(item, data, user=user)
        item.full_clean()
        item.save()
    return item


def update_item(item: WorkProgrammeItem, data: dict, *, user) -> AgendaLink | None:
    """
    Save the officer's changes. Returns the agenda link the change took the item off (its
    agenda item deleted from a draft agenda), or None.
    """
    with transaction.atomic():
        item = (
            WorkProgrammeItem.objects.select_for_update()
            .select_related("programme__committee")
            .get(pk=item.pk)
        )
        place = _place(item)
        _apply(item, data, user=user)
        item.full_clean()
        link = agenda_link(item)
        taken_off = None
        if link and _leaves_agenda_meeting(item, link):
            if not link.can_take_off:
                field = "status" if item.status == Status.DROPPED else "meeting"
                raise ValidationError({field: link.refusal})
            _take_off_agenda(item, link, user)
            taken_off = link
        if _place(item) != place:
            item.position = _next_position(item.programme)
        item.save()
    return taken_off


def remove_item(item: WorkProgrammeItem, *, user) -> AgendaLink | None:
    """Delete the item; from a draft agenda its agenda item goes too (returned)."""
    with transaction.atomic():
        item = WorkProgrammeItem.objects.select_for_update().get(pk=item.pk)
        link = agenda_link(item)
        if link:
            if not link.can_take_off:
                raise ValidationError(link.refusal)
            _take_off_agenda(item, link, user)
        item.delete()
    return link


def move_item(item: WorkProgrammeItem, direction: str) -> bool:
    """Swap with the neighbour above or below in its list; False when already at that end."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    with transaction.atomic():
        programme = WorkProgramme.objects.select_for_update().get(pk=item.programme_id)
        plan = work_plan(programme)
        lists = [row.items for row in plan.meetings]
        lists += [group.items for group in plan.header_groups]
        lists.append(plan.to_be_scheduled)
        siblings = next((each for each in lists if any(i.pk == item.pk for i in each)), None)
        if siblings is None:
            return False
        index = next(i for i, other in enumerate(siblings) if other.pk == item.pk)
        target = index - 1 if direction == "up" else index + 1
        if not 0 <= target < len(siblings):
            return False
        _number_distinctly(programme)
        first, second = (
            WorkProgrammeItem.objects.filter(pk__in=[item.pk, siblings[target].pk])
            .order_by("position", "pk")
            .only("position")
        )
        first.position, second.position = second.position, first.position
        WorkProgrammeItem.objects.bulk_update([first, second], ["position"])
    return True


def _number_distinctly(programme: WorkProgramme) -> None:
    """Positions 1..N in the present order, so that swapping two changes only those two.

    (Swapping within one list keeps that list's first position, so the headings keep their
    order on the page.)
    """
    items = list(programme.items.order_by("position", "pk").only("position"))
    if len({item.position for item in items}) == len(items):
        return
    for position, item in enumerate(items, start=1):
        item.position = position
    WorkProgrammeItem.objects.bulk_update(items, ["position"])
