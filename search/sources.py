"""
What the search index holds for each thing the site shows, built from the things themselves.

Each entry's committee, `is_published` and `is_restricted` are read from the thing it stands
for (its `access_committee`, `is_published` and `is_restricted`, as committees/access.py
asks them), so the index withholds exactly what the pages withhold. Things that have no such
protocol (work programme items, action plans) have public pages for everyone, and are
indexed as published and unrestricted.

Entries are built in groups that are rebuilt together (services.py):

- "meeting:<pk>": the meeting, its agenda items, its current papers, its minutes and their
  decisions;
- "tracker:<pk>": a committee's outcome tracker entries;
- "programme:<pk>": a work programme's items;
- "plan:<pk>": an action plan and its actions.
"""

from collections import defaultdict

from meetings.models import AgendaItem, Document, Meeting
from packs.models import PackVersion

from .models import SearchEntry
from .text import from_html, joined, plain

BODY_LIMIT = 300_000  # characters indexed of one thing (PostgreSQL caps a tsvector at 1 MB)
Kind = SearchEntry.Kind


def entry(group: str, kind: str, thing, *, title: str, body: str, url: str, **fields):
    """An entry for a thing that committees/access.py can be asked about."""
    return SearchEntry(
        group=group,
        kind=kind,
        object_id=thing.pk,
        committee=fields.pop("committee", None) or thing.access_committee,
        title=plain(title)[:600],
        body=body[:BODY_LIMIT],
        url=url[:600],
        is_published=fields.pop("is_published", thing.is_published),
        is_restricted=thing.is_restricted,
        **fields,
    )


def public_entry(group: str, kind: str, thing, *, committee, title: str, body: str, url: str, **f):
    """An entry for a thing whose page is public to everyone."""
    return SearchEntry(
        group=group,
        kind=kind,
        object_id=thing.pk,
        committee=committee,
        title=plain(title)[:600],
        body=body[:BODY_LIMIT],
        url=url[:600],
        is_published=True,
        is_restricted=False,
        **f,
    )


# A meeting and everything of it


def meeting_group(meeting_pk: int) -> str:
    return f"meeting:{meeting_pk}"


def meeting_entries(meeting_pk: int) -> list[SearchEntry]:
    meeting = Meeting.objects.with_committee().filter(pk=meeting_pk).first()
    if meeting is None:
        return []
    group = meeting_group(meeting.pk)
    url = meeting.get_absolute_url()
    day = meeting.date
    entries = [
        entry(
            group,
            Kind.MEETING,
            meeting,
            title=f"{meeting.committee.name}, {day:%A} {day.day} {day:%B %Y}",
            body=joined(
                meeting.get_kind_display() if meeting.kind != Meeting.Kind.FORMAL else "",
                meeting.get_status_display() if meeting.is_called_off else "",
                meeting.venue,
                meeting.notice,
            ),
            url=url,
            date=day,
            # Its date, time, venue and notice are public from the moment it exists where the
            # meeting says it is announced; its agenda waits for is_published.
            is_published=getattr(meeting, "is_announced", False) or meeting.is_published,
        )
    ]
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("parent_id", "position"))
    by_pk = {item.pk: item for item in items}
    for item in items:
        item.meeting = meeting
        item.parent = by_pk.get(item.parent_id)
        label = f"{item.parent.label}{item.label}" if item.parent else item.label
        entries.append(
            entry(
                group,
                Kind.ITEM,
                item,
                title=f"Item {label}: {item.title}",
                body=joined(from_html(item.description), item.lead_officers),
                url=f"{url}#item-{(item.parent or item).pk}",
                date=day,
            )
        )
    entries += paper_entries(meeting, group, by_pk)
    entries += minutes_entries(meeting, group)
    return entries


def pack_pages(meeting: Meeting) -> dict[tuple[str, int], tuple[str, int]]:
    """(pack kind, document pk) -> (pack URL, first page of the paper in it), from the newest
    ready packs and supplements that are not withdrawn."""
    versions = (
        PackVersion.objects.ready()
        .filter(meeting=meeting, withdrawn_at__isnull=True)
        .order_by("is_supplement", "-number", "-pk")
    )
    found = {}
    for version in versions:
        version.meeting = meeting
        for row in (version.summary or {}).get("rows", []):
            for paper in row.get("papers", []):
                key = paper.get("key", "")
                pages = paper.get("pages") or []
                if key.startswith("doc:") and pages and pages[0]:
                    found.setdefault(
                        (version.kind, int(key.removeprefix("doc:"))),
                        (version.get_absolute_url(), int(pages[0])),
                    )
    return found


def paper_entries(meeting: Meeting, group: str, items: dict) -> list[SearchEntry]:
    documents = list(Document.objects.filter(meeting=meeting).current().order_by("pk"))
    packs = pack_pages(meeting) if documents else {}
    entries = []
    for document in documents:
        document.meeting = meeting
        document.agenda_item = items.get(document.agenda_item_id)
        item = document.agenda_item
        if document.has_uploaded_file:
            body = document.text
        elif document.body:
            body = from_html(document.body)
        else:  # made from data: its content is indexed from the minutes, tracker, plans
            body = ""
        anchor = f"#item-{(item.parent or item).pk}" if item else "#annexes"
        kind = (
            PackVersion.Kind.CONFIDENTIAL
            if document.is_exempt_information
            else PackVersion.Kind.PUBLIC
        )
        pack_url, first_page = packs.get((kind, document.pk), ("", None))
        link = document.get_absolute_url() if document.file else meeting.get_absolute_url() + anchor
        entries.append(
            entry(
                group,
                Kind.PAPER,
                document,
                title=document.title,
                body=body,
                url=link,
                date=meeting.date,
                pack_url=pack_url,
                pack_first_page=first_page,
            )
        )
    return entries


def minutes_entries(meeting: Meeting, group: str) -> list[SearchEntry]:
    from minutes.models import Minute, Minutes, MinutesSettings

    minutes = (
        Minutes.objects.filter(meeting=meeting)
        .prefetch_related("attendance__person", "declarations__person")
        .first()
    )
    if minutes is None:
        return []
    minutes.meeting = meeting
    prefix = MinutesSettings.for_committee(meeting.committee).number_prefix
    url = minutes.get_absolute_url()
    day = meeting.date
    minute_rows = list(
        Minute.objects.filter(minutes=minutes)
        .select_related("agenda_item__parent")
        .prefetch_related("comments", "decisions", "speakers")
    )
    declarations = defaultdict(list)
    for declaration in minutes.declarations.all():
        declarations[declaration.minute_id].append(declaration.printed)
    entries = [
        entry(
            group,
            Kind.MINUTE,
            minutes,
            title=f"Minutes of the meeting of {day:%-d %B %Y}",
            body=joined(
                minutes.opening_sentence,
                ", ".join(row.printed for row in minutes.attendance.all() if row.is_printed),
                *declarations[None],
                minutes.closing_sentence,
            ),
            url=url,
            date=day,
        )
    ]
    for minute in minute_rows:
        minute.minutes = minutes
        minute.number_prefix = prefix
        anchor = f"{url}#minute-{minute.pk}"
        entries.append(
            entry(
                group,
                Kind.MINUTE,
                minute,
                title=f"Minute {minute.label}: {minute.heading}",
                body=joined(
                    from_html(minute.body),
                    minute.comments_intro if minute.comments.all() else "",
                    *(f"{c.text} {c.response}" for c in minute.comments.all()),
                    *(f"{s.name} {s.description} {s.statement}" for s in minute.speakers.all()),
                    *declarations[minute.pk],
                    from_html(minute.closing),
                ),
                url=anchor,
                date=day,
            )
        )
        for decision in minute.decisions.all():
            decision.minute = minute
            entries.append(
                entry(
                    group,
                    Kind.DECISION,
                    decision,
                    title=f"{decision.get_kind_display()}: {minute.heading}",
                    body=plain(decision.wording),
                    url=anchor,
                    date=day,
                )
            )
    return entries


def meetings_trackers(meeting_pk: int) -> set[int]:
    """The trackers whose entries' exemption comes from this meeting's items or minutes."""
    from tracker.models import TrackerEntry

    return set(
        TrackerEntry.objects.filter(meeting_id=meeting_pk).values_list("tracker_id", flat=True)
    ) | set(
        TrackerEntry.objects.filter(decision__minute__minutes__meeting_id=meeting_pk).values_list(
            "tracker_id", flat=True
        )
    )


# A committee's tracker, work programmes and action plans


def tracker_group(tracker_pk: int) -> str:
    return f"tracker:{tracker_pk}"


def tracker_entries(tracker_pk: int) -> list[SearchEntry]:
    from tracker.models import Tracker, TrackerEntry

    tracker = Tracker.objects.select_related("committee").filter(pk=tracker_pk).first()
    if tracker is None:
        return []
    group = tracker_group(tracker.pk)
    rows = TrackerEntry.objects.filter(tracker=tracker).for_display().select_related("decision")
    entries = []
    for row in rows:
        row.tracker = tracker
        entries.append(
            entry(
                group,
                Kind.TRACKER,
                row,
                title=row.item_title,
                body=joined(
                    from_html(row.agreed_outcome),
                    row.status.label,
                    row.status_note,
                    row.owners_display,
                    "Archived" if row.is_archived else "",
                ),
                url=row.get_absolute_url(),
                date=row.agreed_on,
            )
        )
    return entries


def programme_group(programme_pk: int) -> str:
    return f"programme:{programme_pk}"


def programme_entries(programme_pk: int) -> list[SearchEntry]:
    from workprogramme.models import WorkProgramme

    programme = WorkProgramme.objects.select_related("committee").filter(pk=programme_pk).first()
    if programme is None:
        return []
    group = programme_group(programme.pk)
    url = programme.get_absolute_url()
    entries = []
    for item in programme.items.select_related("meeting"):
        entries.append(
            public_entry(
                group,
                Kind.WORK_PROGRAMME,
                item,
                committee=programme.committee,
                title=item.title,
                body=joined(
                    programme.printed_title,
                    item.group_heading,
                    item.purpose,
                    item.service_area,
                    item.lead_officer,
                    item.forward_plan_ref,
                    item.get_status_display(),
                    item.proposed_by_name and f"Proposed by {item.proposed_by_name}",
                    item.decision_reason,
                ),
                url=f"{url}#wp-item-{item.pk}",
                date=item.meeting.date if item.meeting_id else None,
            )
        )
    return entries


def plan_group(plan_pk: int) -> str:
    return f"plan:{plan_pk}"


def plan_entries(plan_pk: int) -> list[SearchEntry]:
    from actionplans.models import ActionPlan

    plan = ActionPlan.objects.select_related("committee").filter(pk=plan_pk).first()
    if plan is None:
        return []
    group = plan_group(plan.pk)
    url = plan.get_absolute_url()
    actions = list(plan.actions.prefetch_related("milestones", "updates"))
    updated = [update.period_start for action in actions for update in action.updates.all()]
    entries = [
        public_entry(
            group,
            Kind.ACTION_PLAN,
            plan,
            committee=plan.committee,
            title=plan.title,
            body=joined(plan.local_area, plan.summary),
            url=url,
            date=max(updated, default=None),
        )
    ]
    for action in actions:
        updates = list(action.updates.all())
        entries.append(
            public_entry(
                group,
                Kind.ACTION_PLAN,
                action,
                committee=plan.committee,
                title=f"{plan.title}: action {action.ref}",
                body=joined(
                    action.area,
                    action.text,
                    action.lead_officer,
                    action.kpis,
                    *(f"{m.text} {m.by_when} {m.responsible}" for m in action.milestones.all()),
                    *(f"{u.period}: {u.text}" for u in updates),
                ),
                url=f"{url}#action-{action.ref}",
                date=max((update.period_start for update in updates), default=None),
            )
        )
    return entries
