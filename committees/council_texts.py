"""
The placeholders a council may write in its standard texts (the front sheet's paragraphs,
the guidance notes), and the check that refuses any other. packs/front_sheet_text.py
fills them in for each meeting.
"""

import re

from django.core.exceptions import ValidationError

PLACEHOLDERS: dict[str, str] = {
    "council": 'The council\'s name, e.g. "Somerset County Council".',
    "committee": 'The committee\'s name, e.g. "Scrutiny Committee - Childrens and Families".',
    "executive": 'What the council calls its executive: "Executive" or "Cabinet".',
    "chair": 'The council\'s term for the chair: "Chair", "Chairman" or "Chairperson".',
    "vice_chair": 'The term for the deputy, e.g. "Vice-Chair".',
    "contact_name": 'Who to contact about the meeting, e.g. "Democratic Services".',
    "contact_phone": "The contact's telephone number.",
    "contact_email": "The contact's e-mail address.",
    "question_deadline": 'When public questions close, e.g. "5pm on Thursday, 27 April 2023".',
    "question_deadline_rule": (
        "The council's rule for that deadline, e.g. \"5pm, 3 clear working days before the "
        'meeting".'
    ),
    "issued_by": 'Who issues the agenda, e.g. "(the Proper Officer)".',
    "issue_date": 'The date the agenda is issued, e.g. "Tuesday, 25 April 2023".',
    "access_to_information": (
        "The council's access to information text (or the standard Schedule 12A sentence); "
        "put it in a paragraph of its own."
    ),
    "recording": (
        'Whether the meeting is webcast or recorded, e.g. "The meeting will be webcast and an '
        'audio recording made."; nothing when it is neither.'
    ),
}

# "{{", "}}" or a short run of text in braces that holds no markup.
PLACEHOLDER_TOKEN = re.compile(r"\{\{|\}\}|\{(?P<name>[^{}<>]{1,60})\}")


def unknown_placeholders(text: str) -> list[str]:
    """
    The placeholders in a council's text that are not in PLACEHOLDERS, each once, as
    written ("{deadline}"): for the council edit form to refuse with a clear error.
    """
    unknown = []
    for match in PLACEHOLDER_TOKEN.finditer(text or ""):
        name = match.group("name")
        if name is not None and name.strip() not in PLACEHOLDERS:
            written = match.group(0)
            if written not in unknown:
                unknown.append(written)
    return unknown


def validate_placeholders(text: str) -> None:
    """A form field validator: raises ValidationError naming any unknown placeholder."""
    unknown = unknown_placeholders(text)
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        raise ValidationError(
            "%(unknown)s %(verb)s not a placeholder this portal can fill in. "
            "Use one of %(known)s, or write {{ and }} for a brace that should be printed.",
            code="unknown_placeholder",
            params={
                "unknown": ", ".join(unknown),
                "verb": "is" if len(unknown) == 1 else "are",
                "known": known,
            },
        )
