"""Where a paper sits in its meeting's published pack (or a supplement), from the summaries."""

from .models import PackVersion
from .services import published_versions


def pack_kind_for(document) -> str:
    """Exempt papers are printed in the confidential pack only; others in the public one."""
    if document.is_exempt_information:
        return PackVersion.Kind.CONFIDENTIAL
    return PackVersion.Kind.PUBLIC


def paper_pack_pages(document) -> tuple[PackVersion, int, int] | None:
    """(pack or supplement, first page, last page) of the paper as published, or None.

    Mirrors search/sources.py pack_pages: a paper's summary entry is keyed "doc:<pk>" and
    its "pages" are [first page, end page] as printed (a padding blank page included). A
    late paper is found in the supplement that published it, numbered as that prints it.
    """
    key = f"doc:{document.pk}"
    for version in published_versions(document.meeting, pack_kind_for(document)):
        for row in (version.summary or {}).get("rows", []):
            for paper in row.get("papers", []):
                pages = paper.get("pages") or []
                if paper.get("key") == key and len(pages) == 2 and pages[0]:
                    version.meeting = document.meeting
                    return version, int(pages[0]), int(pages[1])
    return None
