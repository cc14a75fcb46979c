"""An officer prepares an agenda in a real browser (headless Chromium)."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.factories import CommitteeFactory, StandardItemFactory, blank_pdf, officer_user

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


# Keyboard only: from the page load on, nothing but Tab, Shift+Tab, Enter, Space and typing.
# No .click(), .focus() or .fill(); the tests reach each control the way a keyboard user does.

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "<body>";
  const name = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
  return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} “${name.slice(0, 50)}”`;
}"""


def focused(page) -> str:
    return page.evaluate(FOCUSED)


def tab_to(page, target, *, backwards=False, limit=120):
    """Press Tab (or Shift+Tab) until `target`, a locator, has the focus."""
    key = "Shift+Tab" if backwards else "Tab"
    element = target.element_handle(timeout=5000)
    passed = []
    for _ in range(limit):
        reached, where = page.evaluate(
            f"element => [element === document.activeElement, ({FOCUSED})()]", element
        )
        if reached:
            return
        passed.append(where)
        page.keyboard.press(key)
    raise AssertionError(
        f"{limit} presses of {key} never reached {target}; the last ones reached "
        + ", ".join(passed[-10:])
    )


def assert_focus_is_sensible(page, expected=None):
    """After an in-page update the focus is on something, not lost to <body>: on `expected`
    once htmx has settled, which may be a moment after the new content is in."""
    if expected is not None:
        expect(expected).to_be_focused()
    where = focused(page)
    assert where != "<body>", "the focus was lost after the update"


def type_into(page, field, text, *, replace=False):
    tab_to(page, field)
    if replace:
        page.keyboard.press("Control+A")
    page.keyboard.type(text)


def sign_in_by_keyboard(page, url, username="officer"):
    page.goto(url)
    type_into(page, page.get_by_label("Username"), username)
    type_into(page, page.get_by_label("Password", exact=True), "correct horse battery")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("typeof window.htmx !== 'undefined'")


@pytest.mark.django_db(transaction=True)
def test_an_officer_edits_the_agenda_with_the_keyboard_only(live_server, page, tmp_path):

    from meetings.models import AgendaItem, Document, Meeting
    from tests.factories import AgendaItemFactory, MeetingFactory

    officer_user(username="officer")
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)  # its numbering is still open
    for position, title in enumerate(["Apologies", "Budget", "SEND Strategy"], 1):
        AgendaItemFactory(meeting=meeting, position=position, title=title)
    report = tmp_path / "Core offer report.pdf"
    report.write_bytes(blank_pdf(pages=2))
    announcer = page.locator("#portal-announcer")

    sign_in_by_keyboard(page, f"{live_server.url}/sign-in/?next=/manage/meetings/{meeting.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("2023"))
    expect(announcer).to_have_attribute("aria-live", "polite")

    # Add an item (a page of its own).
    tab_to(page, page.get_by_role("link", name="Add an item"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    type_into(page, page.get_by_label("Title", exact=True), "Core Offer")
    type_into(page, page.get_by_label("Time allowed, in minutes (optional)"), "25")
    tab_to(page, page.get_by_role("button", name="Save"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Item 4 “Core Offer” has been added.")).to_be_visible()
    item = AgendaItem.objects.get(meeting=meeting, title="Core Offer")
    assert (item.position, item.time_allocation) == (4, 25)

    # Edit it in place: the form opens under the item and the focus goes to its heading,
    # which a screen reader reads out ("Edit item 4"; the live region adds nothing to it).
    # Cancel closes it again, back at the link that opened it.
    edit = page.get_by_role("link", name="Edit item “Core Offer”")
    editor = page.locator(f"#item-{item.pk}-editor")
    tab_to(page, edit)
    page.keyboard.press("Enter")
    expect(editor.get_by_role("heading", name="Edit item 4")).to_be_visible()
    tab_to(page, editor.get_by_role("link", name="Cancel"))
    page.keyboard.press("Enter")
    expect(editor).to_be_empty()
    assert_focus_is_sensible(page, edit)
    page.keyboard.press("Enter")
    title = editor.get_by_label("Title", exact=True)
    expect(title).to_be_visible()
    assert_focus_is_sensible(page, editor.get_by_role("heading", name="Edit item 4"))
    expect(announcer).to_have_text("")
    # Sent without a title, it comes back in place, with the focus on its error summary.
    tab_to(page, title)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    tab_to(page, editor.get_by_role("button", name="Save"))
    page.keyboard.press("Enter")
    summary = editor.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the title of the item, as printed.")
    assert_focus_is_sensible(page, summary)
    type_into(page, title, "LA Maintained Schools Core Offer")
    tab_to(page, editor.get_by_role("button", name="Save"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Item 4 has been saved.")).to_be_visible()
    item.refresh_from_db()
    assert item.title == "LA Maintained Schools Core Offer"

    # Move it up, then down again, with its own buttons; each move is read out.
    move_up = page.get_by_role("button", name=re.compile(r"^Up\W+move “LA Maintained .* up$"))
    tab_to(page, move_up)
    page.keyboard.press("Enter")
    expect(announcer).to_have_text("Item 4 moved up to 3")
    assert_focus_is_sensible(page, move_up)  # the same button: Enter again moves it on
    assert AgendaItem.objects.get(pk=item.pk).position == 3
    move_down = page.get_by_role("button", name=re.compile(r"^Down\W+move “LA Maintained"))
    tab_to(page, move_down)
    page.keyboard.press(" ")
    expect(announcer).to_have_text("Item 3 moved down to 4")
    # Now last, it has no Down button: the focus goes to the item itself.
    assert_focus_is_sensible(page, page.locator(f"#item-{item.pk}"))
    assert AgendaItem.objects.get(pk=item.pk).position == 4

    # Upload its paper: Space on the file input opens the file chooser.
    tab_to(page, page.get_by_role("link", name="Upload a PDF for “LA Maintained Schools"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    type_into(page, page.get_by_label("Title of the paper"), "Core offer report")
    tab_to(page, page.get_by_label("PDF file"))
    with page.expect_file_chooser() as chooser:
        page.keyboard.press(" ")
    chooser.value.set_files(str(report))
    tab_to(page, page.get_by_role("button", name="Upload paper"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("“Core offer report” has been uploaded (2 pages).")).to_be_visible()

    # And write one in the page, in the rich text editor.
    tab_to(page, page.get_by_role("link", name="Write a paper for “LA Maintained Schools"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    type_into(page, page.get_by_label("Title of the paper"), "Briefing note")
    body = page.get_by_role("textbox", name=re.compile("^Text"))
    type_into(page, body, "The core offer is renewed each April.")
    tab_to(page, page.get_by_role("button", name="Save"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("“Briefing note” has been saved.")).to_be_visible()
    papers = Document.objects.current().filter(agenda_item=item).order_by("position")
    assert [paper.title for paper in papers] == ["Core offer report", "Briefing note"]
    assert "The core offer is renewed each April." in papers[1].body

    # Papers move in place too.
    paper_up = page.get_by_role("button", name=re.compile(r"^Up\W+move paper “Briefing note”"))
    tab_to(page, paper_up, backwards=True)
    page.keyboard.press("Enter")
    expect(announcer).to_have_text("“Briefing note” moved up")
    assert_focus_is_sensible(page)
    papers = Document.objects.current().filter(agenda_item=item).order_by("position")
    assert [paper.title for paper in papers] == ["Briefing note", "Core offer report"]
