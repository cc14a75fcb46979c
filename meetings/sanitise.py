"""
Rich text typed by officers is cleaned before it is stored: formatting and links stay.
The rich text editor (Trix, static/js/rich_text.js) writes blocks as <div> with <br>
between lines, and its headings as <h3>.
"""

import nh3

ALLOWED_TAGS = {
    "p", "div", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan"}}


def clean_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    ).strip()
