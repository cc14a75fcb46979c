"""
Keeping the search index in step: each group of entries is rebuilt whole from what it
indexes (sources.py), so every rebuild is idempotent. Called from Celery tasks (tasks.py),
the `reindex_search` command and the demo loader; never in a request.
"""

import logging

from django.db import transaction

from . import backend, sources
from .models import SearchEntry

logger = logging.getLogger(__name__)


def rebuild(group: str, entries: list[SearchEntry]) -> int:
    with transaction.atomic():
        backend.lock_group(group)
        SearchEntry.objects.filter(group=group).delete()
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        backend.refresh_vectors(SearchEntry.objects.filter(group=group))
    return len(entries)


def reindex_meeting(meeting_pk: int) -> int:
    """A meeting, its items, papers, minutes and decisions; and the tracker entries whose
    exemption comes from them."""
    count = rebuild(sources.meeting_group(meeting_pk), sources.meeting_entries(meeting_pk))
    for tracker_pk in sources.meetings_trackers(meeting_pk):
        count += reindex_tracker(tracker_pk)
    return count


def reindex_tracker(tracker_pk: int) -> int:
    return rebuild(sources.tracker_group(tracker_pk), sources.tracker_entries(tracker_pk))


def reindex_programme(programme_pk: int) -> int:
    return rebuild(sources.programme_group(programme_pk), sources.programme_entries(programme_pk))


def reindex_plan(plan_pk: int) -> int:
    return rebuild(sources.plan_group(plan_pk), sources.plan_entries(plan_pk))


def reindex_committee(committee_pk: int) -> int:
    """
    A committee's outcome tracker, work programmes and the action plans reported to it; and
    its meetings whose entries still carry an old name of the committee (after a rename).
    """
    from actionplans.models import ActionPlan
    from committees.models import Committee
    from tracker.models import Tracker
    from workprogramme.models import WorkProgramme

    count = 0
    committee = Committee.objects.filter(pk=committee_pk).first()
    if committee is not None:
        renamed = (
            SearchEntry.objects.filter(committee=committee, kind=SearchEntry.Kind.MEETING)
            .exclude(title__startswith=f"{committee.name}, ")
            .values_list("object_id", flat=True)
        )
        for meeting_pk in sorted(set(renamed)):
            count += reindex_meeting(meeting_pk)
    for tracker_pk in Tracker.objects.filter(committee_id=committee_pk).values_list(
        "pk", flat=True
    ):
        count += reindex_tracker(tracker_pk)
    for programme_pk in WorkProgramme.objects.filter(committee_id=committee_pk).values_list(
        "pk", flat=True
    ):
        count += reindex_programme(programme_pk)
    for plan_pk in ActionPlan.objects.filter(committee_id=committee_pk).values_list(
        "pk", flat=True
    ):
        count += reindex_plan(plan_pk)
    return count


def group_of(what: str, pk: int) -> str | None:
    """The group of entries a changed row belongs to, named by the row's nearest owner."""
    from actionplans.models import PlanAction
    from minutes.models import Minute, Minutes

    if what == "meeting":
        return sources.meeting_group(pk)
    if what == "minutes":
        meeting_pk = Minutes.objects.filter(pk=pk).values_list("meeting_id", flat=True).first()
        return sources.meeting_group(meeting_pk) if meeting_pk else None
    if what == "minute":
        meeting_pk = (
            Minute.objects.filter(pk=pk).values_list("minutes__meeting_id", flat=True).first()
        )
        return sources.meeting_group(meeting_pk) if meeting_pk else None
    if what == "tracker":
        return sources.tracker_group(pk)
    if what == "programme":
        return sources.programme_group(pk)
    if what == "plan":
        return sources.plan_group(pk)
    if what == "action":
        plan_pk = PlanAction.objects.filter(pk=pk).values_list("plan_id", flat=True).first()
        return sources.plan_group(plan_pk) if plan_pk else None
    raise ValueError(f"Nothing to reindex for {what!r}")


def withhold(what: str, pk: int) -> None:
    """
    Until the worker has rebuilt it, a changed group is found by its council's officers
    only: what was made exempt or unpublished a moment ago is never found by anyone else in
    between. Runs in the transaction of the change itself.
    """
    group = group_of(what, pk) if what != "committee" else None
    if group:
        SearchEntry.objects.filter(group=group, is_published=True).update(is_published=False)


REBUILDERS = {
    "meeting": lambda pk: reindex_meeting(pk),
    "tracker": lambda pk: reindex_tracker(pk),
    "programme": lambda pk: reindex_programme(pk),
    "plan": lambda pk: reindex_plan(pk),
}


def reindex_source(what: str, pk: int) -> int:
    """Rebuild the group a changed row belongs to, named by the row's nearest owner."""
    if what == "committee":
        return reindex_committee(pk)
    group = group_of(what, pk)
    if group is None:
        return 0
    kind, group_pk = group.split(":")
    return REBUILDERS[kind](int(group_pk))


def read_pending_paper_text() -> int:
    """Papers whose text was never read (uploaded while the queue was down, or before search
    existed): read now. Only from a task or a command."""
    from meetings.models import Document
    from meetings.tasks import extract_text

    pending = Document.objects.filter(text_status=Document.TextStatus.PENDING, generated_at=None)
    count = 0
    for document in pending.exclude(file="").iterator():
        extract_text(document)
        count += 1
    return count


def reindex_everything(read_text: bool = True, stdout=None) -> int:
    """The whole index, rebuilt group by group; entries of things that are gone are dropped."""
    from actionplans.models import ActionPlan
    from meetings.models import Meeting
    from tracker.models import Tracker
    from workprogramme.models import WorkProgramme

    if read_text:
        read = read_pending_paper_text()
        if stdout and read:
            stdout.write(f"Read the text of {read} papers.")
    count, groups = 0, set()
    for pk in Meeting.objects.values_list("pk", flat=True).order_by("pk").iterator():
        count += rebuild(sources.meeting_group(pk), sources.meeting_entries(pk))
        groups.add(sources.meeting_group(pk))
    for model, group, build in [
        (Tracker, sources.tracker_group, sources.tracker_entries),
        (WorkProgramme, sources.programme_group, sources.programme_entries),
        (ActionPlan, sources.plan_group, sources.plan_entries),
    ]:
        for pk in model.objects.values_list("pk", flat=True).order_by("pk").iterator():
            count += rebuild(group(pk), build(pk))
            groups.add(group(pk))
    gone = set(SearchEntry.objects.values_list("group", flat=True).distinct()) - groups
    for group in gone:
        SearchEntry.objects.filter(group=group).delete()
    if stdout:
        stdout.write(f"Search index: {count} entries.")
    return count
