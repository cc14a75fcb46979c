"""An officer prepares an agenda in a real browser (headless Chromium)."""

import os
import re

import pytest

from tests.factories import CommitteeFactory, officer_user
from tests.factories_agenda import StandardItemFactory, blank_pdf

pytestmark = pytest.mark.browser


def item_number(page, title: str) -> str:
    row = page.locator(".portal-editor-item", has=page.get_by_role("heading", name=title))
    return row.locator("[data-testid=item-number]").first.inner_text().strip()


def top_level_numbers(page):
    return page.locator("#agenda-items > li > .portal-editor-item__head [data-testid=item-number]")


def top_level_titles(page):
    return page.locator("#agenda-items > li > .portal-editor-item__head h3")


def drag_by_number(page, from_index: int, to_index: int) -> None:
    """Drag an item by its number, with the mouse, as an officer would."""
    handles = top_level_numbers(page)
    start = handles.nth(from_index).bounding_box()
    end = handles.nth(to_index).bounding_box()
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    steps = 20
    for step in range(1, steps + 1):
        y = start["y"] + 5 + (end["y"] - start["y"] - 5) * step / steps
        page.mouse.move(start["x"] + 5, y)
        page.wait_for_timeout(20)
    page.mouse.up()


def test_officer_builds_an_agenda(live_server, page, tmp_path):
    from playwright.sync_api import expect

    committee = CommitteeFactory(name="Scrutiny Committee - Childrens and Families")
    for title in ["Apologies for Absence", "Declarations of Interest", "Work Programme"]:
        StandardItemFactory(committee=committee, title=title)
    officer_user(username="officer")
    paper = tmp_path / "Core offer report.pdf"
    paper.write_bytes(blank_pdf(pages=2))

    page.goto(f"{live_server.url}/sign-in/?next=/manage/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Prepare meetings")).to_be_visible()

    page.get_by_role("link", name="Create a meeting").click()
    page.get_by_label("Committee", exact=True).select_option(label=committee.name)
    page.fill("#id_date_0", "12")
    page.fill("#id_date_1", "7")
    page.fill("#id_date_2", "2030")
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("heading", name="Friday, 12 July 2030")).to_be_visible()
    assert item_number(page, "Work Programme") == "3"

    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Title", exact=True).fill("LA Maintained Schools Core Offer")
    page.get_by_label("Time allowed, in minutes (optional)").fill("25")
    page.get_by_role("button", name="Save").click()
    assert item_number(page, "LA Maintained Schools Core Offer") == "4"

    page.get_by_role("link", name="Upload a PDF for “LA Maintained Schools Core Offer”").click()
    page.get_by_label("Title of the paper").fill("Core offer report")
    page.get_by_label("PDF file").set_input_files(str(paper))
    page.get_by_role("button", name="Upload paper").click()
    expect(page.get_by_text("“Core offer report” has been uploaded (2 pages).")).to_be_visible()
    expect(page.get_by_role("link", name="Core offer report", exact=True)).to_be_visible()

    move_up = re.compile(r"^Up\W+move “LA Maintained Schools Core Offer” up$")
    page.get_by_role("button", name=move_up).click()
    expect(
        page.locator(".portal-editor-item", has_text="LA Maintained Schools Core Offer").locator(
            "[data-testid=item-number]"
        )
    ).to_have_text("3")
    assert item_number(page, "Work Programme") == "4"
    page.screenshot(path=str(tmp_path / "agenda.png"), full_page=True)
    if os.environ.get("AGENDA_SCREENSHOT"):
        page.screenshot(path=os.environ["AGENDA_SCREENSHOT"], full_page=True)

    page.reload()
    assert item_number(page, "LA Maintained Schools Core Offer") == "3"

    drag_by_number(page, from_index=3, to_index=0)
    expect(top_level_numbers(page)).to_have_text(["1", "2", "3", "4"])
    expect(top_level_titles(page)).to_have_text(
        [
            "Work Programme",
            "Apologies for Absence",
            "Declarations of Interest",
            "LA Maintained Schools Core Offer",
        ]
    )
    page.reload()
    assert item_number(page, "Work Programme") == "1"
    page.get_by_role("link", name="History").click()
    moved = page.get_by_text("Moved “LA Maintained Schools Core Offer” up from 4 to 3")
    expect(moved).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_agenda_and_minutes_editors_work_by_keyboard_and_say_what_they_did(live_server, page):
    from playwright.sync_api import expect

    from meetings.models import AgendaItem, Meeting
    from tests.factories import AgendaItemFactory, MeetingFactory
    from tests.factories_memory import MinuteFactory

    officer_user(username="officer")
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)  # its numbering is still open
    for position, title in enumerate(["Apologies", "Budget", "SEND Strategy"], 1):
        AgendaItemFactory(meeting=meeting, position=position, title=title)
    send = AgendaItem.objects.get(meeting=meeting, title="SEND Strategy")
    minute = MinuteFactory(minutes__meeting=meeting)
    page.goto(f"{live_server.url}/sign-in/?next=/manage/meetings/{meeting.pk}/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse battery")
    page.keyboard.press("Enter")
    announcer = page.locator("#portal-announcer")
    expect(announcer).to_have_attribute("aria-live", "polite")
    page.wait_for_function("typeof window.htmx !== 'undefined'")

    page.locator(f"#move-up-{send.pk}").focus()
    page.keyboard.press("Enter")
    expect(announcer).to_have_text("Item 3 moved up to 2")
    # The same button has the focus again, so pressing Enter again moves it on.
    assert page.evaluate("document.activeElement.id") == f"move-up-{send.pk}"
    page.keyboard.press("Enter")
    expect(announcer).to_have_text("Item 2 moved up to 1")
    # Now first, it has no Up button: the focus goes to the item itself.
    assert page.evaluate("document.activeElement.id") == f"item-{send.pk}"
    assert send.__class__.objects.get(pk=send.pk).position == 1

    page.goto(f"{live_server.url}/minutes/minute/{minute.pk}/")
    page.wait_for_function("typeof window.htmx !== 'undefined'")
    page.get_by_text("Add a comment").click()
    page.fill("#id_text", "How many schools use the tool?")
    page.get_by_role("button", name="Add comment").focus()
    page.keyboard.press("Enter")
    expect(announcer).to_have_text("Comment added")
    assert page.evaluate("document.activeElement.tagName") != "BODY"
