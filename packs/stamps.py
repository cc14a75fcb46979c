"""
Stamps drawn on top of the pages of a pack: "Page N" at the bottom centre of
every page, "Agenda Item N" at the top right of the first page of an item's
papers, and the text of padding pages.

A stamp is a small content stream added after the page's own content, which
is left untouched (still compressed, never parsed). The page's own drawing is
wrapped in q … Q so nothing it leaves in the graphics state moves the stamp.
The text uses the standard Helvetica fonts, which every reader has, and is
marked as a pagination artifact so screen readers skip it.
"""

from dataclasses import dataclass

from pypdf import PageObject, PdfWriter
from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

REGULAR = "/PkR"
BOLD = "/PkB"
FONT_NAMES = {REGULAR: "Helvetica", BOLD: "Helvetica-Bold"}
MARGIN = 28  # points from the edge of the visible page
BLANK_PAGE_TEXT = "This page is intentionally left blank"


@dataclass(frozen=True)
class Text:
    text: str
    size: float
    font: str = REGULAR
    place: str = "bottom-centre"  # or "top-right", "middle-centre"
    line: int = 0  # for text in the middle: lines below the first


def text_width(text: str, font: str, size: float) -> float:
    widths = CORE_FONT_METRICS[FONT_NAMES[font]].character_widths
    default = widths.get("default", 556)
    return sum(widths.get(char, default) for char in text) * size / 1000


def _escape(text: str) -> bytes:
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


class Stamper:
    """Draws stamps on the pages of one writer, sharing its font and wrapper objects."""

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self.fonts = {
            name: writer._add_object(
                DictionaryObject(
                    {
                        NameObject("/Type"): NameObject("/Font"),
                        NameObject("/Subtype"): NameObject("/Type1"),
                        NameObject("/BaseFont"): NameObject(f"/{base}"),
                        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                    }
                )
            )
            for name, base in FONT_NAMES.items()
        }
        opening = DecodedStreamObject()
        opening.set_data(b"q\n")
        self.opening = writer._add_object(opening)

    def stamp(self, page: PageObject, texts: list[Text]) -> None:
        box = page.cropbox
        left, bottom = float(box.left), float(box.bottom)
        width, height = float(box.width), float(box.height)
        # Kept short and uncompressed: this stream is repeated on every page of the pack.
        operations = [b"Q/Artifact BMC"]
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
        closing = DecodedStreamObject()
        closing.set_data(b" ".join(operations))

        raw = page.raw_get("/Contents") if "/Contents" in page else None
        if raw is None:
            parts = []
        elif isinstance(raw.get_object(), ArrayObject):
            parts = list(raw.get_object())
        else:
            parts = [raw]
        page[NameObject("/Contents")] = ArrayObject(
            [self.opening, *parts, self.writer._add_object(closing)]
        )
        self._add_fonts(page)

    def _add_fonts(self, page: PageObject) -> None:
        resources = page.get("/Resources")
        if resources is None:
            resources = DictionaryObject()
            page[NameObject("/Resources")] = resources
        resources = resources.get_object()
        fonts = resources.get("/Font")
        if fonts is None:
            fonts = DictionaryObject()
            resources[NameObject("/Font")] = fonts
        fonts = fonts.get_object()
        for name, reference in self.fonts.items():
            fonts[NameObject(name)] = reference


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
