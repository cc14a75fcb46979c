"""
A council's own standard wording, filled in for one meeting.

Councils write the paragraphs of their front sheet (Council.front_sheet_text) and their
guidance notes (Council.guidance_notes) as rich text with placeholders in braces, such as
"by {question_deadline}". Each placeholder is filled from the meeting and the council's
rules, so that a pack states one deadline, one contact and one council name throughout.

- Values are HTML-escaped; the text around them is cleaned HTML (meetings.sanitise).
- "{{" and "}}" print a literal brace.
- An unknown placeholder is left as written, so a pack still builds and the mistake shows;
  the council edit form refuses it (committees/council_texts.py).
- {access_to_information} is a block of paragraphs: alone in a paragraph it replaces that
  paragraph; inside a sentence it is printed as plain text.
- A paragraph left empty by filling (no webcast, say, for {recording}) is dropped.
"""

import re
from html import unescape

from django.template.defaultfilters import linebreaks
from django.utils.html import escape, strip_tags

from committees.council_texts import PLACEHOLDER_TOKEN
from committees.formatting import long_date, short_time
from meetings.sanitise import clean_html

# Placeholders whose value is HTML paragraphs rather than a phrase.
BLOCK_PLACEHOLDERS = {"access_to_information"}

DEFAULT_ACCESS_TO_INFORMATION = (
    "This meeting will be open to the public and press, subject to the passing of any "
    "resolution under the Local Government Act 1972, Schedule 12A: Access to Information."
)

# Somerset Council's 2023 wording (domain notes §1.3), printed when a council has none.
DEFAULT_NOTICE_TEXT = (
    "<p>For further information about the meeting, including how to join the meeting "
    "virtually, please contact {contact_name} on {contact_phone} or email: "
    '<a href="mailto:{contact_email}">{contact_email}</a>.</p>\n'
    "<p>All members of the public are welcome to attend our meetings and ask questions or "
    "make a statement <strong>by giving advance notice</strong> in writing or by e-mail to "
    'the Monitoring Officer at email: <a href="mailto:{contact_email}">{contact_email}</a> '
    "by <strong>{question_deadline}</strong>.</p>\n"
    "<p>{access_to_information}</p>\n"
    "<p>{recording}</p>\n"
    "<p>Issued by {issued_by} on {issue_date}</p>"
)

# North Somerset's covering letter: what follows the list of members.
DEFAULT_LETTER_TEXT = (
    "<p>This document and associated papers can be made available in a different format "
    "on request.</p>"
)

# A block placeholder alone in a paragraph (the rich text editor writes <div>…<br></div>).
_BLOCK_PARAGRAPH = (
    r"<(?P<tag>p|div)>\s*\{(?P<block>" + "|".join(sorted(BLOCK_PLACEHOLDERS)) + r")\}"
    r"\s*(?:<br\s*/?>\s*)*</(?P=tag)>"
)
_FILL = re.compile(_BLOCK_PARAGRAPH + r"|" + PLACEHOLDER_TOKEN.pattern)
_EMPTY_PARAGRAPH = re.compile(r"<(p|div)>(?:\s|&nbsp;|<br\s*/?>)*</\1>\s*")


def rich_text_html(text: str) -> str:
    """A council text as cleaned HTML: typed HTML is cleaned, plain text gets paragraphs."""
    if not text.strip():
        return ""
    if "<" in text:
        return clean_html(text)
    return linebreaks(text, autoescape=True)


def plain_text(html: str) -> str:
    """HTML paragraphs as one run of text, for a block placeholder used inside a sentence."""
    return " ".join(unescape(strip_tags(re.sub(r"<(?:/p|/div|br\s*/?)>", " ", html))).split())


def question_deadline_rule(council) -> str:
    """ "5pm, 3 clear working days before the meeting", from the council's settings."""
    time = short_time(council.question_deadline_time)
    days = council.question_clear_days
    if days == 0:
        return f"{time} on the working day before the meeting"
    plural = "day" if days == 1 else "days"
    return f"{time}, {days} clear working {plural} before the meeting"


def recording_sentence(meeting) -> str:
    if meeting.is_webcast and meeting.is_audio_recorded:
        return "The meeting will be webcast and an audio recording made."
    if meeting.is_webcast:
        return "The meeting will be webcast."
    if meeting.is_audio_recorded:
        return "An audio recording of the meeting will be made."
    return ""


def placeholder_values(meeting) -> dict[str, str]:
    """
    What each placeholder stands for at this meeting, as plain text (escaped when filled),
    except the block placeholders, which are cleaned HTML.
    """
    council = meeting.council
    committee = meeting.committee
    deadline = meeting.question_deadline
    return {
        "council": council.name,
        "committee": committee.name,
        "executive": council.executive_term,
        "chair": council.chair_term,
        "vice_chair": council.vice_chair_term or f"Vice-{council.chair_term}",
        "contact_name": committee.contact_name or "Democratic Services",
        "contact_phone": committee.contact_phone or council.phone,
        "contact_email": committee.contact_email or council.email,
        "question_deadline": f"{short_time(deadline.time())} on {long_date(deadline.date())}",
        "question_deadline_rule": question_deadline_rule(council),
        "issued_by": meeting.issued_by or council.proper_officer,
        "issue_date": long_date(meeting.effective_issue_date),
        "access_to_information": (
            rich_text_html(council.access_to_information_text)
            or f"<p>{DEFAULT_ACCESS_TO_INFORMATION}</p>"
        ),
        "recording": recording_sentence(meeting),
    }


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Fill a council's text (plain or HTML) with these values; the result is cleaned HTML."""
    html = rich_text_html(text)
    if not html:
        return ""

    def replace(match: re.Match) -> str:
        if match.group("block"):
            return values.get(match.group("block"), match.group(0))
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group("name").strip()
        if name not in values:
            return token
        if name in BLOCK_PLACEHOLDERS:
            return escape(plain_text(values[name]))
        return escape(values[name])

    # One pass, so that nothing a value holds is taken for a placeholder.
    html = _FILL.sub(replace, html)
    html = _EMPTY_PARAGRAPH.sub("", html)
    return clean_html(html)


def council_text(meeting, text: str) -> str:
    """One of the council's texts (its guidance notes, say) filled in for this meeting."""
    return fill_placeholders(text, placeholder_values(meeting))


def front_sheet_text(council) -> str:
    """The council's front-sheet wording, or the standard wording for its style of sheet."""
    if council.front_sheet_text.strip():
        return council.front_sheet_text
    if council.front_sheet_style == council.FrontSheetStyle.COVERING_LETTER:
        return DEFAULT_LETTER_TEXT
    return DEFAULT_NOTICE_TEXT


def front_sheet_html(meeting, values: dict[str, str] | None = None) -> str:
    """The paragraphs after the list of members on this meeting's front sheet."""
    text = front_sheet_text(meeting.council)
    return fill_placeholders(text, values if values is not None else placeholder_values(meeting))
