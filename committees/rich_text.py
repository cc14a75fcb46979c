"""
Rich text typed by officers: the editor's form fields, and the cleaning before it is stored.
Formatting and links stay. The rich text editor (Trix, static/js/rich_text.js) writes
blocks as <div> with <br> between lines, and its headings as <h3>.

It is here, in the app every other one builds on, so that the committees' own texts and
the meetings' agendas and papers (meetings/forms.py, meetings/sanitise.py) share it.
"""

import nh3
from django.utils.html import escape

ALLOWED_TAGS = {
    "p", "div", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan"}}

# Help text is printed as HTML by the GOV.UK template pack, so the tags are escaped.
RICH_TEXT_HELP = escape(
    "Bold, italic, headings, quotes, lists and links (https://…) are kept; anything else is "
    "removed when you save. Without the formatting buttons, type simple HTML: <p>, <strong>, "
    '<em>, <ul> with <li>, and <a href="https://…">.'
)
# static/js/rich_text.js puts a rich text editor (Trix) in place of these textareas; without
# JavaScript they stay plain textareas. clean_html cleans what either sends.
RICH_TEXT_ATTRS = {"data-rich-text": "true"}


def clean_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    ).strip()
