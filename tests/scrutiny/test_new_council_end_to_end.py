"""
Issue 10's "done when": a council the demo does not have, with its own conventions, a
committee of thirteen and a meeting, set up from the officer pages alone, publishes a pack
whose front sheet reads as that council prints it (here, the 2018 Somerset County Council
style: one paragraph of short names with role markers, its own invitation line, no
virtual-joining text).
"""

import io
from unittest import mock

import pytest
from django.urls import reverse
from pypdf import PdfReader

from committees.models import Committee, Council, Person
from meetings.models import Meeting
from packs import services as pack_services
from packs.models import PackVersion
from tests.committees.test_manage_committees import council_data, person_data, seat_data
from tests.factories import CouncilFactory, officer_user

pytestmark = pytest.mark.django_db

FRONT_SHEET_2018 = (
    "<p>All {council} Members are invited to attend meetings of the {executive} and "
    "Scrutiny Committees.</p>"
    "<p>Issued By {issued_by} - {issue_date}</p>"
    "<p>For further information about the meeting, please contact {contact_name} on "
    "{contact_phone} or {contact_email}</p>"
    "<p>{access_to_information}</p>"
)

# (first name, surname, role, person fields), in the order the council seats them.
MEMBERS = [
    ("Leigh", "Redman", "chair", {}),
    ("Jane", "Lock", "member", {}),
    ("Helen", "Fenn", "co_opted", {"is_councillor": "", "honorific": "Ms"}),
    ("Eilleen", "Tipper", "co_opted", {"is_councillor": "", "honorific": "Mrs"}),
    ("Richard", "Berry", "co_opted", {"is_councillor": "", "honorific": "Mr"}),
    ("Neil", "Bloomfield", "member", {}),
    ("Ann", "Bown", "member", {}),
    ("Martin", "Dimery", "member", {}),
    ("Nigel", "Hewitt-Cooper", "member", {}),
    ("Ruth", "Hobbs", "co_opted", {"is_councillor": ""}),
    ("Mike", "Pullin", "vice_chair", {}),
    ("Josh", "Williams", "member", {}),
    ("Nigel", "Taylor", "member", {}),
]

MEMBERS_AS_PRINTED = (
    "Cllr L Redman (Chairman), Cllr J Lock, Ms Helen Fenn, Mrs Eilleen Tipper, Mr Richard "
    "Berry, Cllr N Bloomfield, Cllr A Bown, Cllr M Dimery, Cllr N Hewitt-Cooper, Ruth Hobbs, "
    "Cllr M Pullin (Vice-Chair), Cllr J Williams and Cllr N Taylor"
)


def words(text: str) -> str:
    return " ".join(text.split())


def test_a_new_council_set_up_from_the_officer_pages_prints_its_own_front_sheet(client):
    officer = officer_user(council=CouncilFactory(name="Somerset Council", slug="somerset"))
    client.force_login(officer)

    response = client.post(
        reverse("committees_manage:council_create"),
        council_data(
            name="Somerset County Council",
            slug="somerset-county",
            chair_term="Chairman",
            vice_chair_term="Vice-Chair",
            executive_term="Cabinet",
            name_style="short",
            members_layout="paragraph",
            front_sheet_style="notice",
            proper_officer="Julian Gale, Strategic Manager - Governance and Risk",
            front_sheet_text=FRONT_SHEET_2018,
            guidance_notes="<p>Questions must reach us by {question_deadline}.</p>",
            access_to_information_text="",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    council = Council.objects.get(slug="somerset-county")

    response = client.post(
        reverse("committees_manage:committee_create"),
        {
            "council": council.pk,
            "name": "Scrutiny for Policies, Children and Families Committee",
            "slug": "",
            "kind": "scrutiny",
            "remit": "",
            "information_text": "",
            "focus_strapline": "",
            "contact_name": "Neil Milne",
            "contact_phone": "01823 359045",
            "contact_email": "ndmilne@somerset.gov.uk",
            "default_venue": "Luttrell Room - County Hall, Taunton",
            "default_start_time": "10:00",
            "predecessor": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    committee = Committee.objects.get(council=council)
    assert committee.slug == "scrutiny-for-policies-children-and-families-committee"

    for first_name, surname, role, fields in MEMBERS:
        response = client.post(
            reverse("committees_manage:person_create"), person_data(first_name, surname, **fields)
        )
        assert response.status_code == 302, response.content.decode()
        person = Person.objects.get(first_name=first_name, surname=surname)
        response = client.post(
            reverse("committees_manage:membership_add", args=[committee.slug]),
            seat_data(person, role, start="1/5/2017"),
        )
        assert response.status_code == 302, response.content.decode()

    response = client.post(
        reverse("manage:meeting_create"),
        {
            "committee": committee.pk,
            "date_0": "16",
            "date_1": "3",
            "date_2": "2018",
            "start_time": "",
            "venue": "",
            "with_standard_items": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    meeting = Meeting.objects.get(committee=committee)

    with mock.patch("packs.tasks.build_pack_version.delay"):
        response = client.post(reverse("packs:publish", args=[meeting.pk]))
        assert response.status_code == 302
        for version in meeting.pack_versions.all():
            pack_services.build_version(version.pk)

    public = meeting.pack_versions.get(kind=PackVersion.Kind.PUBLIC)
    pdf = client.get(public.get_absolute_url())
    assert pdf.status_code == 200
    data = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    front_sheet = words(PdfReader(io.BytesIO(data)).pages[0].extract_text())

    assert MEMBERS_AS_PRINTED in front_sheet
    assert (
        "All Somerset County Council Members are invited to attend meetings of the Cabinet "
        "and Scrutiny Committees." in front_sheet
    )
    assert "Issued By Julian Gale, Strategic Manager - Governance and Risk" in front_sheet
    assert "please contact Neil Milne on 01823 359045" in front_sheet
    assert "virtual" not in front_sheet.lower()
    assert "Councillor " not in front_sheet
