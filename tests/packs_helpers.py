"""Reading built packs back, for the packs tests."""

import re

import pikepdf
from pypdf import PdfReader

PAGE_STAMP = re.compile(r"Page (\d+)\s*$")


def read_pack(path_or_file) -> PdfReader:
    return PdfReader(path_or_file)


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def outline_titles(reader: PdfReader) -> list:
    """[(title, page number, [(child title, page number), ...]), ...]"""
    titles = []
    for entry in reader.outline:
        if isinstance(entry, list):
            parent_title, parent_page, _ = titles[-1]
            titles[-1] = (
                parent_title,
                parent_page,
                [(child.title, reader.get_destination_page_number(child) + 1) for child in entry],
            )
        else:
            titles.append((entry.title, reader.get_destination_page_number(entry) + 1, []))
    return titles


def agenda_ranges(text: str) -> dict[str, tuple[int, int]]:
    """Item number -> printed (Pages X - Y) in the agenda text."""
    found = {}
    for match in re.finditer(r"^(\d+) .*?\(Pages (\d+) - (\d+)\)", text, re.MULTILINE):
        found[match.group(1)] = (int(match.group(2)), int(match.group(3)))
    return found


# Reading a pack's structure tree back, with pikepdf.

PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "BI"}


def parent_tree(pdf) -> dict:
    """The /ParentTree as {key: value}, /Kids and all."""
    return dict(pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree).items())


def structure_elements(pdf) -> list:
    """Every structure element under the /StructTreeRoot, depth first."""
    found, seen = [], set()
    stack = list(reversed(as_list(pdf.Root.StructTreeRoot.get("/K"))))
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            continue  # a marked-content number, an /MCR or an /OBJR
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        found.append(node)
        stack.extend(reversed(as_list(node.get("/K"))))
    return found


def as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def marked_content(page) -> tuple[list[int], int, int]:
    """(MCIDs in the page's content, painting operators outside any marked content,
    painting operators inside an /Artifact)."""
    properties = page.resources.get("/Properties", {})
    mcids, unmarked, in_artifacts = [], 0, 0
    stack: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            tag = str(operands[0])
            stack.append(tag)
            if name == "BDC":
                props = operands[1]
                if isinstance(props, pikepdf.Name):
                    props = properties.get(str(props), {})
                if "/MCID" in props:
                    mcids.append(int(props.MCID))
        elif name == "EMC":
            stack.pop()
        elif name in PAINTING:
            if not stack:
                unmarked += 1
            elif "/Artifact" in stack:
                in_artifacts += 1
    return mcids, unmarked, in_artifacts


def page_numbers(plan, keep) -> set[int]:
    """Numbers (from 1) of the parts' own pages, padding left out, for papers keep() picks."""
    numbers = set()
    for placement in plan.layout.placements:
        paper = next((paper for paper in plan.papers if paper.key == placement.key), None)
        if keep(placement, paper):
            numbers |= set(range(placement.first_page, placement.last_page + 1))
    return numbers


def portal_pages(plan) -> set[int]:
    """The front sheet and agenda, annexes made from text, papers written or generated."""
    return page_numbers(
        plan,
        lambda placement, paper: (
            paper is None
            or (paper.source in ("body", "generated", "text") and not paper.restricted)
        ),
    )


def structured_pages(pdf) -> set[int]:
    """Pages that some structure element names with /Pg, or whose marked content it owns."""
    reachable = {element.objgen for element in structure_elements(pdf)}
    page_numbers = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    found = {
        page_numbers[element.Pg.objgen]
        for element in structure_elements(pdf)
        if "/Pg" in element and element.Pg.objgen in page_numbers
    }
    tree = parent_tree(pdf)
    for number, page in enumerate(pdf.pages, start=1):
        key = page.obj.get("/StructParents")
        owners = tree.get(int(key)) if key is not None else None
        if owners is not None and any(
            isinstance(owner, pikepdf.Dictionary) and owner.objgen in reachable for owner in owners
        ):
            found.add(number)
    return found
