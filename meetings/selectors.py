"""Read-side queries for meeting pages, shaped so their cost does not grow with the agenda."""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

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
    add_links(documents)

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


# Stand-ins reversed once for the page, then replaced by each paper's own id and name.
PK_MARK, NAME_MARK = "987654321", "name-of-the-paper"


def add_links(documents: list[Document]) -> None:
    """
    Each paper's `download_url` (its `get_absolute_url()`) and `read_online_url`, from one
    reverse() of each address for the whole agenda: reversing two addresses for each of
    400 papers took a fifth of the page's rendering. The name is quoted as reverse() quotes.
    """
    download = reverse("meetings:document", args=[PK_MARK, NAME_MARK])
    read_online = reverse("packs:paper_page", args=[PK_MARK])
    for document in documents:
        name = quote(document.download_name, safe=RFC3986_SUBDELIMS + "/~:@")
        pk = str(document.pk)
        document.download_url = download.replace(PK_MARK, pk).replace(NAME_MARK, name)
        document.read_online_url = read_online.replace(PK_MARK, pk)
