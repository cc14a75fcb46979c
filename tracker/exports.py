"""Every row of a tracker this person may see, current and archived, as CSV or a spreadsheet."""

import csv
import io
import re
from html import unescape

from django.utils.html import strip_tags

from .selectors import visible_entries

HEADINGS = [
    "Meeting",
    "Agenda item",
    "Lead / Owner",
    "Agreed outcome",
    "Status",
    "Status note",
    "Target meeting",
    "Agreed on",
    "Last update",
    "Removed from tracker on",
]


def html_to_text(html: str) -> str:
    text = re.sub(r"</p>|<br\s*/?>|</li>", "\n", html or "")
    return unescape(strip_tags(text)).strip()


def export_rows(tracker, user):
    """Exempt entries only for officers and current members (committees/access.py)."""
    entries = visible_entries(tracker, user).for_display().in_print_order()
    for entry in entries:
        yield [
            entry.meeting.date.isoformat(),
            entry.item_title,
            entry.owners_display,
            html_to_text(entry.agreed_outcome),
            entry.status.label,
            entry.status_note,
            entry.target_meeting.date.isoformat() if entry.target_meeting_id else "",
            entry.agreed_on.isoformat(),
            entry.last_updated_on.isoformat(),
            entry.archived_on.isoformat() if entry.archived_on else "",
        ]


def as_csv(tracker, user) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    writer.writerows(export_rows(tracker, user))
    return buffer.getvalue()


def as_xlsx(tracker, user) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Outcome tracker"
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in export_rows(tracker, user):
        sheet.append(row)
    for column, width in zip("ABCDEFGHIJ", (12, 40, 24, 80, 14, 30, 14, 12, 12, 14), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
