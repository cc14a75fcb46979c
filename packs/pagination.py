"""
Where every part of an agenda pack falls, counted after padding.

Every paper starts on an odd (right-hand) page. When a part ends on an odd
page, the next page is "This page is intentionally left blank". So every
paper, and every agenda row made of papers, runs from an odd page to an even
one. Pure functions, no Django: the agenda prints what this returns.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """A run of pages in the pack: the front sheet and agenda, an annex, or one paper."""

    key: str
    pages: int
    row: str | None = None  # the agenda row the part counts towards, e.g. "item:5"


@dataclass(frozen=True)
class Placement:
    key: str
    row: str | None
    first_page: int
    last_page: int  # the part's own last page
    blank_page: int | None  # the padding page after it, if any

    @property
    def pages(self) -> int:
        return self.last_page - self.first_page + 1

    @property
    def end_page(self) -> int:
        return self.blank_page or self.last_page


@dataclass(frozen=True)
class Layout:
    placements: list[Placement]
    rows: dict[str, tuple[int, int]]  # row -> (first page, last page) after padding
    page_count: int

    def placement(self, key: str) -> Placement:
        return next(placement for placement in self.placements if placement.key == key)


def paginate(parts: list[Part], first_page: int = 1) -> Layout:
    placements = []
    rows: dict[str, tuple[int, int]] = {}
    page = first_page
    for part in parts:
        if part.pages < 1:
            raise ValueError(f"{part.key} has no pages.")
        last = page + part.pages - 1
        blank = last + 1 if (last - first_page) % 2 == 0 else None
        placement = Placement(part.key, part.row, page, last, blank)
        placements.append(placement)
        if part.row:
            start = rows[part.row][0] if part.row in rows else page
            rows[part.row] = (start, placement.end_page)
        page = placement.end_page + 1
    return Layout(placements, rows, page - first_page)


def pages_label(page_range: tuple[int, int] | None, to_follow: bool = False) -> str:
    """ "(Pages 13 - 14)", "(To Follow)", or nothing."""
    if page_range:
        return f"(Pages {page_range[0]} - {page_range[1]})"
    return "(To Follow)" if to_follow else ""


def range_text(page_range: tuple[int, int] | None) -> str:
    """ "7 - 8", as in the annex rows of the agenda."""
    return f"{page_range[0]} - {page_range[1]}" if page_range else ""
