"""An officer keeps the tracker, the minutes and an action plan up to date in a real browser."""

import datetime

import pytest

from actionplans.models import ActionPlanReport
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MinuteFactory,
    PlanActionFactory,
    make_entry,
    officer_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, next_url):
    officer_user(username="officer")
    page.goto(f"{live_server.url}/sign-in/?next={next_url}")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse battery")
    page.get_by_role("button", name="Sign in").click()


def test_officer_updates_a_tracker_row_in_place(live_server, page):
    from playwright.sync_api import expect

    entry = make_entry(item_title="Home to School Transport")
    later = MeetingFactory(committee=entry.tracker.committee, date=datetime.date(2023, 7, 12))
    sign_in(page, live_server, f"/tracker/committee/{entry.tracker.committee.slug}/")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    row = page.locator(f"#entry-{entry.pk}")
    row.locator("summary").click()
    row.get_by_label("Status", exact=True).select_option(label="Completed")
    row.get_by_label("Status note").fill("Update to July '23 mtg")
    row.get_by_label("Target meeting").select_option(label="12 July 2023")
    row.get_by_role("button", name="Record update").click()

    row = page.locator(f"#entry-{entry.pk}")
    expect(row.get_by_role("status")).to_have_text("Update recorded.")
    expect(row.locator(".govuk-tag")).to_have_text("Completed")
    expect(row).to_contain_text("Back to the meeting on 12 July 2023")
    assert navigations == []
    entry.refresh_from_db()
    assert entry.target_meeting == later


def test_officer_adds_a_comment_and_a_decision_in_place(live_server, page):
    from playwright.sync_api import expect

    minute = MinuteFactory()
    sign_in(page, live_server, f"/minutes/minute/{minute.pk}/")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    comments = page.locator("#comments-section")
    comments.get_by_text("Add a comment").click()
    comments.get_by_label("Text").fill("How many schools use the tool?")
    comments.get_by_label("Response").fill("Forty so far.")
    comments.get_by_role("button", name="Add comment").click()
    expect(page.locator("#comments")).to_contain_text(
        "How many schools use the tool? – Forty so far."
    )

    decisions = page.locator("#decisions-section")
    decisions.get_by_text("Add a decision").click()
    decisions.get_by_label("Wording").fill("It was AGREED that the Committee receive an update.")
    decisions.get_by_role("button", name="Add decision").click()
    expect(page.locator("#decisions")).to_contain_text("It was AGREED that the Committee")
    assert navigations == []


def test_officer_records_progress_and_reports_it_to_a_meeting(live_server, page):
    from playwright.sync_api import expect

    action = PlanActionFactory(ref="1.1", plan__title="SEND Accelerated Progress Plan")
    plan = action.plan
    meeting = MeetingFactory(committee=plan.committee, date=datetime.date(2023, 6, 29))
    AgendaItemFactory(meeting=meeting, position=6, title="SEND improvement")
    sign_in(page, live_server, f"/tracker/plans/{plan.slug}/manage/")

    page.get_by_role("link", name=action.text).click()
    page.get_by_label("Period", exact=True).fill("May 2023")
    page.get_by_label("RAG for this period").select_option(label="Amber")
    page.get_by_label("Progress", exact=True).fill("Training under way")
    page.get_by_role("button", name="Add progress update").click()
    expect(page.locator("#updates")).to_contain_text("Training under way")

    page.get_by_role("link", name=plan.title).click()
    page.get_by_label("Meeting and agenda item").select_option(label="Item 6: SEND improvement")
    page.get_by_role("button", name="Add the progress report to the agenda").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is on the agenda of")
    report = ActionPlanReport.objects.get()
    assert report.document.agenda_item.title == "SEND improvement"

    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    expect(page.locator("#action-1\\.1")).to_contain_text("Amber")
