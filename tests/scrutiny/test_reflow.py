"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide no page scrolls sideways; wide tables scroll
inside a container of their own. tests/scrutiny/test_accessibility.py makes the same check on every
kind of page; this test adds what is hardest to fit: long file names and titles, and the
agenda editor's Up and Down buttons."""

import datetime

import pytest

from meetings.models import Document
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    MinuteFactory,
    WorkProgrammeItemFactory,
    make_entry,
    officer_user,
)
from tests.page_checks import NARROW, sideways_scrolling

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def narrow(browser):
    context = browser.new_context(viewport=NARROW, locale="en-GB")
    yield context.new_page()
    context.close()


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse battery")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_no_page_scrolls_sideways_at_320_pixels(live_server, narrow):
    meeting = MeetingFactory(
        committee__name="Scrutiny Committee - Childrens and Families",
        date=datetime.date(2023, 5, 4),
    )
    item = AgendaItemFactory(meeting=meeting, position=1, title="SEND Strategy")
    AgendaItemFactory(
        meeting=meeting, position=2, title="Safeguarding Partnership Annual Report 2022-23"
    )
    paper = DocumentFactory(agenda_item=item, title="SEND Strategy 2023")
    Document.objects.filter(pk=paper.pk).update(
        original_filename="Accelerated_Progress_Plan_APP_Final_Version_for_Committee_May_2023.pdf"
    )
    MinuteFactory(minutes__meeting=meeting, agenda_item=item)
    make_entry(meeting=meeting)
    WorkProgrammeItemFactory(programme__committee=meeting.committee)
    committee = meeting.committee
    officer_user(username="officer", council=committee.council)
    public = [
        "/",
        "/committees/",
        committee.get_absolute_url(),
        meeting.get_absolute_url(),
        f"/tracker/committee/{committee.slug}/",
        f"{committee.get_absolute_url()}work-programme/",
        "/minutes/decisions/",
        "/search/?q=SEND",
        "/accessibility/",
        f"/minutes/meeting/{meeting.pk}/",
    ]
    officers = [
        "/manage/",
        f"/manage/meetings/{meeting.pk}/",
        f"/minutes/meeting/{meeting.pk}/edit/",
        f"/tracker/committee/{committee.slug}/",
    ]
    failures = {}
    for path in public:
        narrow.goto(live_server.url + path)
        if found := sideways_scrolling(narrow):
            failures[path] = found
    sign_in(narrow, live_server)
    for path in officers:
        narrow.goto(live_server.url + path)
        if found := sideways_scrolling(narrow):
            failures[f"officer {path}"] = found
    assert failures == {}
