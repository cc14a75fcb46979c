"""
The bulk export: everything public, one JSON Lines file per resource, so that a full copy
needs no crawling. Written through Django's storage API; each file is written under a
temporary name and then put in place, so a reader never gets half a file.
"""

import json
import os
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from rest_framework.utils.encoders import JSONEncoder

from . import selectors, serializers

BULK_DIR = "api/bulk"

RESOURCES = {
    "councils": (selectors.councils, serializers.CouncilSerializer),
    "committees": (selectors.committees, serializers.CommitteeSerializer),
    "people": (selectors.people, serializers.PersonSerializer),
    "memberships": (selectors.memberships, serializers.MembershipSerializer),
    "meetings": (selectors.meetings, serializers.MeetingDetailSerializer),
    "documents": (selectors.documents, serializers.DocumentSerializer),
    "decisions": (selectors.decisions, serializers.DecisionSerializer),
    "tracker-entries": (selectors.tracker_entries, serializers.TrackerEntrySerializer),
    "minutes": (selectors.minutes, serializers.MinutesSerializer),
    "pack-versions": (selectors.pack_versions, serializers.PackVersionSerializer),
    "work-programme-items": (
        selectors.work_programme_items,
        serializers.WorkProgrammeItemSerializer,
    ),
    "action-plans": (selectors.action_plans, serializers.ActionPlanSerializer),
}


def bulk_name(resource: str) -> str:
    return f"{BULK_DIR}/{resource}.jsonl"


def lines(resource: str):
    rows, serializer_class = RESOURCES[resource]
    for row in rows().iterator(chunk_size=500):
        context = {}
        if serializer_class is serializers.MeetingDetailSerializer:
            context["agenda"] = selectors.agenda(row)
        data = serializer_class(row, context=context).data
        yield json.dumps(data, cls=JSONEncoder, ensure_ascii=False, sort_keys=True) + "\n"


def write_atomically(name: str, content: bytes) -> None:
    """Replace `name` in default storage with `content`, never leaving half a file there.

    On a file system the temporary file is renamed over the old one (atomic); a storage
    without local paths (an object store) replaces objects whole anyway, so there the new
    file is saved under the final name after the old one is deleted."""
    temporary = default_storage.save(f"{BULK_DIR}/.{uuid.uuid4().hex}.tmp", ContentFile(content))
    try:
        os.replace(default_storage.path(temporary), default_storage.path(name))
    except NotImplementedError:
        default_storage.delete(name)
        default_storage.save(name, default_storage.open(temporary))
        default_storage.delete(temporary)


def export_everything() -> dict[str, int]:
    """Write every resource's file; the same data gives the same files, however often run."""
    counts = {}
    for resource in RESOURCES:
        body = "".join(lines(resource))
        write_atomically(bulk_name(resource), body.encode("utf-8"))
        counts[resource] = body.count("\n")
    return counts
