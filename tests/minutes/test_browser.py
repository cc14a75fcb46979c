"""An officer writes a minute, its comments and its decisions in a real browser (headless
Chromium), with the keyboard only (issue 13): Tab, Shift+Tab, Enter, Space and typing."""

import pytest

from tests.factories import officer_user
from tests.meetings.test_agenda_browser import assert_focus_is_sensible, sign_in_by_keyboard, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_writes_a_minute_with_the_keyboard_only(live_server, page):
    from playwright.sync_api import expect

    from minutes.models import Decision
    from tests.factories import MinuteFactory

    officer_user(username="officer")
    minute = MinuteFactory(heading="SEND Strategy")
    announcer = page.locator("#portal-announcer")
    sign_in_by_keyboard(page, f"{live_server.url}/sign-in/?next=/minutes/minute/{minute.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("SEND Strategy")

    # The minute's own text, saved with its button (a page load).
    tab_to(page, page.get_by_label("Body"))
    page.keyboard.type("The Committee considered the draft strategy.")
    tab_to(page, page.get_by_role("button", name="Save minute"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible()
    minute.refresh_from_db()
    assert "The Committee considered the draft strategy." in minute.body

    # A comment, added in place: "Add a comment" opens with Enter.
    tab_to(page, page.locator("summary", has_text="Add a comment"))
    page.keyboard.press("Enter")
    comments = page.locator("#comments-section")
    # Sent empty first: it comes back in place, saying so, with the focus on the field.
    tab_to(page, comments.get_by_role("button", name="Add comment"))
    page.keyboard.press("Enter")
    expect(announcer).to_have_text("Not added: there is a problem with it")
    text = page.locator("#comments-section").get_by_label("Text")
    assert_focus_is_sensible(page, text)
    page.keyboard.type("How many schools use the tool?")
    tab_to(page, comments.get_by_label("Response"))
    page.keyboard.type("Forty-two, the Director said.")
    tab_to(page, comments.get_by_role("button", name="Add comment"))
    page.keyboard.press("Enter")
    expect(announcer).to_have_text("Comment added")
    expect(page.locator("#comments")).to_contain_text("How many schools use the tool?")
    assert_focus_is_sensible(page)
    assert [(c.text, c.response) for c in minute.comments.all()] == [
        ("How many schools use the tool?", "Forty-two, the Director said.")
    ]

    # A decision: its kind chosen with the arrow keys, then added in place with Space.
    tab_to(page, page.locator("summary", has_text="Add a decision"))
    page.keyboard.press(" ")
    decisions = page.locator("#decisions-section")
    tab_to(page, decisions.get_by_label("Kind"))
    page.keyboard.press("ArrowDown")  # AGREED, then RESOLVED
    tab_to(page, decisions.get_by_label("Wording"))
    page.keyboard.type("It was RESOLVED that the strategy be endorsed.")
    tab_to(page, decisions.get_by_label("Addressed to"))
    page.keyboard.type("The Executive")
    tab_to(page, decisions.get_by_role("button", name="Add decision"))
    page.keyboard.press(" ")
    expect(announcer).to_have_text("Decision added")
    expect(page.locator("#decisions")).to_contain_text("It was RESOLVED that the strategy")
    assert_focus_is_sensible(page)
    decision = Decision.objects.get(minute=minute)
    assert (decision.kind, decision.wording, decision.addressed_to) == (
        Decision.Kind.RESOLVED,
        "It was RESOLVED that the strategy be endorsed.",
        "The Executive",
    )
    # Shift+Tab goes back up the page from where the focus was left.
    tab_to(page, page.locator("summary", has_text="Add a comment"), backwards=True)
