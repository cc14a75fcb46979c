"""Publishing packs: record the versions, build them, and say what changed."""

import contextlib
import logging

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Max
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from meetings.mail import email_members
from meetings.models import Document, Meeting, MeetingChange

from . import builder
from .models import PackVersion
from .signals import pack_published

logger = logging.getLogger(__name__)

UNEXPECTED_FAILURE = (
    "The pack could not be built because of an unexpected error. "
    "Press Retry; if it fails again, contact the portal's support team."
)
STALE_FAILURE = (
    "The build stopped without finishing (the server may have been restarted). "
    "Press Retry to build it again."
)


def current_pack(meeting: Meeting, kind: str = PackVersion.Kind.PUBLIC) -> PackVersion | None:
    """The newest ready main pack, not withdrawn. A failed or unfinished build never hides it."""
    return (
        meeting.pack_versions.ready()
        .filter(kind=kind, is_supplement=False, withdrawn_at__isnull=True)
        .order_by("-number")
        .first()
    )


def published_versions(meeting: Meeting, kind: str = PackVersion.Kind.PUBLIC) -> list[PackVersion]:
    """The current main pack and its ready supplements, in the order they were published."""
    main = current_pack(meeting, kind)
    if main is None:
        return []
    supplements = main.supplements.ready().filter(withdrawn_at__isnull=True).order_by("number")
    return [main, *supplements]


def next_number(meeting: Meeting, kind: str, is_supplement: bool) -> int:
    latest = PackVersion.objects.filter(
        meeting=meeting, kind=kind, is_supplement=is_supplement
    ).aggregate(Max("number"))["number__max"]
    return (latest or 0) + 1


def _enqueue(versions: list[PackVersion], change: MeetingChange | None = None) -> None:
    version_ids = [version.pk for version in versions]
    transaction.on_commit(lambda: _send(version_ids, change))


def _send(version_ids: list[int], change: MeetingChange | None) -> None:
    """Hand the builds to the queue; if it cannot be reached, undo the publication."""
    from .tasks import build_pack_version

    try:
        for version_id in version_ids:
            build_pack_version.delay(version_id)
    except KombuOperationalError:
        queued = PackVersion.objects.filter(pk__in=version_ids, status=PackVersion.Status.QUEUED)
        if change is None:  # a retry: the version stays, failed, to be retried again
            queued.update(status=PackVersion.Status.FAILED, failure_reason=PUBLISHING_UNAVAILABLE)
        else:
            queued.delete()
            change.delete()
        raise


class PublishingUnavailable(Exception):
    """The task queue could not be reached; nothing was published."""


PUBLISHING_UNAVAILABLE = (
    "Publishing is unavailable at the moment, so nothing was published. "
    "Try again in a few minutes; if it keeps happening, contact the portal's support team."
)


def publish(meeting: Meeting, user, supplement_to: PackVersion | None = None) -> list[PackVersion]:
    """
    Queue a public and a confidential build; a second press while they run does nothing.
    The builds are handed to the queue when the transaction commits; if the queue cannot be
    reached they are removed again, so no version waits for a task that does not exist.
    """
    try:
        return _publish(meeting, user, supplement_to)
    except KombuOperationalError as error:
        logger.warning("Publishing meeting %s failed: the broker is down (%s)", meeting.pk, error)
        raise PublishingUnavailable(PUBLISHING_UNAVAILABLE) from error


def _publish(meeting: Meeting, user, supplement_to: PackVersion | None) -> list[PackVersion]:
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        in_progress = list(
            meeting.pack_versions.in_progress().filter(is_supplement=supplement_to is not None)
        )
        if in_progress:
            return in_progress
        now = timezone.now()
        # The issue date printed on the front sheet is the day the agenda is first published.
        Meeting.objects.filter(pk=meeting.pk, issue_date__isnull=True).update(
            issue_date=timezone.localdate(now)
        )
        versions = []
        is_supplement = supplement_to is not None
        change = record_publication(meeting, user, supplement_to, now)
        for kind in PackVersion.Kind:
            number = next_number(meeting, kind, is_supplement)
            versions.append(
                PackVersion.objects.create(
                    meeting=meeting,
                    kind=kind,
                    number=number,
                    created_by=user,
                    created_at=now,
                    published_at=now,
                    is_supplement=is_supplement,
                    parent=current_pack(meeting, kind) if is_supplement else None,
                    supplement_number=number if is_supplement else None,
                    stage="Waiting to start",
                )
            )
        _enqueue(versions, change)
    return versions


def still_building_message(versions: list[PackVersion]) -> str:
    """What an officer pressing Publish is told while an earlier build has not finished."""
    oldest = min(versions, key=lambda version: version.created_at)
    started = timezone.localtime(oldest.started_at or oldest.created_at)
    if PackVersion.objects.stale().filter(pk=oldest.pk).exists():
        return (
            f"The build started at {started:%H:%M} on {started:%-d %B} has stopped without "
            "finishing. It will be marked as failed within five minutes; then press Retry."
        )
    if PackVersion.objects.stalled().filter(pk=oldest.pk).exists():
        return (
            f"The build started at {started:%H:%M} stopped when the server building it did. "
            "It is handed to a working server within two minutes, and carries on there."
        )
    return (
        f"The pack started at {started:%H:%M} is still being built ({oldest.stage or 'waiting'}, "
        f"{oldest.percent}%). Nothing new was started: the pack is published when it is ready."
    )


def record_publication(meeting: Meeting, user, supplement_to, now) -> MeetingChange:
    """Publishing is in the meeting's history; it is not an edit, so the revision stays."""
    if supplement_to is not None:
        action, summary = "pack.supplement", "Published a supplement to the agenda pack"
    elif current_pack(meeting) is not None:
        action, summary = "pack.republish", "Published the agenda pack again"
    else:
        action, summary = "pack.publish", "Published the agenda pack"
    return MeetingChange.objects.create(
        meeting=meeting,
        revision=meeting.revision,
        user=user if user and user.is_authenticated else None,
        action=action,
        summary=summary,
        created_at=now,
    )


def retry(version: PackVersion) -> PackVersion:
    try:
        return _retry(version)
    except KombuOperationalError as error:
        raise PublishingUnavailable(PUBLISHING_UNAVAILABLE) from error


def _retry(version: PackVersion) -> PackVersion:
    with transaction.atomic():
        updated = PackVersion.objects.filter(
            pk=version.pk, status=PackVersion.Status.FAILED
        ).update(
            status=PackVersion.Status.QUEUED,
            stage="Waiting to start",
            percent=0,
            failure_reason="",
            created_at=timezone.now(),
            started_at=None,
            finished_at=None,
        )
        if updated:
            _enqueue([version])
    version.refresh_from_db()
    return version


def expire_stale_builds() -> int:
    """Mark builds that nobody is working on as failed, so a retry can be offered."""
    return PackVersion.objects.stale().update(
        status=PackVersion.Status.FAILED,
        failure_reason=STALE_FAILURE,
        finished_at=timezone.now(),
    )


def resume_stalled_builds() -> int:
    """
    For beat, every minute: hand builds whose worker died (or whose task was lost) to a
    worker again, so a build resumes within two minutes of a worker being back. Builds
    nobody has finished after STALE_AFTER are failed by expire_stale_builds instead.
    """
    from .tasks import build_pack_version

    version_ids = list(
        PackVersion.objects.stalled()
        .exclude(pk__in=PackVersion.objects.stale())
        .values_list("pk", flat=True)
    )
    for version_id in version_ids:
        build_pack_version.delay(version_id)
    return len(version_ids)


def _claim(version_id: int) -> PackVersion | None:
    with transaction.atomic():
        version = (
            PackVersion.objects.select_for_update(of=("self",))
            .select_related("meeting__committee__council", "parent")
            .filter(pk=version_id)
            .first()
        )
        if version is None or version.status in (
            PackVersion.Status.READY,
            PackVersion.Status.FAILED,
        ):
            return None
        if version.status == PackVersion.Status.BUILDING and version.worker_is_alive():
            return None  # another worker is on it
        now = timezone.now()
        version.status = PackVersion.Status.BUILDING
        version.started_at = version.heartbeat_at = now
        version.stage = "Starting"
        version.percent = 1
        version.save(update_fields=["status", "started_at", "heartbeat_at", "stage", "percent"])
    return version


def _report_progress(version: PackVersion):
    def progress(stage: str, percent: int) -> None:
        # Progress is for show: a busy database must not stop the build.
        with contextlib.suppress(OperationalError):
            PackVersion.objects.filter(pk=version.pk, status=PackVersion.Status.BUILDING).update(
                stage=stage, percent=min(percent, 99), heartbeat_at=timezone.now()
            )

    return progress


def build_version(version_id: int) -> PackVersion | None:
    """Build one version. Safe to call again: a ready or failed version is left alone."""
    version = _claim(version_id)
    if version is None:
        return None
    progress = _report_progress(version)
    try:
        plan, built = plan_and_build(version, progress)
        name = builder.store_file(
            version.file.storage, f"packs/{version.meeting_id}/{version.download_name}", built.data
        )
        keep_rendered_papers(plan)
    except builder.PackBuildError as error:
        return _fail(version, str(error))
    except OperationalError:
        raise  # the task tries again
    except Exception:
        logger.exception("Pack version %s failed", version_id)
        return _fail(version, UNEXPECTED_FAILURE)
    return _finish(version, name, built)


def plan_and_build(version: PackVersion, progress) -> tuple[builder.Plan, builder.BuiltPack]:
    """
    Plan the pack (rendering the parts the cache lacks), then merge it. A part that went
    missing from the cache in between (it was emptied) is rebuilt by planning once more.
    """

    def plan_it() -> builder.Plan:
        if version.is_supplement:
            return builder.plan_supplement(version.meeting, version.parent, version, progress)
        return builder.plan_pack(version.meeting, progress)

    def build(plan: builder.Plan) -> builder.BuiltPack:
        return builder.build_pdf(plan, version.is_confidential, version.published_at, progress)

    plan = plan_it()
    try:
        return plan, build(plan)
    except builder.PartMissing as missing:
        logger.warning(
            "Part %s of pack version %s went missing: planning again", missing.key, version.pk
        )
    plan = plan_it()
    return plan, build(plan)


def keep_rendered_papers(plan: builder.Plan) -> None:
    """
    Papers written in the page or made from data are kept as the pack prints them, so that
    each has a PDF of its own, as uploaded papers do, for the meeting page to offer.
    """
    for paper in plan.papers:
        if paper.source in ("body", "generated") and paper.document is not None:
            paper.document.store_generated_copy(paper.path.read_bytes(), paper.pages)


def _fail(version: PackVersion, reason: str) -> PackVersion:
    PackVersion.objects.filter(pk=version.pk).update(
        status=PackVersion.Status.FAILED,
        failure_reason=reason,
        finished_at=timezone.now(),
    )
    version.refresh_from_db()
    return version


def _finish(version: PackVersion, name: str, built: builder.BuiltPack) -> PackVersion:
    with transaction.atomic():
        version.file.name = name
        version.status = PackVersion.Status.READY
        version.stage = "Ready"
        version.percent = 100
        version.page_count = built.page_count
        version.file_size = len(built.data)
        version.sha256 = builder.sha256(built.data)
        version.inputs_sha256 = built.inputs_sha256
        version.summary = built.summary
        version.warnings = built.summary.get("warnings", [])
        version.finished_at = timezone.now()
        version.save()
        Meeting.objects.filter(pk=version.meeting_id, status=Meeting.Status.DRAFT).update(
            status=Meeting.Status.PUBLISHED
        )
        Meeting.objects.filter(pk=version.meeting_id, agenda_published_at__isnull=True).update(
            agenda_published_at=version.finished_at
        )
        if version.kind == PackVersion.Kind.PUBLIC:
            mark_published(version)
            transaction.on_commit(lambda: tell_members(version))
            pack_published.send(sender=PackVersion, version=version)
    return version


def mark_published(version: PackVersion) -> int:
    """The papers a public pack holds are published from now on (exempt ones stay withheld)."""
    document_ids = [
        int(key.removeprefix("doc:"))
        for key in builder.published_paper_keys(version)
        if key.startswith("doc:")
    ]
    return Document.objects.filter(pk__in=document_ids, published_at__isnull=True).update(
        published_at=version.finished_at
    )


def tell_members(version: PackVersion) -> int:
    meeting = version.meeting
    what = f"Supplement {version.supplement_number}" if version.is_supplement else "The agenda pack"
    subject = f"{meeting.committee.name}, {meeting.date:%-d %B %Y}: {what.lower()} is published"
    body = (
        f"{what} for the {meeting.committee.name} meeting on {meeting.date:%A %-d %B %Y} "
        f"is published.\n\nRead it here: {settings.SITE_URL}{meeting.get_absolute_url()}#pack\n"
    )
    return email_members(meeting, subject, body)


def changes_between(previous: dict, current: dict) -> list[str]:
    """What a reader needs to know: items added or removed, papers changed, pages moved."""
    if not previous:
        return []
    before = {row["key"]: row for row in previous.get("rows", [])}
    after = {row["key"]: row for row in current.get("rows", [])}
    changes = []
    for key, row in after.items():
        name = _row_name(row)
        if key not in before:
            changes.append(f"{name} added")
            continue
        old = before[key]
        old_papers = {paper["key"]: paper for paper in old["papers"]}
        new_papers = {paper["key"]: paper for paper in row["papers"]}
        for paper_key, paper in new_papers.items():
            if paper_key not in old_papers:
                changes.append(f"{name}: paper “{paper['title']}” added")
            elif old_papers[paper_key]["hash"] != paper["hash"]:
                changes.append(f"{name}: paper “{paper['title']}” changed")
        for paper_key, paper in old_papers.items():
            if paper_key not in new_papers:
                changes.append(f"{name}: paper “{paper['title']}” removed")
        if old["pages"] != row["pages"]:
            changes.append(f"{name}: {_pages(old['pages'])} now {_pages(row['pages'])}")
    for key, row in before.items():
        if key not in after:
            changes.append(f"{_row_name(row)} removed")
    return changes


def _row_name(row: dict) -> str:
    return f"Item {row['label']}" if row["label"] else row["title"]


def _pages(pages) -> str:
    return f"pages {pages[0]} - {pages[1]}" if pages else "no pages"
