"""Plain text for the index, and highlighted snippets made from it, on either database."""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

# The database marks matches with these private-use characters, which the stored text never
# holds; matches become <mark> only after the text around them has been escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
PAGE_BREAK = "\f"
_UNSTORED = dict.fromkeys(map(ord, f"\x00{MARK_START}{MARK_END}"), " ")
_SPACES = re.compile(r"[^\S\f]+")


def plain(value: str) -> str:
    """Plain text fit for the index: no NUL, no mark characters, single spaces."""
    if not value:
        return ""
    return _SPACES.sub(" ", value.translate(_UNSTORED)).strip()


def from_html(value: str) -> str:
    """The text of rich text (HTML cleaned when saved): no tags, entities read."""
    if not value:
        return ""
    return plain(html.unescape(strip_tags(value.replace("<", " <"))))


def joined(*parts: str) -> str:
    return "\n".join(part for part in (plain(part) for part in parts) if part)


def marked_html(text: str) -> SafeString:
    """Text with database marks: escaped, the marks turned into <mark>."""
    text = text.replace(PAGE_BREAK, " ")
    safe = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(safe)


def page_of(body: str, offset: int) -> int:
    """The page (from 1) that a character of a paper's text is on."""
    return body.count(PAGE_BREAK, 0, max(offset, 0)) + 1


# The plain fallback (SQLite): the query's terms found in Python.

_TERM = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
_EDGE_PUNCTUATION = "\"'“”‘’.,;:!?()[]{}<>"
MAX_TERMS = 12


def terms(query: str) -> tuple[list[str], list[str]]:
    """The words and "quoted phrases" to find, and the -words to leave out (websearch style)."""
    wanted, unwanted = [], []
    for match in _TERM.finditer(query):
        minus = match.group(1) or match.group(3)
        term = (match.group(2) if match.group(2) is not None else match.group(4)) or ""
        term = " ".join(term.strip(_EDGE_PUNCTUATION).split())
        if not term or (term.lower() == "or" and match.group(4) is not None):
            continue
        (unwanted if minus else wanted).append(term)
    return wanted[:MAX_TERMS], unwanted[:MAX_TERMS]


def term_pattern(wanted: list[str]) -> re.Pattern | None:
    if not wanted:
        return None
    alternatives = sorted({re.escape(term) for term in wanted}, key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def highlight(text: str, pattern: re.Pattern | None) -> SafeString:
    """The whole text, escaped, with every match in <mark>."""
    text = text.replace(PAGE_BREAK, " ")
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))


SNIPPET_CHARACTERS = 240


def snippet(body: str, pattern: re.Pattern | None) -> tuple[SafeString, int | None]:
    """Some 240 characters around the first match (or the start), highlighted; and the offset
    of that match, or None when the body does not hold one."""
    match = pattern.search(body) if pattern else None
    if match is None:
        start, offset = 0, None
    else:
        offset = match.start()
        start = max(0, offset - SNIPPET_CHARACTERS // 3)
        space = body.rfind(" ", 0, start)
        start = 0 if start == 0 else (space + 1 if space >= 0 else start)
    end = min(len(body), start + SNIPPET_CHARACTERS)
    if end < len(body):
        space = body.rfind(" ", start, end)
        end = space if space > start else end
    text = body[start:end].strip()
    if start > 0:
        text = "… " + text
    if end < len(body):
        text += " …"
    return highlight(text, pattern), offset
