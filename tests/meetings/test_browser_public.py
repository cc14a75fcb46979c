import pytest

from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_of_the_public_finds_the_agenda_and_a_paper(live_server, page, tmp_path):
    meeting = MeetingFactory(committee__name="Scrutiny Committee - Childrens and Families")
    AgendaItemFactory(meeting=meeting, position=1, title="Apologies for Absence")
    report = AgendaItemFactory(meeting=meeting, position=2, title="SEND Strategy")
    DocumentFactory(agenda_item=report, title="SEND Strategy 2023")

    page.goto(f"{live_server.url}/committees/")
    page.get_by_role("link", name="Scrutiny Committee - Childrens and Families").click()
    page.get_by_role("link", name="Thursday, 4 May 2023").click()

    agenda = page.locator("#agenda-items")
    assert agenda.locator("h3").all_inner_texts() == ["1 Apologies for Absence", "2 SEND Strategy"]
    page.screenshot(path=tmp_path / "meeting.png", full_page=True)

    with page.expect_response("**/papers/**") as paper:
        page.get_by_role("link", name="SEND Strategy 2023").click()
    assert paper.value.status == 200
    assert paper.value.headers["content-type"] == "application/pdf"
