"""Publish the demo meetings' packs in-process, so a first run shows them ready to read."""

import datetime

from django.utils import timezone

from meetings.models import Meeting
from packs import builder, services
from packs.models import PackVersion


def publication_time(meeting: Meeting) -> datetime.datetime:
    """9 am on the issue date: the same every run, so the same inputs give the same file."""
    return timezone.make_aware(
        datetime.datetime.combine(meeting.effective_issue_date, datetime.time(9, 0))
    )


def load(stdout):
    """A public and a confidential pack for every meeting that is not a draft."""
    meetings = (
        Meeting.objects.with_committee()
        .exclude(status=Meeting.Status.DRAFT)
        .filter(items__isnull=False)
        .distinct()
    )
    built = 0
    for meeting in meetings:
        inputs = builder.plan_pack(meeting).inputs_sha256()
        for kind in PackVersion.Kind:
            current = services.current_pack(meeting, kind)
            if current and current.inputs_sha256 == inputs:
                continue
            version = PackVersion.objects.create(
                meeting=meeting,
                kind=kind,
                number=services.next_number(meeting, kind, False),
                published_at=publication_time(meeting),
                stage="Waiting to start",
            )
            version = services.build_version(version.pk)
            built += 1
            outcome = (
                f"{version.page_count} pages"
                if version.status == PackVersion.Status.READY
                else f"failed: {version.failure_reason}"
            )
            stdout.write(f"  {meeting}: {version.get_kind_display().lower()}, {outcome}")
    stdout.write(f"{built} packs built.")
