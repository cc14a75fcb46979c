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


@dataclass
class AgendaTree:
    """A meeting's items as printed, and its current papers by item (None: its annexes)."""

    items: list[AgendaItem]  # the top-level items; each item's sub-parts are its .children
    papers_by_item: dict[int | None, list[Document]]

    @property
    def annexes(self) -> list[Document]:
        return self.papers_by_item.get(None, [])

    def papers(self, item: AgendaItem) -> list[Document]:
        return self.papers_by_item.get(item.pk, [])


def agenda_tree(meeting: Meeting, items=None, documents=None) -> AgendaTree:
    """
    The one place a meeting's agenda is put together, for the public page, the officers'
    editor and the pack: items in order, each with its sub-parts as .children (a sub-part's
    .parent set), and the current papers of each item in print order. Two queries however
    long the agenda. `items` and `documents` are querysets to start from (what to join, or
    only the papers a person may see); every item and paper gets `meeting` without a query.
    """
    items = list(
        (AgendaItem.objects.all() if items is None else items)
        .filter(meeting=meeting)
        .order_by("position", "pk")
    )
    documents = (
        (Document.objects.all() if documents is None else documents)
        .filter(meeting=meeting)
        .current()
        .order_by("position", "pk")
    )
    items_by_pk = {item.pk: item for item in items}
    top_level = []
    for item in items:
        item.meeting = meeting
        item.children = []
    for item in items:
        if item.parent_id:
            item.parent = items_by_pk[item.parent_id]
            item.parent.children.append(item)
        else:
            top_level.append(item)
    papers_by_item = defaultdict(list)
    for document in documents:
        document.meeting = meeting
        if document.agenda_item_id:
            document.agenda_item = items_by_pk[document.agenda_item_id]
        papers_by_item[document.agenda_item_id].append(document)
    return AgendaTree(items=top_level, papers_by_item=dict(papers_by_item))


def agenda_for(meeting: Meeting, user) -> Agenda:
    """The meeting's agenda as this person may see it: two queries however long it is."""
    if not access.may_see(user, meeting):
        return Agenda(annexes=[], entries=[], withheld=True)
    sees_exempt = access.sees_exempt(user, meeting.committee)
    tree = agenda_tree(
        meeting,
        items=AgendaItem.objects.select_related("deferred_to"),
        # Not the papers' text, which the page does not show: 400 papers' would be megabytes.
        documents=access.visible(user, Document.objects.defer("text", "body"), meeting.committee),
    )
    add_links([paper for papers in tree.papers_by_item.values() for paper in papers])

    def entry(item: AgendaItem) -> AgendaEntry:
        withheld = item.is_restricted and not sees_exempt
        return AgendaEntry(
            item=item,
            documents=[] if withheld else tree.papers(item),
            sub_items=[entry(child) for child in item.children],
            papers_withheld=withheld,
        )

    return Agenda(annexes=tree.annexes, entries=[entry(item) for item in tree.items])


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
