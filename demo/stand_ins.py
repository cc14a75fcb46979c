"""
Stand-in PDFs for the demo's uploaded papers.

The demo does not ship the councils' reports. Each uploaded paper is a clearly
marked stand-in of the printed original's length: a first page that says what the
paper is, and numbered pages that hold its place, so that pack page ranges, stamps
and downloads behave as they would with the real papers.
"""

import logging
from html import escape

from weasyprint import CSS, HTML

STYLE = CSS(
    string="""
    @page { size: A4; margin: 25mm 22mm;  /* top left: the pack stamps "Agenda Item N" top right */
            @top-left { content: "Demo stand-in, page " counter(page) " of " counter(pages);
                             font: 8pt "DejaVu Sans", sans-serif; color: #505a5f; } }
    body { font: 11pt/1.4 "DejaVu Sans", sans-serif; color: #0b0c0c; }
    .council { font-weight: bold; font-size: 10pt; }
    h1 { font-size: 18pt; margin: 10mm 0 6mm; }
    .banner { border: 2pt solid #1d70b8; padding: 4mm 5mm; margin: 0 0 6mm; }
    .page { break-before: page; }
    .placeholder { color: #505a5f; margin-top: 60mm; text-align: center; }
    """
)


def stand_in_html(*, council: str, title: str, summary: str, meeting: str, pages: int) -> str:
    first = (
        f'<p class="council">{escape(council)}</p>'
        f"<h1>{escape(title)}</h1>"
        '<div class="banner"><p><strong>Demonstration copy.</strong> This file stands in for '
        f"the {pages}-page paper published for {escape(meeting)}. The council's own text is not "
        "reproduced here.</p></div>"
        f"<p>{escape(summary)}</p>"
    )
    rest = "".join(
        f'<div class="page"><p class="placeholder">{escape(title)}<br>'
        f"Page {number} of {pages} of the original paper.</p></div>"
        for number in range(2, pages + 1)
    )
    return (
        f"<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title></head><body>{first}{rest}</body></html>"
    )


def render_stand_in(**fields) -> bytes:
    """A searchable PDF of exactly `pages` pages."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=stand_in_html(**fields)).write_pdf(stylesheets=[STYLE])
