"""Render the pack's first part: the front sheet and agenda, or a supplement's sheet."""

from django.template.loader import render_to_string

from committees.formatting import council_time, long_date, meeting_datetime
from committees.models import Membership
from meetings.models import Meeting

from .front_sheet import letter_membership, members_paragraph, notice_membership
from .front_sheet_text import front_sheet_html, placeholder_values
from .pagination import Layout, pages_label, range_text
from .parts import html_part, text_html
from .rows import printed_title, row_papers

PLACEHOLDER_RANGE = (888, 888)


def front_sheet_context(meeting: Meeting, annex_rows, item_rows, layout: Layout | None) -> dict:
    def row_range(row):
        if layout is None:
            return PLACEHOLDER_RANGE if row_papers(row) else None
        return layout.rows.get(row.key)

    council = meeting.council
    committee = meeting.committee
    memberships = list(
        Membership.objects.filter(committee=committee)
        .current(meeting.date)
        .in_print_order()
        .select_related("committee__council")
    )
    entries = []
    for row in item_rows:
        item = row.item
        entries.append(
            {
                "item": item,
                "label": row.label,
                "pages": pages_label(row_range(row), to_follow=item.is_to_follow),
                "sub_entries": [
                    {"item": sub_row.item, "label": sub_row.label} for sub_row in row.sub_rows
                ],
            }
        )
    # The council's texts and the sheet's own fields are filled from the same values.
    values = placeholder_values(meeting)
    return {
        "meeting": meeting,
        "council": council,
        "committee": committee,
        "when": meeting_datetime(meeting.date, meeting.start_time),
        "running_header": (
            f"{committee.name} - {council_time(meeting.start_time)} {long_date(meeting.date)}"
        ),
        "letter_when": f"{long_date(meeting.date)}, {council_time(meeting.start_time)}",
        "issue_date": values["issue_date"],
        "issued_by": values["issued_by"],
        "question_deadline": values["question_deadline"],
        "contact_email": values["contact_email"],
        "contact_phone": values["contact_phone"],
        "contact_name": values["contact_name"],
        "members_in_paragraph": council.members_layout == council.MembersLayout.PARAGRAPH,
        "members_paragraph": members_paragraph(memberships, council.name_style),
        "notice": notice_membership(memberships, council.name_style),
        "letter": letter_membership(memberships, council.name_style),
        "front_sheet_html": front_sheet_html(meeting, values),
        "annexes": [
            {"title": row.title, "pages": range_text(row_range(row)), "key": row.key}
            for row in annex_rows
        ],
        "entries": entries,
        "exempt_items_html": text_html(council.exempt_items_text),
        "filming_html": text_html(council.filming_text),
        "evacuation_html": text_html(council.evacuation_text),
    }


def render_front(meeting: Meeting, annex_rows, item_rows, layout: Layout | None):
    template = (
        "packs/front_letter.html"
        if meeting.council.front_sheet_style == meeting.council.FrontSheetStyle.COVERING_LETTER
        else "packs/front_notice.html"
    )
    html = render_to_string(template, front_sheet_context(meeting, annex_rows, item_rows, layout))
    return html_part(html)


def render_supplement_sheet(meeting: Meeting, label: str, rows, layout: Layout | None):
    entries = [
        {
            "label": row.label,
            "title": row.title,
            "pages": f"({label}, pages {range_text(layout.rows[row.key])})" if layout else "",
            "papers": [printed_title(paper) for paper in row_papers(row)],
        }
        for row in rows
    ]
    html = render_to_string(
        "packs/front_supplement.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "when": meeting_datetime(meeting.date, meeting.start_time),
            "label": label,
            "entries": entries,
        },
    )
    return html_part(html)
