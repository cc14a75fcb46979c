"""Reading built packs back, for the packs tests."""

import re

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
