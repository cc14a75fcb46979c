"""
Pages checked with axe-core (the engine behind most accessibility checkers) in
Chromium: no serious or critical failures of WCAG 2.2 A and AA rules.
"""

from pathlib import Path

import pytest
from django.conf import settings

from meetings.exempt import ExemptParagraph
from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory, officer_user
from tests.factories_memory import MinuteFactory, WorkProgrammeItemFactory, make_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements)"
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def page(browser):
    """The audit injects axe-core as a script of its own, which the portal's
    Content-Security-Policy rightly refuses; this page lets it in."""
    context = browser.new_context(
        viewport={"width": 1200, "height": 2000}, locale="en-GB", bypass_csp=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def meeting():
    meeting = MeetingFactory(committee__name="Scrutiny Committee - Childrens and Families")
    AgendaItemFactory(meeting=meeting, position=1, title="Apologies for Absence")
    report = AgendaItemFactory(meeting=meeting, position=2, title="SEND Strategy")
    DocumentFactory(agenda_item=report, title="SEND Strategy 2023")
    AgendaItemFactory(
        meeting=meeting,
        position=3,
        title="Placement contract",
        is_exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
    )
    return meeting


@pytest.fixture(autouse=True)
def axe_installed():
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm install)")


def test_public_pages_have_no_serious_accessibility_failures(live_server, page, meeting):
    MinuteFactory(minutes__meeting=meeting, agenda_item=meeting.items.first())
    make_entry(meeting=meeting)
    WorkProgrammeItemFactory(programme__committee=meeting.committee)
    committee = meeting.committee
    paths = [
        "/",
        "/committees/",
        committee.get_absolute_url(),
        meeting.get_absolute_url(),
        "/sign-in/",
        f"/tracker/committee/{committee.slug}/",
        f"{committee.get_absolute_url()}work-programme/",
        "/no/such/page/",
        "/accessibility/",
        "/search/?q=report",
        "/minutes/decisions/",
    ]
    failures = {}
    for path in paths:
        page.goto(live_server.url + path)
        found = serious_violations(page)
        if found:
            failures[path] = found
    assert failures == {}


def test_the_officers_agenda_editor_has_no_serious_accessibility_failures(
    live_server, page, meeting
):
    officer_user(username="dso")
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", "dso")
    page.fill("#id_password", "correct horse battery")
    page.click("button[type=submit]")
    failures = {}
    for path in [
        "/manage/",
        f"/manage/meetings/{meeting.pk}/",
        f"/manage/meetings/{meeting.pk}/history/",
    ]:
        page.goto(live_server.url + path)
        found = serious_violations(page)
        if found:
            failures[path] = found
    assert failures == {}


def test_officers_forms_in_their_error_state_have_no_serious_accessibility_failures(
    live_server, page, meeting
):
    from tracker.models import Tracker

    committee = meeting.committee
    Tracker.for_committee(committee)
    item = meeting.items.get(position=2)
    minute = MinuteFactory(minutes__meeting=meeting, agenda_item=item)
    programme = WorkProgrammeItemFactory(programme__committee=committee).programme
    officer_user(username="dso", council=committee.council)
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", "dso")
    page.fill("#id_password", "correct horse battery")
    with page.expect_navigation():
        page.click("button[type=submit]")
    # Each form sent empty (or with a wrong date), then audited as it comes back.
    forms = [
        "/manage/meetings/new/",
        f"/manage/meetings/{meeting.pk}/items/new/",
        f"/manage/items/{item.pk}/papers/write/",
        f"/tracker/committee/{committee.slug}/add/",
        f"/committees/{committee.slug}/work-programme/{programme.municipal_year}/propose/",
        f"/minutes/minute/{minute.pk}/",
    ]
    failures = {}
    for path in forms:
        page.goto(live_server.url + path)
        for field in page.locator("main input[type=text], main textarea").all():
            if field.is_visible():
                field.fill("")
        with page.expect_navigation():
            page.locator("main form [type=submit]").first.click()
        assert page.locator(".govuk-error-summary").count() == 1, path
        found = serious_violations(page)
        if found:
            failures[path] = found
    assert failures == {}


def test_the_check_finds_a_failure_when_there_is_one(page):
    page.set_content('<html lang="en"><body><main><img src="crest.png"></main></body></html>')
    assert any(found.startswith("image-alt") for found in serious_violations(page))
