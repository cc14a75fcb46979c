"""Where a paper sits in its meeting's current published pack, read from the pack summary."""

from .models import PackVersion
from .services import current_pack


def pack_kind_for(document) -> str:
    """Exempt papers are printed in the confidential pack only; others in the public one."""
    if document.is_exempt_information:
        return PackVersion.Kind.CONFIDENTIAL
    return PackVersion.Kind.PUBLIC


def paper_pack_pages(document) -> tuple[PackVersion, int, int] | None:
    """(pack, first page, last page) of the paper in the current main pack, or None.

    Mirrors search/sources.py pack_pages: a paper's summary entry is keyed "doc:<pk>" and
    its "pages" are [first page, end page] as printed (a padding blank page included).
    """
    version = current_pack(document.meeting, pack_kind_for(document))
    if version is None:
        return None
    key = f"doc:{document.pk}"
    for row in (version.summary or {}).get("rows", []):
        for paper in row.get("papers", []):
            pages = paper.get("pages") or []
            if paper.get("key") == key and len(pages) == 2 and pages[0]:
                version.meeting = document.meeting
                return version, int(pages[0]), int(pages[1])
    return None
