"""Rich text for descriptions and written papers: the editor's output is kept where safe."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from meetings.sanitise import clean_html
from tests.factories import AgendaItemFactory, MeetingFactory, officer_user

CHROMIUM = Path("/usr/bin/chromium")

# What Trix writes into the form for two paragraphs, a line break, bold, italic,
# a list, a heading and a link, with the block comments it leaves in.
TRIX_OUTPUT = (
    "<div><!--block-->The Committee is asked to <strong>note</strong> the report "
    "and <em>comment</em>.<br>See the "
    '<a href="https://www.somerset.gov.uk/forward-plan">Forward Plan</a>.</div>'
    "<h3><!--block-->Background</h3>"
    "<ul><li><!--block-->First point</li><li><!--block-->Second point</li></ul>"
    "<blockquote><!--block-->As printed.</blockquote>"
)


def test_the_sanitiser_keeps_what_the_editor_writes():
    cleaned = clean_html(TRIX_OUTPUT)

    assert cleaned.startswith("<div>The Committee is asked to <strong>note</strong>")
    assert "<em>comment</em>.<br>See the " in cleaned
    assert (
        '<a href="https://www.somerset.gov.uk/forward-plan" rel="noopener noreferrer">'
        "Forward Plan</a>" in cleaned
    )
    assert "<h3>Background</h3>" in cleaned
    assert "<ul><li>First point</li><li>Second point</li></ul>" in cleaned
    assert "<blockquote>As printed.</blockquote>" in cleaned
    assert "<!--" not in cleaned


def test_the_sanitiser_removes_scripts_handlers_and_javascript_links():
    dirty = (
        '<div onclick="steal()">Click <a href="javascript:alert(document.cookie)">here</a>'
        ' or <a href="https://example.org/" onmouseover="steal()">there</a>'
        "<script>steal()</script><img src=x onerror=steal()></div>"
        '<figure data-trix-attachment="{}"><iframe src="https://evil.example/"></iframe></figure>'
        '<div style="position:fixed">Styled</div>'
    )

    cleaned = clean_html(dirty)

    assert cleaned == (
        '<div>Click <a rel="noopener noreferrer">here</a> or '
        '<a href="https://example.org/" rel="noopener noreferrer">there</a></div>'
        "<div>Styled</div>"
    )


@pytest.mark.django_db
def test_a_description_from_the_editor_is_saved_clean(client):
    client.force_login(officer_user())
    item = AgendaItemFactory(meeting=MeetingFactory())

    client.post(
        reverse("manage:item_edit", args=[item.pk]),
        {
            "title": item.title,
            "kind": "report",
            "description": TRIX_OUTPUT + '<a href="javascript:x()" onclick="x()">bad</a>',
            "revision": item.meeting.revision,
        },
    )

    item.refresh_from_db()
    assert item.description.startswith("<div>The Committee is asked to <strong>note</strong>")
    assert "javascript" not in item.description
    assert "onclick" not in item.description


@pytest.mark.django_db
def test_rich_text_fields_are_marked_for_the_editor(client):
    client.force_login(officer_user())
    item = AgendaItemFactory(meeting=MeetingFactory())

    form = client.get(reverse("manage:item_edit", args=[item.pk])).content.decode()
    paper = client.get(reverse("manage:paper_write", args=[item.pk])).content.decode()

    assert 'data-rich-text="true"' in form and 'name="description"' in form
    assert 'data-rich-text="true"' in paper and 'name="body"' in paper
    assert "vendor/trix/trix.umd.min.js" in form
    assert 'data-rich-text="true"' not in form.split('name="lead_officers"', 1)[0][-200:]


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")
@pytest.mark.django_db(transaction=True)
def test_an_officer_formats_a_description_in_the_browser(live_server, browser, tmp_path):
    from playwright.sync_api import expect

    officer_user(username="officer")
    item = AgendaItemFactory(meeting=MeetingFactory(), title="Performance report")
    context = browser.new_context(viewport={"width": 1200, "height": 1400})
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/?next=/manage/items/{item.pk}/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse battery")
    page.get_by_role("button", name="Sign in").click()

    editor = page.locator("trix-editor")
    expect(editor).to_be_visible()
    expect(page.locator("textarea#id_description")).to_be_hidden()
    expect(page.get_by_role("textbox", name="Description (optional)")).to_be_visible()
    editor.click()
    page.keyboard.type("The Committee is asked to ")
    page.get_by_role("button", name="Bold").click()
    page.keyboard.type("note")
    page.get_by_role("button", name="Bold").click()
    page.keyboard.type(" the report.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Bullets").click()
    page.keyboard.type("First point")
    page.screenshot(path=str(tmp_path / "rich_text.png"), full_page=True)
    if os.environ.get("RICH_TEXT_SCREENSHOT"):
        page.screenshot(path=os.environ["RICH_TEXT_SCREENSHOT"], full_page=True)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Item {item.label} has been saved.")).to_be_visible()

    item = AgendaItem.objects.get(pk=item.pk)
    # Trix keeps a space before a change of format as a non-breaking one.
    assert item.description == (
        "<div>The Committee is asked to&nbsp;<strong>note</strong> the report.</div>"
        "<ul><li>First point</li></ul>"
    )
    context.close()


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_plain_textarea_still_works(live_server, browser):
    officer_user(username="officer")
    item = AgendaItemFactory(meeting=MeetingFactory(), title="Performance report")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/?next=/manage/items/{item.pk}/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse battery")
    page.get_by_role("button", name="Sign in").click()

    assert page.locator("trix-editor").count() == 0
    page.get_by_label("Description (optional)").fill("<p>Plain <strong>HTML</strong></p>")
    page.get_by_role("button", name="Save").click()

    item = AgendaItem.objects.get(pk=item.pk)
    assert item.description == "<p>Plain <strong>HTML</strong></p>"
    context.close()


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")
@pytest.mark.django_db(transaction=True)
def test_the_formatting_toolbar_works_from_the_keyboard(live_server, browser):
    from playwright.sync_api import expect

    officer_user(username="officer")
    item = AgendaItemFactory(meeting=MeetingFactory(), title="Performance report")
    context = browser.new_context(viewport={"width": 1200, "height": 1400})
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/?next=/manage/items/{item.pk}/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("trix-editor")).to_be_visible()

    toolbar = page.get_by_role("toolbar", name="Formatting")
    expect(toolbar).to_be_visible()
    bold = toolbar.get_by_role("button", name="Bold")
    expect(bold).to_have_attribute("aria-pressed", "false")
    assert toolbar.get_by_role("button", name="Attach Files").is_hidden()

    def tab_back_to_bold():
        """From the text, Shift+Tab through the toolbar (it comes before the text)."""
        for _ in range(15):
            page.keyboard.press("Shift+Tab")
            if page.evaluate("document.activeElement.title") == "Bold":
                return
        raise AssertionError("the Bold button cannot be reached by keyboard")

    page.locator("trix-editor").focus()
    tab_back_to_bold()
    page.keyboard.press("Enter")  # bold on, and the typing goes back to the text
    assert page.evaluate("document.activeElement.tagName") == "TRIX-EDITOR"
    expect(bold).to_have_attribute("aria-pressed", "true")
    page.keyboard.type("Urgent")
    tab_back_to_bold()
    page.keyboard.press("Space")  # bold off
    expect(bold).to_have_attribute("aria-pressed", "false")
    page.keyboard.type(" update")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Item {item.label} has been saved.")).to_be_visible()

    item = AgendaItem.objects.get(pk=item.pk)
    # Trix may keep the space after a change of format as a non-breaking one.
    assert item.description.replace("&nbsp;", " ") == "<div><strong>Urgent</strong> update</div>"
    context.close()
