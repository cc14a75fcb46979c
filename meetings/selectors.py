"""Read-side queries for meeting pages, shaped so their cost does not grow with the agenda."""

from collections import defaultdict
from dataclasses import dataclass, field

from committees import access

from .models import AgendaItem, Document, Meeting


@dataclass
class AgendaEntry:
    item: AgendaItem
    documents: list[Document] = field(default_factory=list)
    sub_items: list["AgendaEntry"] = field(default_factory=list)
    papers_withheld: bool = False

    @property
    def is_to_follow(self) -> bool:
        """ "(To Follow)" until a paper of the item has been published."""
        return self.item.is_to_follow and not any(
            document.published_at for document in self.documents
        )


@dataclass
class Agenda:
    annexes: list[Document]
    entries: list[AgendaEntry]
    # The meeting is announced but its agenda is not published, and this person may not
    # see the draft: nothing of it is read (committees/access.py).
    withheld: bool = False


def agenda_for(meeting: Meeting, user) -> Agenda:
    """The meeting's agenda as this person may see it: two queries however long it is."""
    if not access.may_see(user, meeting):
        return Agenda(annexes=[], entries=[], withheld=True)
    sees_exempt = access.sees_exempt(user, meeting.committee)
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("deferred_to")
        .order_by("position")
    )
    documents = list(
        access.visible(user, Document.objects.filter(meeting=meeting), meeting.committee)
        .current()
        .order_by("position", "pk")
    )
    documents_by_item = defaultdict(list)
    items_by_pk = {item.pk: item for item in items}
    for item in items:
        item.meeting = meeting
        if item.parent_id:
            item.parent = items_by_pk[item.parent_id]
    for document in documents:
        if document.agenda_item_id:
            document.agenda_item = items_by_pk[document.agenda_item_id]
        documents_by_item[document.agenda_item_id].append(document)

    entries = {item.pk: AgendaEntry(item=item) for item in items}
    top_level = []
    for item in items:
        entry = entries[item.pk]
        entry.papers_withheld = item.is_restricted and not sees_exempt
        entry.documents = [] if entry.papers_withheld else documents_by_item[item.pk]
        if item.parent_id:
            entries[item.parent_id].sub_items.append(entry)
        else:
            top_level.append(entry)
    return Agenda(annexes=documents_by_item[None], entries=top_level)
