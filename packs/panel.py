"""What the pack panel on a meeting page shows to whom."""

from committees.access import sees_exempt
from committees.roles import manages

from .models import PackVersion
from .services import changes_between


def panel_context(meeting, user) -> dict:
    officer = manages(user, meeting.committee)
    sees_confidential = sees_exempt(user, meeting.committee)
    versions = list(
        meeting.pack_versions.select_related("created_by").order_by(
            "kind", "is_supplement", "number"
        )
    )
    ready = [
        version
        for version in versions
        if version.status == PackVersion.Status.READY and version.withdrawn_at is None
    ]

    def newest(kind, is_supplement=False):
        candidates = [
            version
            for version in ready
            if version.kind == kind and version.is_supplement == is_supplement
        ]
        return candidates[-1] if candidates else None

    current_public = newest(PackVersion.Kind.PUBLIC)
    current_confidential = newest(PackVersion.Kind.CONFIDENTIAL) if sees_confidential else None
    current_mains = {version.pk for version in (current_public, current_confidential) if version}
    # A republished pack holds the late papers of the supplements to the one before it.
    supplements = [
        version for version in ready if version.is_supplement and version.parent_id in current_mains
    ]
    superseded = [
        version
        for version in reversed(ready)
        if not version.is_supplement
        and version.pk not in current_mains
        and (version.kind == PackVersion.Kind.PUBLIC or sees_confidential)
    ]
    history = []
    if officer:
        previous_by_kind = {}
        for version in versions:
            if version.is_supplement:
                continue
            previous = previous_by_kind.get(version.kind)
            changes = (
                changes_between(previous.summary, version.summary)
                if previous and version.status == PackVersion.Status.READY
                else []
            )
            history.append({"version": version, "changes": changes})
            if version.status == PackVersion.Status.READY:
                previous_by_kind[version.kind] = version
        history.reverse()
    in_progress = [version for version in versions if version.is_in_progress]
    latest_failed = [
        version
        for version in versions
        if version.status == PackVersion.Status.FAILED
        and not any(
            later.kind == version.kind
            and later.is_supplement == version.is_supplement
            and later.number > version.number
            for later in versions
        )
    ]
    return {
        "meeting": meeting,
        "is_officer": officer,
        "current_public": current_public,
        "current_confidential": current_confidential,
        "supplements": supplements,
        "superseded": superseded,
        "in_progress": in_progress if officer else [],
        "failed": latest_failed if officer else [],
        "history": history,
        "polling": officer and bool(in_progress),
    }
