"""
Put a pack's pages together: the parts in order, padding and withheld pages, stamps.

The parts' structure trees are joined as they go in (structure.py); the pages the
pack adds itself, and the stamps, are artifacts.
"""

from dataclasses import dataclass, field

import pikepdf

from .parts import PartMissing, readable
from .plan import FRONT_KEY, Plan
from .rows import AgendaRow, PaperPart, row_papers
from .stamps import Stamper, Text, blank_page_text, item_stamp, page_stamp, withheld_page_texts
from .structure import StructureJoiner

A4 = (595.28, 841.89)


@dataclass
class Assembly:
    pack: pikepdf.Pdf
    sources: list[pikepdf.Pdf]  # kept open until the pack is saved: it reads their streams
    outline_targets: list[tuple[AgendaRow, list[tuple[PaperPart, int]]]]
    tagged_parts: int = 0
    untagged_parts: list[str] = field(default_factory=list)
    copies: list = field(default_factory=list)  # parts read from a bucket, kept open as long

    def close(self) -> None:
        self.pack.close()
        for source in self.sources:
            source.close()
        for copy in self.copies:
            copy.close()


def assemble(plan: Plan, confidential: bool) -> Assembly:
    """The pack's pages in order, stamped, with one structure tree."""
    pack = pikepdf.new()
    assembly = Assembly(pack, [], [])
    joiner = StructureJoiner(pack)
    stamps: dict[int, list[Text]] = {}

    def add_part(path, key: str) -> None:
        try:
            opened = readable(path)
        except FileNotFoundError as error:
            raise PartMissing(key) from error
        if opened is not path:
            assembly.copies.append(opened)
        try:
            source = pikepdf.open(opened)
        except FileNotFoundError as error:
            raise PartMissing(key) from error
        assembly.sources.append(source)
        first = len(pack.pages)
        pack.pages.extend(source.pages)
        if joiner.add_part(source, [pack.pages[i] for i in range(first, len(pack.pages))]):
            assembly.tagged_parts += 1
        else:
            assembly.untagged_parts.append(key)

    try:
        add_part(plan.front_path, FRONT_KEY)
        if plan.layout.placement(FRONT_KEY).blank_page:
            add_blank_page(pack, stamps, [blank_page_text()])
        for row in plan.rows:
            placed = []
            for position, paper in enumerate(row_papers(row)):
                placement = plan.layout.placement(paper.key)
                first_index = len(pack.pages)
                assert first_index + 1 == placement.first_page
                if paper.restricted and not confidential:
                    for _ in range(paper.pages):
                        add_blank_page(pack, stamps, withheld_page_texts(paper.withheld_note))
                else:
                    add_part(paper.path, paper.key)
                if position == 0 and row.item is not None:
                    stamps.setdefault(first_index, []).append(item_stamp(row.item.number))
                if placement.blank_page:
                    add_blank_page(pack, stamps, [blank_page_text()])
                placed.append((paper, first_index))
            assembly.outline_targets.append((row, placed))
        joiner.finish()

        stamper = Stamper(pack)
        for index, page in enumerate(pack.pages):
            label = plan.page_label.format(number=index + 1)
            stamper.stamp(page, [*stamps.get(index, []), page_stamp(label)])
    except BaseException:
        assembly.close()  # a part missing or unreadable: nothing is left open
        raise
    return assembly


def add_blank_page(pack: pikepdf.Pdf, stamps: dict, texts: list[Text]) -> None:
    """A page the pack adds: padding, or one standing in for a withheld page."""
    stamps.setdefault(len(pack.pages), []).extend(texts)
    pack.add_blank_page(page_size=A4)
