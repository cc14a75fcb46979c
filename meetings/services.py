"""
Every change officers make to a meeting, its agenda items and its papers goes
through here, so that each one raises the meeting's revision and leaves a
history record saying who changed what, and when.

Stale edits: an edit form carries the revision it was loaded at. Before saving,
we look for changes recorded since then *to the same thing* (the meeting's own
details, or the item being edited with its papers). If there are any, the save
is refused with StaleEdit, which carries those changes so the officer can see
them and decide. Changes to other items do not block an edit.

Deferral: the item stays on its meeting, marked "deferred to" the later
meeting, and a linked copy (AgendaItem.deferred_from) with copies of its
current papers is added at the end of the later meeting's agenda.
"""

import datetime
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from committees.formatting import council_time, plain_date
from committees.models import Committee

from .models import AgendaItem, Document, Meeting, MeetingChange, StandardItem
from .tasks import queue_text_extraction
from .uploads import CheckedPdf

MEETING_FIELDS = [
    "date",
    "start_time",
    "end_time",
    "venue",
    "kind",
    "status",
    "is_webcast",
    "is_audio_recorded",
    "online_joining_details",
    "issue_date",
    "issued_by",
]
ITEM_FIELDS = [
    "title",
    "description",
    "kind",
    "lead_officers",
    "time_allocation",
    "is_to_follow",
    "is_exempt",
    "exempt_paragraph",
]
PAPER_FIELDS = ["title", "kind", "is_exempt", "body"]


class StaleEdit(Exception):
    """Someone else changed the same thing since the form was loaded."""

    def __init__(self, changes: list[MeetingChange], current_revision: int):
        super().__init__("The meeting changed since this form was loaded.")
        self.changes = changes
        self.current_revision = current_revision


class NotAllowed(Exception):
    """An action that the meeting's state forbids; the message says why."""


NUMBERING_FROZEN = (
    "The agenda has been published, so its items keep their numbers: councillors and the "
    "public are reading the pack with these numbers. Add a late item at the end instead, or "
    "change an item's title to say it has been withdrawn."
)


def check_numbering_open(meeting: Meeting) -> None:
    """Once a pack is published, nothing may renumber the agenda."""
    if meeting.is_agenda_published:
        raise NotAllowed(NUMBERING_FROZEN)


@dataclass
class FieldChange:
    field: str
    before: str
    after: str

    def as_dict(self) -> dict:
        return {"field": self.field, "before": self.before, "after": self.after}


# History


def _display(instance: models.Model, name: str) -> str:
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return plain_date(value)
    if isinstance(value, datetime.time):
        return council_time(value)
    return str(value)


def _apply(instance: models.Model, data: dict, names: list[str]) -> list[FieldChange]:
    """Set the given fields from data; return what changed, as text for the history."""
    changes = []
    for name in names:
        if name not in data:
            continue
        before = _display(instance, name)
        setattr(instance, name, data[name])
        after = _display(instance, name)
        if before != after:
            label = instance._meta.get_field(name).verbose_name
            changes.append(FieldChange(str(label).capitalize(), before, after))
    return changes


def lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def record_change(
    meeting: Meeting,
    user,
    action: str,
    summary: str,
    *,
    item: AgendaItem | None = None,
    document: Document | None = None,
    fields: list[FieldChange] = (),
) -> MeetingChange:
    """Raise the meeting's revision and write the history record. Call inside a transaction."""
    revision = lock_meeting(meeting).revision + 1
    Meeting.objects.filter(pk=meeting.pk).update(revision=revision, updated_at=timezone.now())
    meeting.revision = revision
    return MeetingChange.objects.create(
        meeting=meeting,
        revision=revision,
        user=user if user and user.is_authenticated else None,
        action=action,
        summary=summary[:500],
        item_id=item.pk if item else (document.agenda_item_id if document else None),
        document_id=document.pk if document else None,
        fields=[change.as_dict() for change in fields],
    )


def changes_since(
    meeting: Meeting, revision: int, *, item: AgendaItem | None = None, annexes: bool = False
) -> list[MeetingChange]:
    """
    Changes recorded after `revision`: to the item (and its papers), to the
    meeting's annexes, or to the meeting's own details.
    """
    changes = MeetingChange.objects.filter(meeting=meeting, revision__gt=revision)
    if item is not None:
        changes = changes.filter(item_id=item.pk)
    elif annexes:
        changes = changes.filter(item_id__isnull=True, action__startswith="paper.")
    else:
        changes = changes.filter(action__startswith="meeting.")
    return list(changes.select_related("user").order_by("revision"))


def _check_fresh(
    meeting: Meeting, loaded_revision: int | None, *, item=None, annexes: bool = False
) -> None:
    if loaded_revision is None:
        return
    current = lock_meeting(meeting).revision
    if loaded_revision >= current:
        return
    conflicts = changes_since(meeting, loaded_revision, item=item, annexes=annexes)
    if conflicts:
        raise StaleEdit(conflicts, current)


def _item_name(item: AgendaItem) -> str:
    if item.parent_id:
        return f"item {item.parent.label}{item.label} “{item.title}”"
    return f"item {item.label} “{item.title}”"


# Ordering: positions stay 1..N within each list (a meeting's items, an item's sub-parts,
# an item's papers, a committee's standard items).


def _siblings(obj) -> models.QuerySet:
    if isinstance(obj, AgendaItem):
        return AgendaItem.objects.filter(meeting_id=obj.meeting_id, parent_id=obj.parent_id)
    if isinstance(obj, Document):
        return Document.objects.current().filter(
            meeting_id=obj.meeting_id, agenda_item_id=obj.agenda_item_id
        )
    if isinstance(obj, StandardItem):
        return StandardItem.objects.filter(committee_id=obj.committee_id, parent_id=obj.parent_id)
    raise TypeError(obj)


def _save_order(objects: list) -> None:
    for position, obj in enumerate(objects, start=1):
        if obj.position != position:
            obj.position = position
            type(obj).objects.filter(pk=obj.pk).update(position=position)


def renumber(queryset: models.QuerySet) -> None:
    _save_order(list(queryset.order_by("position", "pk")))


def _move(obj, direction: str) -> bool:
    """Swap with the neighbour above or below; False when already at that end."""
    ordered = list(_siblings(obj).order_by("position", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == obj.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        _save_order(ordered)
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _save_order(ordered)
    obj.position = target + 1
    return True


def _next_position(queryset: models.QuerySet) -> int:
    return (queryset.aggregate(top=models.Max("position"))["top"] or 0) + 1


# Meetings


def create_meeting(
    committee: Committee,
    *,
    date: datetime.date,
    user,
    start_time: datetime.time | None = None,
    venue: str | None = None,
    kind: str = Meeting.Kind.FORMAL,
    with_standard_items: bool = True,
) -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.create(
            committee=committee,
            date=date,
            start_time=start_time or committee.default_start_time or datetime.time(10, 0),
            venue=committee.default_venue if venue is None else venue,
            kind=kind,
            status=Meeting.Status.DRAFT,
        )
        MeetingChange.objects.create(
            meeting=meeting,
            revision=meeting.revision,
            user=user if user and user.is_authenticated else None,
            action="meeting.create",
            summary="Created the meeting"
            + (" with the committee's standard items" if with_standard_items else ""),
        )
        if with_standard_items:
            copy_standard_items(meeting)
    return meeting


def create_series(committee: Committee, dates: list[datetime.date], **kwargs) -> list[Meeting]:
    with transaction.atomic():
        return [create_meeting(committee, date=date, **kwargs) for date in sorted(dates)]


# Titles of the papers made from data that a standard item can put on every new agenda.
STANDARD_PAPER_TITLES = {
    Document.Kind.MINUTES: "Minutes of the previous meeting",
    Document.Kind.WORK_PROGRAMME: "Work programme",
    Document.Kind.OUTCOME_TRACKER: "Outcome tracker",
    Document.Kind.ACTION_PLAN: "Action plan progress",
}


def copy_standard_items(meeting: Meeting) -> None:
    """Put the committee's standard items, with their sub-parts and papers, on the agenda."""
    standard = list(
        StandardItem.objects.filter(committee=meeting.committee).order_by("position", "pk")
    )
    next_position = _next_position(meeting.items.filter(parent__isnull=True))
    created = {}
    for position, template in enumerate(
        [s for s in standard if s.parent_id is None], start=next_position
    ):
        created[template.pk] = _item_from_template(meeting, template, position, parent=None)
    for parent_pk, parent in created.items():
        sub_parts = [s for s in standard if s.parent_id == parent_pk]
        for position, template in enumerate(sub_parts, start=1):
            _item_from_template(meeting, template, position, parent=parent)


def _item_from_template(
    meeting: Meeting, template: StandardItem, position: int, parent: AgendaItem | None
) -> AgendaItem:
    item = AgendaItem.objects.create(
        meeting=meeting,
        parent=parent,
        position=position,
        title=template.title,
        description=template.description,
        kind=template.kind,
    )
    if template.paper_kind:
        # No file: the pack builder makes it from data (meetings/paper_sources.py).
        Document.objects.create(
            meeting=meeting,
            agenda_item=item,
            kind=template.paper_kind,
            title=STANDARD_PAPER_TITLES.get(template.paper_kind, template.get_paper_kind_display()),
            position=1,
        )
    return item


def update_meeting(meeting: Meeting, data: dict, *, user, loaded_revision: int | None) -> None:
    with transaction.atomic():
        _check_fresh(meeting, loaded_revision)
        changes = _apply(meeting, data, MEETING_FIELDS)
        if not changes:
            return
        meeting.save(update_fields=[*MEETING_FIELDS, "updated_at"])
        record_change(
            meeting, user, "meeting.edit", "Changed the meeting's details", fields=changes
        )


# Agenda items


def add_item(meeting: Meeting, data: dict, *, user, parent: AgendaItem | None = None) -> AgendaItem:
    with transaction.atomic():
        lock_meeting(meeting)
        item = AgendaItem(meeting=meeting, parent=parent)
        item.position = _next_position(_siblings(item))
        changes = _apply(item, data, ITEM_FIELDS)
        item.save()
        record_change(
            meeting, user, "item.add", f"Added {_item_name(item)}", item=item, fields=changes
        )
    return item


def update_item(item: AgendaItem, data: dict, *, user, loaded_revision: int | None) -> None:
    with transaction.atomic():
        _check_fresh(item.meeting, loaded_revision, item=item)
        if not data.get("is_exempt", item.is_exempt):
            data = {**data, "exempt_paragraph": None}
        changes = _apply(item, data, ITEM_FIELDS)
        if not changes:
            return
        item.save()
        summary = f"Changed {_item_name(item)}"
        record_change(item.meeting, user, "item.edit", summary, item=item, fields=changes)


def delete_item(item: AgendaItem, *, user) -> None:
    with transaction.atomic():
        meeting = item.meeting
        summary = f"Deleted {_item_name(item)}"
        siblings = _siblings(item).exclude(pk=item.pk)
        if siblings.filter(position__gt=item.position).exists():
            check_numbering_open(lock_meeting(meeting))
        record_change(meeting, user, "item.delete", summary, item=item)
        _undo_deferral(item, user)
        item.delete()
        renumber(siblings)


def _undo_deferral(copy: AgendaItem, user) -> None:
    """Deleting the copy of a deferred item: the original is no longer deferred to here."""
    if copy.parent_id or not copy.deferred_from_id:
        return
    original = (
        AgendaItem.objects.select_related("meeting", "parent")
        .filter(pk=copy.deferred_from_id, deferred_to_id=copy.meeting_id)
        .first()
    )
    if original is None:
        return
    original.deferred_to = None
    original.save(update_fields=["deferred_to"])
    record_change(
        original.meeting,
        user,
        "item.edit",
        f"Cleared “deferred to” on {_item_name(original)}: its copy on the meeting on "
        f"{plain_date(copy.meeting.date)} was deleted",
        item=original,
        fields=[FieldChange("Deferred to", plain_date(copy.meeting.date), "")],
    )


def move_item(item: AgendaItem, direction: str, *, user) -> bool:
    with transaction.atomic():
        check_numbering_open(lock_meeting(item.meeting))
        before = item.label
        if not _move(item, direction):
            return False
        record_change(
            item.meeting,
            user,
            "item.move",
            f"Moved “{item.title}” {direction} from {before} to {item.label}",
            item=item,
        )
    return True


def reorder_items(
    meeting: Meeting, ordered_ids: list[int], *, user, parent: AgendaItem | None = None
) -> None:
    """Put a list of items (a meeting's items, or one item's sub-parts) in the given order."""
    with transaction.atomic():
        check_numbering_open(lock_meeting(meeting))
        siblings = {
            item.pk: item
            for item in AgendaItem.objects.filter(meeting=meeting, parent=parent).order_by(
                "position"
            )
        }
        if sorted(ordered_ids) != sorted(siblings):
            raise NotAllowed("The agenda changed while you were reordering it. Try again.")
        before = [siblings[pk].title for pk in sorted(siblings, key=lambda k: siblings[k].position)]
        ordered = [siblings[pk] for pk in ordered_ids]
        if [item.title for item in ordered] == before and all(
            item.position == index for index, item in enumerate(ordered, start=1)
        ):
            return
        _save_order(ordered)
        what = f"the sub-parts of {_item_name(parent)}" if parent else "the agenda"
        record_change(
            meeting,
            user,
            "items.reorder",
            f"Reordered {what}",
            item=parent,
            fields=[FieldChange("Order", "; ".join(before), "; ".join(i.title for i in ordered))],
        )


def later_meetings(item: AgendaItem) -> models.QuerySet:
    """The meetings an item can be deferred to: later meetings of the same committee."""
    meeting = item.meeting
    return (
        Meeting.objects.filter(committee_id=meeting.committee_id, date__gt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "start_time")
    )


def defer_item(item: AgendaItem, target: Meeting, *, user) -> AgendaItem:
    if item.parent_id:
        raise NotAllowed("Defer the whole item, not one of its sub-parts.")
    if item.deferred_to_id:
        raise NotAllowed("This item has already been deferred.")
    if not later_meetings(item).filter(pk=target.pk).exists():
        raise NotAllowed("Choose a later meeting of the same committee.")
    with transaction.atomic():
        lock_meeting(item.meeting)
        lock_meeting(target)
        item.deferred_to = target
        item.save(update_fields=["deferred_to"])
        copy = _copy_item(item, target, parent=None)
        for sub_item in item.sub_items.order_by("position"):
            _copy_item(sub_item, target, parent=copy)
        record_change(
            item.meeting,
            user,
            "item.defer",
            f"Deferred {_item_name(item)} to the meeting on {plain_date(target.date)}",
            item=item,
            fields=[FieldChange("Deferred to", "", plain_date(target.date))],
        )
        record_change(
            target,
            user,
            "item.add",
            f"Added {_item_name(copy)}, deferred from the meeting on "
            f"{plain_date(item.meeting.date)}",
            item=copy,
        )
    return copy


def _copy_item(item: AgendaItem, meeting: Meeting, parent: AgendaItem | None) -> AgendaItem:
    copy = AgendaItem(
        meeting=meeting,
        parent=parent,
        deferred_from=item,
        **{name: getattr(item, name) for name in ITEM_FIELDS},
    )
    copy.position = _next_position(_siblings(copy)) if parent is None else item.position
    copy.save()
    for document in item.documents.current().order_by("position", "pk"):
        Document.objects.create(
            meeting=meeting,
            agenda_item=copy,
            title=document.title,
            kind=document.kind,
            file=document.file.name,
            generated_at=document.generated_at,
            original_filename=document.original_filename,
            body=document.body,
            page_count=document.page_count,
            file_size=document.file_size,
            sha256=document.sha256,
            author=document.author,
            is_exempt=document.is_exempt,
            position=document.position,
            uploaded_by=document.uploaded_by,
        )
    return copy


# Papers


def _paper_name(document: Document) -> str:
    if document.is_annex:
        return f"the annex “{document.title}”"
    return f"“{document.title}”"


def _new_paper(meeting: Meeting, item: AgendaItem | None, data: dict, names, user) -> Document:
    document = Document(meeting=meeting, agenda_item=item, uploaded_by=user)
    _apply(document, data, names)
    document.position = _next_position(_siblings(document))
    return document


def add_pdf(
    meeting: Meeting, checked: CheckedPdf, data: dict, *, user, item: AgendaItem | None = None
) -> Document:
    """Upload a paper for an item, or, with no item, a meeting-level annex."""
    with transaction.atomic():
        lock_meeting(meeting)
        document = _new_paper(meeting, item, data, ["title", "kind", "is_exempt"], user)
        document.page_count = checked.page_count
        document.is_tagged = checked.is_tagged
        document.store_file(checked.name, checked.content)
        document.save()
        transaction.on_commit(lambda: queue_text_extraction(document.pk))
        pages = f"{checked.page_count} page{'s' if checked.page_count != 1 else ''}"
        summary = f"Uploaded {_paper_name(document)} ({document.original_filename}, {pages})"
        if item is not None:
            summary += f" to {_item_name(item)}"
        record_change(meeting, user, "paper.add", summary, document=document)
    return document


def add_written_paper(
    meeting: Meeting, data: dict, *, user, item: AgendaItem | None = None
) -> Document:
    """Write a short paper for an item, or, with no item, a meeting-level annex."""
    with transaction.atomic():
        lock_meeting(meeting)
        document = _new_paper(meeting, item, data, PAPER_FIELDS, user)
        document.save()
        summary = f"Wrote {_paper_name(document)}"
        if item is not None:
            summary += f" for {_item_name(item)}"
        record_change(meeting, user, "paper.write", summary, document=document)
    return document


def _check_paper_fresh(document: Document, loaded_revision: int | None) -> None:
    _check_fresh(
        document.meeting,
        loaded_revision,
        item=document.agenda_item,
        annexes=document.is_annex,
    )


def update_paper(document: Document, data: dict, *, user, loaded_revision: int | None) -> None:
    fields = PAPER_FIELDS if document.body else ["title", "kind", "is_exempt"]
    with transaction.atomic():
        _check_paper_fresh(document, loaded_revision)
        changes = _apply(document, data, fields)
        if not changes:
            return
        document.save()
        record_change(
            document.meeting,
            user,
            "paper.edit",
            f"Changed {_paper_name(document)}",
            document=document,
            fields=changes,
        )


def replace_pdf(
    document: Document, checked: CheckedPdf, *, user, loaded_revision: int | None = None
) -> Document:
    """A new version takes the old one's place; the old one is kept, pointing to it."""
    with transaction.atomic():
        _check_paper_fresh(document, loaded_revision)
        new = Document.objects.create(
            meeting=document.meeting,
            agenda_item=document.agenda_item,
            title=document.title,
            kind=document.kind,
            author=document.author,
            is_exempt=document.is_exempt,
            position=document.position,
            uploaded_by=user,
            page_count=checked.page_count,
            is_tagged=checked.is_tagged,
        )
        new.store_file(checked.name, checked.content)
        new.save()
        transaction.on_commit(lambda: queue_text_extraction(new.pk))
        document.replaced_by = new
        document.save(update_fields=["replaced_by"])
        record_change(
            document.meeting,
            user,
            "paper.replace",
            f"Replaced {_paper_name(document)} with a new version",
            document=new,
            fields=[
                FieldChange("File", document.original_filename, new.original_filename),
                FieldChange("Pages", str(document.page_count), str(new.page_count)),
            ],
        )
    return new


def remove_paper(document: Document, *, user) -> None:
    """Remove a paper and its earlier versions (kept, they would otherwise become current)."""
    with transaction.atomic():
        lock_meeting(document.meeting)
        siblings = _siblings(document).exclude(pk=document.pk)
        versions = _version_chain(document)
        summary = f"Removed {_paper_name(document)}"
        if document.original_filename:
            summary += f" ({document.original_filename})"
        record_change(document.meeting, user, "paper.remove", summary, document=document)
        Document.objects.filter(pk__in=[d.pk for d in versions]).delete()
        renumber(siblings)


def _version_chain(document: Document) -> list[Document]:
    chain, frontier = [document], [document.pk]
    while frontier:
        earlier = list(Document.objects.filter(replaced_by_id__in=frontier))
        chain.extend(earlier)
        frontier = [d.pk for d in earlier]
    return chain


def move_paper(document: Document, direction: str, *, user) -> bool:
    with transaction.atomic():
        lock_meeting(document.meeting)
        if not _move(document, direction):
            return False
        record_change(
            document.meeting,
            user,
            "paper.move",
            f"Moved {_paper_name(document)} {direction} to place {document.position}",
            document=document,
        )
    return True


# Standard items (the committee's template for new agendas)


def add_standard_item(
    committee: Committee, data: dict, parent: StandardItem | None = None
) -> StandardItem:
    item = StandardItem(committee=committee, parent=parent, **data)
    item.position = _next_position(_siblings(item))
    item.save()
    return item


def delete_standard_item(item: StandardItem) -> None:
    with transaction.atomic():
        siblings = _siblings(item).exclude(pk=item.pk)
        item.delete()
        renumber(siblings)


def move_standard_item(item: StandardItem, direction: str) -> bool:
    with transaction.atomic():
        return _move(item, direction)
