"""The front sheet's wording comes from the council's own texts, filled in for the meeting."""

import datetime
import io
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from pypdf import PdfReader

from committees.council_texts import PLACEHOLDERS, unknown_placeholders, validate_placeholders
from committees.models import Council, Membership
from meetings.sanitise import clean_html
from packs import builder
from packs.front_sheet import members_paragraph, notice_membership
from packs.front_sheet_text import (
    DEFAULT_NOTICE_TEXT,
    council_text,
    fill_placeholders,
    placeholder_values,
    question_deadline_rule,
)
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    somerset_committee,
)
from tests.packs_helpers import page_texts

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime.datetime(2023, 4, 25, 9, 0, tzinfo=datetime.UTC)

# Somerset County Council's 2018 front sheet (domain notes §1.3, B:L9-21), with placeholders.
TEXT_2018 = """
<p>All {council} Members are invited to attend meetings of the {executive} and Scrutiny
Committees.</p>
<p>Issued By {issued_by} - {issue_date}</p>
<p>For further information about the meeting, please contact {contact_name} on
{contact_phone} or {contact_email}</p>
<p>Guidance about procedures at the meeting follows the printed agenda.</p>
<p>This meeting will be open to the public and press, subject to the passing of any
resolution under Section 100A (4) of the Local Government Act 1972.</p>
<p>This agenda and the attached reports and minutes are available on request prior to the
meeting in large print, Braille, audio tape &amp; disc and can be translated into different
languages. They can also be accessed via the council's website on
www.somerset.gov.uk/agendasandpapers</p>
"""

# B:L9, in the order the committee printed it: not alphabetical, the Vice-Chair in the middle.
MEMBERS_2018 = [
    ("chair", "", "Leigh", "Redman"),
    ("member", "", "Jane", "Lock"),
    ("co_opted", "Ms", "Helen", "Fenn"),
    ("co_opted", "Mrs", "Eilleen", "Tipper"),
    ("co_opted", "Mr", "Richard", "Berry"),
    ("member", "", "Neil", "Bloomfield"),
    ("member", "", "Ann", "Bown"),
    ("member", "", "Martin", "Dimery"),
    ("member", "", "Nigel", "Hewitt-Cooper"),
    ("co_opted", "", "Ruth", "Hobbs"),
    ("vice_chair", "", "Mike", "Pullin"),
    ("member", "", "Josh", "Williams"),
    ("member", "", "Nigel", "Taylor"),
]
PARAGRAPH_2018 = (
    "Cllr L Redman (Chairman), Cllr J Lock, Ms Helen Fenn, Mrs Eilleen Tipper, "
    "Mr Richard Berry, Cllr N Bloomfield, Cllr A Bown, Cllr M Dimery, Cllr N Hewitt-Cooper, "
    "Ruth Hobbs, Cllr M Pullin (Vice-Chair), Cllr J Williams and Cllr N Taylor"
)
INVITATION_2018 = (
    "All Somerset County Council Members are invited to attend meetings of the Cabinet and "
    "Scrutiny Committees."
)

# Today's (2023) Somerset wording after the members, as printed by a factory meeting.
TEXT_2023 = (
    "For further information about the meeting, including how to join the meeting virtually, "
    "please contact Democratic Services on (01823) 357628 or email: "
    "democraticservicesteam@somerset.gov.uk. "
    "All members of the public are welcome to attend our meetings and ask questions or make a "
    "statement by giving advance notice in writing or by e-mail to the Monitoring Officer at "
    "email: democraticservicesteam@somerset.gov.uk by 5pm on Thursday, 27 April 2023. "
    "This meeting will be open to the public and press, subject to the passing of any "
    "resolution under the Local Government Act 1972, Schedule 12A: Access to Information. "
    "The meeting will be webcast and an audio recording made. "
    "Issued by (the Proper Officer) on Tuesday, 25 April 2023"
)


def one_line(text: str) -> str:
    return " ".join(text.split())


def front_html(meeting) -> str:
    council = meeting.council
    template = (
        "packs/front_letter.html"
        if council.front_sheet_style == Council.FrontSheetStyle.COVERING_LETTER
        else "packs/front_notice.html"
    )
    return render_to_string(template, builder.front_sheet_context(meeting, [], [], None))


def front_sheet_words(meeting) -> str:
    """The front sheet's visible words, without the agenda that follows it."""
    html = front_html(meeting)
    section = html[html.index('<section class="front-sheet">') : html.index("</section>")]
    section = re.sub(r"</?(?:p|div|h1|table|tr|td|hr)\b[^>]*>", " ", section)
    return one_line(unescape(strip_tags(section)))


def build(meeting):
    plan = builder.plan_pack(meeting)
    built = builder.build_pdf(plan, False, PUBLISHED_AT)
    return plan, page_texts(PdfReader(io.BytesIO(built.data))), built


def county_council_2018(**fields) -> Council:
    return CouncilFactory(
        **{
            "slug": "somerset-county",
            "name": "Somerset County Council",
            "phone": "01823 355455",
            "chair_term": Council.ChairTerm.CHAIRMAN,
            "vice_chair_term": "Vice-Chair",
            "executive_term": Council.ExecutiveTerm.CABINET,
            "name_style": Council.NameStyle.SHORT,
            "members_layout": Council.MembersLayout.PARAGRAPH,
            "proper_officer": "Julian Gale, Strategic Manager - Governance and Risk",
            "front_sheet_text": clean_html(TEXT_2018),
            **fields,
        }
    )


def meeting_2018(**council_fields):
    committee = CommitteeFactory(
        council=county_council_2018(**council_fields),
        name="Scrutiny for Policies, Children and Families Committee",
        contact_name="Neil Milne",
        contact_phone="01823 359045",
        contact_email="ndmilne@somerset.gov.uk",
        default_venue="Luttrell Room - County Hall, Taunton",
    )
    # Seated out of order, so that only their positions give the printed order.
    for position, (role, honorific, first, last) in sorted(
        enumerate(MEMBERS_2018, 1), key=lambda seat: seat[1][3]
    ):
        person = PersonFactory(
            first_name=first,
            surname=last,
            honorific=honorific,
            is_councillor=role != "co_opted",
        )
        MembershipFactory(committee=committee, person=person, role=role, position=position)
    meeting = MeetingFactory(
        committee=committee,
        date=datetime.date(2018, 3, 16),
        venue="Luttrell Room - County Hall, Taunton",
        issue_date=datetime.date(2018, 3, 8),
    )
    AgendaItemFactory(meeting=meeting, position=1, title="Apologies for absence")
    return meeting


def memberships_of(meeting):
    return list(
        Membership.objects.filter(committee=meeting.committee)
        .in_print_order()
        .select_related("committee__council")
    )


# A 2018-style council: Somerset County Council, Chairman and Vice-Chair, Cabinet, short names.


def test_a_2018_council_lists_its_members_in_one_paragraph_in_its_own_order():
    meeting = meeting_2018()

    assert members_paragraph(memberships_of(meeting), Council.NameStyle.SHORT) == PARAGRAPH_2018
    words = front_sheet_words(meeting)
    assert f"Scrutiny for Policies, Children and Families Committee {PARAGRAPH_2018} " in words
    assert "Co-opted member" not in words


def test_a_2018_front_sheet_reads_as_that_council_printed_it(tmp_path):
    meeting = meeting_2018()

    _, texts, built = build(meeting)
    front = one_line(texts[0])

    # WeasyPrint may break a line after the hyphen in "Hewitt-Cooper".
    assert PARAGRAPH_2018 in front.replace("Hewitt- Cooper", "Hewitt-Cooper")
    assert INVITATION_2018 in front
    assert (
        "Issued By Julian Gale, Strategic Manager - Governance and Risk - Thursday, 8 March 2018"
        in front
    )
    assert "please contact Neil Milne on 01823 359045 or ndmilne@somerset.gov.uk" in front
    assert "Section 100A (4) of the Local Government Act 1972." in front
    assert "audio tape & disc" in front
    for absent in ("virtual", "Chair:", "Schedule 12A", "webcast", "Executive", "{"):
        assert absent not in front, absent
    (tmp_path / "front-2018.pdf").write_bytes(built.data)


def test_the_executive_term_the_council_sets_is_printed_where_its_texts_use_it():
    meeting = meeting_2018(executive_term=Council.ExecutiveTerm.EXECUTIVE)

    assert (
        "All Somerset County Council Members are invited to attend meetings of the Executive "
        "and Scrutiny Committees." in front_sheet_words(meeting)
    )


def test_the_short_style_and_the_vice_chair_term_in_the_grid():
    committee = somerset_committee()
    committee.council.name_style = Council.NameStyle.SHORT
    committee.council.chair_term = Council.ChairTerm.CHAIRMAN
    committee.council.vice_chair_term = "Vice-Chair"
    committee.council.save()
    meeting = MeetingFactory(committee=committee)

    notice = notice_membership(memberships_of(meeting), Council.NameStyle.SHORT)
    assert notice["office_holders"] == [
        ("Chairman", "Cllr L Redman"),
        ("Vice-Chair", "Cllr O Patrick"),
    ]
    assert notice["rows"] == [
        ["Cllr S Aujla", "Cllr J Baker", "Cllr S Carswell"],
        ["Ruth Hobbs Co-opted member"],
    ]
    assert "Chairman: Cllr L Redman Vice-Chair: Cllr O Patrick" in front_sheet_words(meeting)


def test_a_covering_letter_can_list_its_members_in_one_paragraph_too():
    meeting = meeting_2018(
        front_sheet_style=Council.FrontSheetStyle.COVERING_LETTER,
        signatory_title="Monitoring Officer",
    )
    MembershipFactory(
        committee=meeting.committee,
        person=None,
        role=Membership.Role.CO_OPTED,
        representative_type="Parent Governor Representative",
        position=20,
    )

    words = front_sheet_words(meeting)
    assert (
        "To: Members of the Scrutiny for Policies, Children and Families Committee "
        f"{PARAGRAPH_2018} " in words
    )
    assert "Vacancies: Parent Governor Representative" in words
    assert "Councillors:" not in words and "Added Members:" not in words
    assert INVITATION_2018 in words


def test_a_covering_letter_in_the_short_style_names_councillors_under_their_heading():
    committee = somerset_committee()
    council = committee.council
    council.front_sheet_style = Council.FrontSheetStyle.COVERING_LETTER
    council.name_style = Council.NameStyle.SHORT
    council.save()
    meeting = MeetingFactory(committee=committee)

    words = front_sheet_words(meeting)
    assert (
        "Councillors: L Redman (Chair), O Patrick (Vice-Chair), S Aujla, J Baker and S Carswell."
        in words
    )
    assert "Added Members: Ruth Hobbs," in words


# A 2023-style council, with no wording of its own: the front sheet reads as it always has.


def test_a_council_with_no_wording_of_its_own_gets_the_2023_somerset_wording():
    meeting = MeetingFactory(
        committee=somerset_committee(), is_webcast=True, is_audio_recorded=True
    )

    words = front_sheet_words(meeting)
    assert words.startswith(
        "Notice of Meeting of SCRUTINY COMMITTEE - CHILDRENS AND FAMILIES Thursday, 4 May 2023 "
        "at 10.00 am Luttrell Room - County Hall, Taunton TA1 4DY To: The members of the "
        "Scrutiny Committee - Childrens and Families Chair: Councillor Leigh Redman Vice-Chair: "
        "Councillor Oliver Patrick Councillor Suria Aujla"
    )
    assert words.endswith(f"Ruth Hobbs Co-opted member {TEXT_2023}")


def test_the_2023_wording_written_out_with_placeholders_prints_the_same():
    meeting = MeetingFactory(
        committee=somerset_committee(), is_webcast=True, is_audio_recorded=True
    )
    standard = front_html(meeting)

    meeting.council.front_sheet_text = clean_html(DEFAULT_NOTICE_TEXT)
    meeting.council.save()

    assert front_html(meeting) == standard


def test_the_recording_sentence_and_access_text_follow_the_meeting_and_council():
    committee = somerset_committee()
    committee.council.access_to_information_text = "<p>Access &amp; <em>information</em></p>"
    committee.council.save()
    meeting = MeetingFactory(committee=committee, is_webcast=False, is_audio_recorded=True)

    words = front_sheet_words(meeting)
    assert (
        "27 April 2023. Access & information An audio recording of the meeting will be made. "
        "Issued by" in words
    )
    meeting.is_audio_recorded = False
    html = front_html(meeting)
    assert "recording" not in html and "<p></p>" not in html


def test_the_letter_keeps_its_closing_sentence():
    committee = somerset_committee()
    committee.council.front_sheet_style = Council.FrontSheetStyle.COVERING_LETTER
    committee.council.save()

    words = front_sheet_words(MeetingFactory(committee=committee))
    assert words.endswith(
        "Added Members: Ruth Hobbs, This document and associated papers can be made available "
        "in a different format on request."
    )


# Placeholders


def test_placeholders_are_filled_from_the_meeting_and_the_council():
    meeting = meeting_2018()
    values = placeholder_values(meeting)

    assert set(values) == set(PLACEHOLDERS)
    assert {key: values[key] for key in values if key != "access_to_information"} == {
        "council": "Somerset County Council",
        "committee": "Scrutiny for Policies, Children and Families Committee",
        "executive": "Cabinet",
        "chair": "Chairman",
        "vice_chair": "Vice-Chair",
        "contact_name": "Neil Milne",
        "contact_phone": "01823 359045",
        "contact_email": "ndmilne@somerset.gov.uk",
        "question_deadline": "5pm on Monday, 12 March 2018",
        "question_deadline_rule": "5pm, 3 clear working days before the meeting",
        "issued_by": "Julian Gale, Strategic Manager - Governance and Risk",
        "issue_date": "Thursday, 8 March 2018",
        "recording": "",
    }


def test_values_are_escaped_and_the_text_is_cleaned():
    values = {"council": 'Smith & Jones <b>"Council"</b>', "contact_email": 'a@b.org" onclick="x'}
    text = (
        '<p onclick="evil()">The {council}, <a href="mailto:{contact_email}">{contact_email}</a>'
        "<script>alert(1)</script> {{council}}</p>"
    )

    assert fill_placeholders(text, values) == (
        '<p>The Smith &amp; Jones &lt;b&gt;"Council"&lt;/b&gt;, '
        '<a href="mailto:a@b.org&quot; onclick=&quot;x" rel="noopener noreferrer">'
        'a@b.org" onclick="x</a> {council}</p>'
    )


def test_plain_text_is_given_paragraphs_and_escaped_once():
    assert (
        fill_placeholders(
            "Call {contact_name} & co\n\nBy {issue_date}",
            {"contact_name": "Democratic Services", "issue_date": "Tuesday, 25 April 2023"},
        )
        == "<p>Call Democratic Services &amp; co</p>\n\n<p>By Tuesday, 25 April 2023</p>"
    )


def test_the_access_text_fills_a_paragraph_of_its_own_or_a_sentence():
    values = {"access_to_information": "<p>Open &amp; public.</p><p>Mostly.</p>"}

    assert fill_placeholders("<div>{access_to_information}<br></div>", values) == (
        "<p>Open &amp; public.</p><p>Mostly.</p>"
    )
    assert fill_placeholders("<p>Note: {access_to_information}</p>", values) == (
        "<p>Note: Open &amp; public. Mostly.</p>"
    )


def test_the_deadline_rule_is_worded_from_the_councils_settings():
    council = Council(question_clear_days=3, question_deadline_time=datetime.time(17, 0))
    assert question_deadline_rule(council) == "5pm, 3 clear working days before the meeting"
    council.question_clear_days = 1
    council.question_deadline_time = datetime.time(12, 30)
    assert question_deadline_rule(council) == "12.30pm, 1 clear working day before the meeting"
    council.question_clear_days = 0
    assert question_deadline_rule(council) == "12.30pm on the working day before the meeting"


def test_unknown_placeholders_are_listed_for_the_council_form():
    text = "<p>By {deadline} or {Council}, {council}, {{literal}} and {deadline} again</p>"

    assert unknown_placeholders(text) == ["{deadline}", "{Council}"]
    assert unknown_placeholders(DEFAULT_NOTICE_TEXT) == []
    assert unknown_placeholders(TEXT_2018) == []
    assert unknown_placeholders("") == []
    with pytest.raises(ValidationError) as refused:
        validate_placeholders(text)
    message = refused.value.messages[0]
    assert message.startswith(
        "{deadline}, {Council} are not a placeholder this portal can fill in."
    )
    assert "{question_deadline}" in message and "{{ and }}" in message
    validate_placeholders(TEXT_2018)


def test_an_unknown_placeholder_does_not_stop_a_pack_and_stays_visible():
    meeting = meeting_2018(front_sheet_text="<p>Questions by {deadline}.</p>")
    meeting.council.guidance_notes = "<p>Ask by {question_deadlin}.</p>"
    meeting.council.save()

    _, texts, _ = build(meeting)

    assert "Questions by {deadline}." in texts[0]
    assert any("Ask by {question_deadlin}." in text for text in texts[1:])


# One pack, one deadline


def test_the_front_sheet_deadline_is_the_one_in_the_guidance_notes_of_the_same_pack():
    committee = somerset_committee()
    council = committee.council
    council.question_clear_days = 2
    council.question_deadline_time = datetime.time(12, 0)
    council.guidance_notes = (
        "<h4>5. Public Question Time</h4><p>Please let Democratic Services know by "
        "{question_deadline_rule}: for this meeting, by {question_deadline}.</p>"
    )
    council.save()
    meeting = MeetingFactory(committee=committee, date=datetime.date(2023, 5, 4))
    AgendaItemFactory(meeting=meeting, position=1, title="Apologies for Absence")

    plan, texts, _ = build(meeting)

    front = one_line(texts[0])
    deadline = re.search(r"make a statement .* by (.+?)\. ", front).group(1)
    # Two clear working days before Thursday 4 May, skipping the May Day bank holiday.
    assert deadline == "12pm on Friday, 28 April 2023"
    first, _ = plan.layout.rows["annex:guidance"]
    guidance = one_line(texts[first - 1])
    assert "Guidance notes for the meeting" in guidance
    assert (
        "know by 12pm, 2 clear working days before the meeting: for this meeting, by "
        f"{deadline}." in guidance
    )


def test_the_guidance_notes_fill_the_same_placeholders():
    meeting = meeting_2018()

    assert council_text(meeting, "Ask the {chair} by {question_deadline}.") == (
        "<p>Ask the Chairman by 5pm on Monday, 12 March 2018.</p>"
    )
