"""The demo's stand-in papers leave room for what the pack stamps on them."""

import io

from pypdf import PdfReader

from demo.stand_ins import render_stand_in
from packs.stamps import MARGIN, item_stamp, text_width


def text_spans(page) -> list[tuple[float, float, float, str]]:
    """(left, right, baseline, text) of each run of text, the right edge estimated from the
    font size (half an em a character, generous for DejaVu Sans)."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            em = size * abs(tm[0] * cm[0])
            found.append((x, x + len(text.strip()) * em * 0.5, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def test_nothing_is_written_where_the_agenda_item_stamp_goes():
    data = render_stand_in(
        council="Somerset Council",
        title="Unitary councillors who are also town and/or parish councillors",
        summary="A list issued by the Unitary Solicitor.",
        meeting="the meeting of 4 May 2023",
        pages=3,
    )
    stamp = item_stamp(12)
    stamp_width = text_width(stamp.text, stamp.font, stamp.size)
    pages = PdfReader(io.BytesIO(data)).pages
    in_the_way = []
    for number, page in enumerate(pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        left, below = width - MARGIN - stamp_width - 20, height - MARGIN - stamp.size - 20
        spans = text_spans(page)
        assert any(text.startswith("Demo stand-in") for *_, text in spans)
        in_the_way += [(number, text) for _, right, y, text in spans if right > left and y > below]
    assert len(pages) == 3
    assert in_the_way == []
