"""
The demo that ships in demo/data: loaded once for this module, then checked. Each test
runs in a transaction over that data. Nothing here reads ../shared; the comparisons
with the printed packs are in test_demo_against_seeds.py.
"""

import re
from io import BytesIO, StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actionplans.models import ActionPlan, Milestone
from committees.models import Committee, Council, Membership, Person
from meetings.models import AgendaItem, Document, Meeting, StandardItem
from minutes.models import Decision, Minute, Minutes
from packs.models import PackVersion
from tracker.models import TrackerEntry
from workprogramme.models import WorkProgrammeItem

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_MODELS = [
    Council, Committee, Person, Membership, Meeting, AgendaItem, Document, StandardItem,
    WorkProgrammeItem, Minutes, Minute, Decision, TrackerEntry, ActionPlan, Milestone,
    PackVersion, User, Group,
]  # fmt: skip


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, demo_media):
    output = StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=demo_media, PASSWORD_HASHERS=FAST_HASHER),
    ):
        call_command("load_demo", stdout=output)
    yield output.getvalue()
    with django_db_blocker.unblock():
        # Every app adds demo rows, some behind protected links: empty every table.
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def demo(demo_output, settings, demo_media):
    settings.MEDIA_ROOT = demo_media
    settings.PASSWORD_HASHERS = FAST_HASHER


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in DEMO_MODELS}


def files_in(folder):
    return sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file())


def somerset_meeting():
    return Meeting.objects.get(committee__slug="scrutiny-children-families", date="2023-05-04")


def test_a_second_run_changes_nothing(demo_media):
    before, files_before = snapshot(), files_in(demo_media)
    assert files_before, "the first run should have written the papers"

    output = StringIO()
    call_command("load_demo", stdout=output)

    assert snapshot() == before
    assert files_in(demo_media) == files_before
    assert "0 stand-in papers made" in output.getvalue()
    assert "0 packs built" in output.getvalue()


def test_the_command_says_what_it_loaded(demo_output):
    for line in (
        "2 councils, 3 committees, 36 seats and 3 demo sign-ins.",
        "15 stand-in papers made.",
        "Scrutiny Committee - Children and Families Work Plan 2023 - 2024: 20 items.",
        "Minutes of 6 March 2023: 10 minutes, approved at the meeting of 4 May 2023.",
        "Scrutiny Committee - Children & Families Outcome Tracker 2022 - 23: 8 entries.",
        "Somerset Special Educational Needs and Disabilities Accelerated Progress Plan: "
        "10 actions.",
        "4 May 2023: public pack,",
        "Demo data is loaded.",
        "username 'officer', password 'officer-demo'",
        "username 'councillor', password 'councillor-demo'",
    ):
        assert line in demo_output


def test_somerset_membership_is_as_printed_on_the_front_sheet():
    committee = Committee.objects.get(slug="scrutiny-children-families")
    seats = committee.memberships.select_related("person")

    assert seats.get(role=Membership.Role.CHAIR).display_name == "Councillor Leigh Redman"
    assert seats.get(role=Membership.Role.VICE_CHAIR).display_name == "Councillor Oliver Patrick"
    assert seats.filter(person__is_councillor=True).count() == 13
    co_opted = seats.filter(role=Membership.Role.CO_OPTED)
    assert sorted(seat.display_name for seat in co_opted if not seat.is_vacancy) == [
        "Eileen Tipper",
        "Ruth Hobbs",
        "The Revd Tobie Osmond",
    ]
    assert co_opted.count() == 7, "7 co-opted seats, the unfilled ones vacant"
    assert committee.predecessor.slug == "scrutiny-policies-children-families"
    assert not committee.predecessor.is_active


def test_north_somerset_panel_membership_is_as_printed():
    committee = Committee.objects.get(slug="cyps-policy-scrutiny-panel")
    seats = committee.memberships.select_related("person", "committee__council")

    councillors = seats.filter(person__is_councillor=True)
    assert councillors.count() == 11
    chair = seats.get(role=Membership.Role.CHAIR)
    assert (chair.person.full_name, chair.role_label) == ("Joe Tristram", "Chairperson")
    assert not seats.filter(role=Membership.Role.VICE_CHAIR).exists()
    added = seats.get(role=Membership.Role.ADDED, person__isnull=False)
    assert (added.person.full_name, added.representative_type) == (
        "Claire Hudson",
        "Church of England Representative",
    )
    speakers = [seat.display_name for seat in seats.filter(role=Membership.Role.RIGHT_TO_SPEAK)]
    assert speakers == ["Fiona Waters", "Kenton Mee", "Vacancy: North Somerset Youth Parliament"]


def test_the_4_may_agenda_has_every_item_as_printed():
    meeting = somerset_meeting()
    items = {item.position: item for item in meeting.items.filter(parent=None)}

    assert sorted(items) == list(range(1, 13))
    assert items[3].title == (
        "Minutes of former SCC Scrutiny for Policies, Children & Families Committee "
        "held on 6 March 2023"
    )
    assert [p for p, item in items.items() if item.is_to_follow] == [9, 10]
    allocations = {p: item.time_allocation for p, item in items.items() if item.time_allocation}
    assert allocations == {6: 25, 7: 25, 8: 30, 9: 25}
    assert [sub.label for sub in items[5].sub_items.order_by("position")] == ["(a)", "(b)", "(c)"]
    assert items[12].sub_items.count() == 2
    assert items[8].lead_officers == (
        "the Council's Service Director Inclusion, Dr Rob Hart and Deputy Director "
        "Commissioning, NHS Somerset, Andrew Keefe"
    )
    assert 'href="#"' in items[5].description
    assert meeting.publication_deadline.isoformat() == meeting.issue_date.isoformat()
    assert "341 625 318 09" in meeting.online_joining_details


def test_the_29_june_agenda_has_every_item():
    meeting = Meeting.objects.get(committee__slug="cyps-policy-scrutiny-panel", date="2023-06-29")
    assert meeting.items.filter(parent=None).count() == 11
    assert meeting.items.get(position=10).title == "SEND Improvement Plan and Safety Valve"


def test_generated_papers_are_kept_as_the_published_pack_renders_them():
    meeting = somerset_meeting()
    generated = meeting.documents.filter(generated_at__isnull=False).order_by("kind")
    assert [document.kind for document in generated] == [
        Document.Kind.MINUTES,
        Document.Kind.OUTCOME_TRACKER,
        Document.Kind.WORK_PROGRAMME,
    ]


def test_every_uploaded_paper_is_a_marked_stand_in_whose_page_count_is_true():
    papers = Document.objects.filter(generated_at=None).exclude(file="")
    assert papers.count() == 15
    for paper in papers:
        with paper.file.open("rb") as handle:
            content = handle.read()
        reader = PdfReader(BytesIO(content))
        assert paper.page_count == len(reader.pages), paper.title
        assert paper.file_size == len(content)
        first_page = reader.pages[0].extract_text()
        assert "Demonstration copy" in first_page, paper.title
        assert f"{paper.page_count}-page paper" in first_page, paper.title


@pytest.mark.parametrize(
    ("title", "printed_pages"),
    [
        ("Public Guidance Notes contained in Agenda Annexe", 2),
        ("Unitary councillors who are also town and/or parish councillors", 2),
        ("SEND Strategy", 21),
        ("Somerset Special Educational Needs and Disabilities Accelerated Progress Plan", 22),
        ("Performance Monitoring", 22),
        ("SEND Improvement Plan and Safety Valve", 92),
    ],
)
def test_papers_run_to_the_length_of_the_printed_original(title, printed_pages):
    assert Document.objects.get(title=title, generated_at=None).page_count == printed_pages


def test_published_packs_are_ready_for_the_public_meetings():
    for slug, day in (
        ("scrutiny-children-families", "2023-05-04"),
        ("cyps-policy-scrutiny-panel", "2023-06-29"),
    ):
        versions = PackVersion.objects.filter(meeting__committee__slug=slug, meeting__date=day)
        assert sorted(versions.values_list("kind", "status")) == [
            ("confidential", "ready"),
            ("public", "ready"),
        ]
        public, confidential = (versions.get(kind=kind) for kind in ("public", "confidential"))
        assert public.page_count == confidential.page_count > 100


def test_minutes_tracker_and_action_plan_are_loaded():
    minutes = Minutes.objects.get(meeting__date="2023-03-06")
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.minute_entries.count() == 10
    send = TrackerEntry.objects.get(meeting__date="2023-03-06", owners_text="Claire Merchant-Jones")
    assert "Inspection Framework and the APP in 4 months" in send.decision.wording
    rhi = TrackerEntry.objects.get(item_title="Return Home Interview Process")
    assert (rhi.owners_text, rhi.status.label) == ("Lise Bird", "Completed")
    plan = ActionPlan.objects.get(slug="somerset-send-app-2023")
    assert [action.ref for action in plan.actions.order_by("position")][:2] == ["1.1", "1.2"]
    assert plan.actions.count() == 10


def test_demo_sign_ins(client):
    officer = User.objects.get(username="officer")
    assert officer.is_staff
    assert set(officer.officer_roles.values_list("council__slug", flat=True)) == {
        "somerset",
        "north-somerset",
    }
    assert officer.has_perm("meetings.change_meeting")
    sign_in = {"username": "officer", "password": "officer-demo"}
    assert client.post("/sign-in/", sign_in).status_code == 302
    assert client.get("/admin/").status_code == 200

    ns_officer = User.objects.get(username="ns-officer")
    assert [role.council.slug for role in ns_officer.officer_roles.all()] == ["north-somerset"]

    councillor = User.objects.get(username="councillor")
    assert not councillor.officer_roles.exists()
    assert councillor.person.full_name == "Leigh Redman"
    sign_in = {"username": "councillor", "password": "councillor-demo"}
    assert client.post("/sign-in/", sign_in).status_code == 302


def test_the_public_pages_show_the_demo(client):
    meeting = somerset_meeting()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Reforms in children&#x27;s social care - draft consultation response" in page
    assert "(To Follow)" in page
    assert client.get("/committees/scrutiny-children-families/").status_code == 200
    assert client.get("/committees/").status_code == 200


def test_each_committee_has_an_upcoming_draft_meeting_made_from_its_standard_items():
    for slug in ("scrutiny-children-families", "cyps-policy-scrutiny-panel"):
        upcoming = Meeting.objects.filter(committee__slug=slug).upcoming().get()
        assert upcoming.status == Meeting.Status.DRAFT
        assert upcoming.date > timezone.localdate()
        assert upcoming.items.filter(title="Apologies for Absence").exists() or (
            upcoming.items.filter(title__startswith="Apologies for Absence and").exists()
        )
        assert not upcoming.pack_versions.exists()


def test_the_somerset_standard_items_carry_papers_made_from_data():
    somerset = Committee.objects.get(slug="scrutiny-children-families")
    kinds = dict(
        StandardItem.objects.filter(committee=somerset)
        .exclude(paper_kind="")
        .values_list("title", "paper_kind")
    )
    assert kinds == {
        "Minutes of the previous meeting": "minutes",
        "The Committee's work programme": "work_programme",
        "The Committee's outcome tracker": "tracker",
    }
    north_somerset = Committee.objects.get(slug="cyps-policy-scrutiny-panel")
    assert north_somerset.standard_items.order_by("position").first().title == (
        "Addresses by Members of the Public (SSO 9)"
    )


@pytest.mark.browser
def test_a_visitor_finds_the_demo_meetings_agenda_in_a_browser(live_server, page, tmp_path):
    page.goto(live_server.url)
    page.get_by_role("link", name="Committees", exact=True).click()
    page.get_by_role("link", name="Scrutiny Committee - Childrens and Families").click()
    page.get_by_role("link", name="Thursday, 4 May 2023").click()

    headings = page.locator("#agenda-items > li > h3").all_inner_texts()
    assert len(headings) == 12
    assert headings[0] == "1 Apologies for Absence"  # no paper, so no pages
    # Each item with papers prints its pages as the public pack does.
    assert re.fullmatch(
        r"8 SEND Strategy and the Accelerated Progress Plan \(APP\) \(Pages \d+ - \d+\)",
        headings[7],
    )
    assert headings[8].endswith("(To Follow)")
    assert page.get_by_role("link", name="SEND Strategy", exact=True).is_visible()
    page.screenshot(path=tmp_path / "demo-meeting.png", full_page=True)


def test_the_decisions_register_lists_the_demo_decisions_with_their_tracker_outcomes(client):
    html = client.get(reverse("minutes:decisions")).content.decode()
    decisions = Decision.objects.all()
    assert decisions.count() >= 4
    for decision in decisions:
        assert f'id="decision-{decision.pk}"' in html
    tracked = TrackerEntry.objects.exclude(decision=None).select_related("status").first()
    assert tracked is not None
    row_start = html.index(f'id="decision-{tracked.decision_id}"')
    row = html[row_start : html.index("</tr>", row_start)]
    assert reverse("tracker:entry", args=[tracked.pk]) in row
    assert tracked.status.label in row
    assert "Addressed to: The Executive" in html


def test_every_page_the_portal_makes_in_a_demo_pack_is_in_its_structure_tree():
    import pikepdf

    from packs import builder
    from tests.packs_helpers import portal_pages, structured_pages

    meeting = somerset_meeting()
    pack = meeting.pack_versions.get(kind=PackVersion.Kind.PUBLIC, status="ready")
    plan = builder.plan_pack(meeting, lambda *args: None)
    with pack.file.open("rb") as stored, pikepdf.open(BytesIO(stored.read())) as pdf:
        assert len(pdf.pages) == plan.layout.page_count  # the plan is the pack's
        portal = portal_pages(plan)
        structured = structured_pages(pdf) & portal
    assert len(portal) >= 10
    assert f"{len(structured)} of {len(portal)}" == f"{len(portal)} of {len(portal)}"
