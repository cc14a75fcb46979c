"""
Stamps drawn on top of the pages of a pack: "Page N" at the bottom centre of
every page, "Agenda Item N" at the top right of the first page of an item's
papers, and the text of padding and withheld pages.

A stamp is a small content stream added after the page's own content, which
is left untouched (still compressed, never parsed). The page's own drawing is
wrapped in q … Q so nothing it leaves in the graphics state moves the stamp.
The text uses the standard Helvetica fonts, which every reader has, and is
marked as a pagination artifact so screen readers skip it.
"""

from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

REGULAR = "/PkR"
BOLD = "/PkB"
FONT_NAMES = {REGULAR: "Helvetica", BOLD: "Helvetica-Bold"}
MARGIN = 28  # points from the edge of the visible page
BLANK_PAGE_TEXT = "This page is intentionally left blank"

# Advance widths (per 1000 em) of the printable ASCII characters, space to tilde, from the
# Adobe metrics of the standard fonts; any other character counts as 556.
_WIDTHS = {
    REGULAR: "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 "
    "556 556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 "
    "500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 "
    "333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 "
    "500 722 500 500 500 334 260 334 584",
    BOLD: "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 "
    "556 556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 "
    "722 611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 "
    "556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 "
    "778 556 556 500 389 280 389 584",
}
WIDTHS = {
    font: dict(zip(map(chr, range(32, 127)), map(int, widths.split()), strict=True))
    for font, widths in _WIDTHS.items()
}


@dataclass(frozen=True)
class Text:
    text: str
    size: float
    font: str = REGULAR
    place: str = "bottom-centre"  # or "top-right", "middle-centre"
    line: int = 0  # for text in the middle: lines below the first


def text_width(text: str, font: str, size: float) -> float:
    widths = WIDTHS[font]
    return sum(widths.get(char, 556) for char in text) * size / 1000


def _escape(text: str) -> bytes:
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


class Stamper:
    """Draws stamps on the pages of one PDF, sharing its font and wrapper objects."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.fonts = {
            name: pdf.make_indirect(
                Dictionary(
                    Type=Name.Font,
                    Subtype=Name.Type1,
                    BaseFont=Name(f"/{base}"),
                    Encoding=Name.WinAnsiEncoding,
                )
            )
            for name, base in FONT_NAMES.items()
        }
        self.opening = pdf.make_stream(b"q\n")

    def stamp(self, page: pikepdf.Page, texts: list[Text]) -> None:
        left, bottom, right, top = (float(value) for value in page.cropbox)
        width, height = right - left, top - bottom
        operations = [b"Q/Artifact<</Type/Pagination>>BDC"]
        for text in texts:
            text_w = text_width(text.text, text.font, text.size)
            if text.place == "top-right":
                x, y = left + width - MARGIN - text_w, bottom + height - MARGIN - text.size
            elif text.place == "middle-centre":
                x = left + (width - text_w) / 2
                y = bottom + height / 2 - text.line * text.size * 1.6
            else:
                x, y = left + (width - text_w) / 2, bottom + MARGIN - 10
            operations.append(
                b"BT %s %g Tf %.1f %.1f Td(%s)Tj ET"
                % (text.font.encode(), text.size, x, y, _escape(text.text))
            )
        operations.append(b"EMC")
        closing = self.pdf.make_stream(b" ".join(operations))

        contents = page.obj.get("/Contents")
        if contents is None:
            parts = []
        elif isinstance(contents, Array):
            parts = list(contents)
        else:
            parts = [contents]
        page.obj.Contents = Array([self.opening, *parts, closing])
        self.add_fonts(page)

    def add_fonts(self, page: pikepdf.Page) -> None:
        if "/Resources" not in page.obj:
            page.obj.Resources = Dictionary()
        resources = page.obj.Resources
        if "/Font" not in resources:
            resources.Font = Dictionary()
        for name, font in self.fonts.items():
            resources.Font[name] = font


def page_stamp(number_label: str) -> Text:
    return Text(number_label, 9)


def item_stamp(number: int | str) -> Text:
    return Text(f"Agenda Item {number}", 12, font=BOLD, place="top-right")


def blank_page_text() -> Text:
    return Text(BLANK_PAGE_TEXT, 12, place="middle-centre")


def withheld_page_texts(paragraph_note: str) -> list[Text]:
    """A page standing in for a page of an exempt paper in the public pack."""
    texts = [Text("Exempt information: not for publication", 14, BOLD, "middle-centre")]
    if paragraph_note:
        texts.append(Text(paragraph_note, 11, place="middle-centre", line=2))
    return texts
