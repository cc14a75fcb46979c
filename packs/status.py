"""
One short label per meeting for the state of its agenda pack, for the officer
dashboard (meetings/pack_state.py, registered there by PacksConfig.ready()). All
meetings' versions come in one query.

The public main pack decides the label, as it is what the public see: a build
in progress first, then a failed latest build, then the newest ready version.
Builds nobody is working on any more count as failed, as the pack panel will
show them once opened.
"""

from django.utils import timezone

from .models import STALE_AFTER, PackVersion


def pack_states(meetings) -> dict[int, str]:
    versions = (
        PackVersion.objects.filter(meeting__in=[meeting.pk for meeting in meetings])
        .only(
            "meeting_id",
            "number",
            "kind",
            "status",
            "percent",
            "is_supplement",
            "created_at",
            "started_at",
        )  # fmt: skip
        .order_by("meeting_id", "created_at", "pk")
    )
    by_meeting: dict[int, list[PackVersion]] = {}
    for version in versions:
        by_meeting.setdefault(version.meeting_id, []).append(version)
    now = timezone.now()
    return {meeting.pk: label(by_meeting.get(meeting.pk, []), now) for meeting in meetings}


def label(versions: list[PackVersion], now) -> str:
    """The label for one meeting's versions, oldest first."""
    running = [v for v in versions if v.is_in_progress and not _is_stale(v, now)]
    if running:
        building = [v for v in running if v.status == PackVersion.Status.BUILDING]
        if building:
            return f"Building {min(v.percent for v in building)}%"
        return "Queued"
    latest = {(v.kind, v.is_supplement): v for v in versions}
    failed = any(v.status == PackVersion.Status.FAILED or v.is_in_progress for v in latest.values())
    ready = [
        v
        for v in versions
        if v.status == PackVersion.Status.READY and v.kind == PackVersion.Kind.PUBLIC
    ]
    main = max((v.number for v in ready if not v.is_supplement), default=None)
    supplements = sum(1 for v in ready if v.is_supplement)
    if failed:
        return f"Failed — retry (v{main} published)" if main else "Failed — retry"
    if main:
        if supplements:
            return f"Ready (v{main}, {supplements} supplement{'s' if supplements != 1 else ''})"
        return f"Ready (v{main})"
    return "Not published"


def _is_stale(version: PackVersion, now) -> bool:
    if version.status == PackVersion.Status.BUILDING:
        return bool(version.started_at and version.started_at < now - STALE_AFTER)
    if version.status == PackVersion.Status.QUEUED:
        return version.created_at < now - STALE_AFTER
    return False
