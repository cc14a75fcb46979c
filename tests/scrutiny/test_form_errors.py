"""
Every form sent with mistakes comes back with a GOV.UK error summary whose links reach
their inputs, and no page repeats an id (issue 13).
"""

import datetime
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from minutes.models import Minutes
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MinuteFactory,
    make_entry,
    officer_user,
)
from tracker.models import Tracker
from workprogramme.models import WorkProgramme

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """The ids of a page, and the links of its error summary."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.summary_links: list[str] = []
        self.has_summary = False
        self.error_messages = 0
        self.nested_forms = 0
        self._form_depth = 0
        self._summary_depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "form":
            self._form_depth += 1
            self.nested_forms += self._form_depth > 1
        classes = (attrs.get("class") or "").split()
        if "govuk-error-summary" in classes:
            self.has_summary = True
        if "govuk-error-message" in classes:
            self.error_messages += 1
        if "govuk-error-summary__list" in classes:
            self._summary_depth = 1
        elif self._summary_depth and tag == "ul":
            self._summary_depth += 1
        if self._summary_depth and tag == "a":
            self.summary_links.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form_depth -= 1
        if self._summary_depth and tag == "ul":
            self._summary_depth -= 1


def assert_errors_summarised(html: str):
    page = Page(html)
    assert page.error_messages, "the form was expected to have mistakes"
    assert page.has_summary, "no error summary"
    assert page.summary_links
    for href in page.summary_links:
        assert href.startswith("#") and href[1:] in page.ids, f"{href} links to nothing"
    assert_unique_ids(html)


def assert_unique_ids(html: str):
    """No id twice, and no form inside another (a browser would drop the inner one)."""
    page = Page(html)
    repeated = [name for name, count in Counter(page.ids).items() if count > 1]
    assert repeated == []
    assert page.nested_forms == 0, "a form inside a form"


@pytest.fixture
def world():
    meeting = MeetingFactory(date=datetime.date(2023, 5, 4))
    committee = meeting.committee
    item = AgendaItemFactory(meeting=meeting, position=1, title="Budget")
    minutes = Minutes.objects.create(meeting=meeting)
    minute = MinuteFactory(minutes=minutes, agenda_item=item, heading="Budget")
    tracker = Tracker.for_committee(committee)
    entry = make_entry(tracker=tracker, meeting=meeting)
    programme = WorkProgramme.objects.create(committee=committee, municipal_year=2023)
    return {
        "meeting": meeting,
        "committee": committee,
        "item": item,
        "minute": minute,
        "entry": entry,
        "programme": programme,
    }


def form_posts(world) -> list[tuple[str, dict]]:
    committee, meeting = world["committee"], world["meeting"]
    return [
        # An empty POST would be read as no POST (`request.POST or None`); a browser always
        # sends the form's fields.
        (reverse("tracker:entry_add", args=[committee.slug]), {"item_title": ""}),
        (reverse("tracker:entry_edit", args=[world["entry"].pk]), {"item_title": ""}),
        (
            reverse(
                "workprogramme:work_programme_propose",
                args=[committee.slug, world["programme"].municipal_year],
            ),
            {"title": ""},
        ),
        (reverse("minutes:add_minute", args=[meeting.pk]), {"heading": ""}),
        (reverse("minutes:add_declaration", args=[meeting.pk]), {"declaration-name": ""}),
        (reverse("minutes:add_decision", args=[world["minute"].pk]), {"wording": ""}),
        (reverse("manage:meeting_create"), {"committee": committee.pk, "date": "31/02/2023"}),
        (reverse("manage:paper_write", args=[world["item"].pk]), {"title": ""}),
    ]


@pytest.mark.parametrize("case", range(8))
def test_a_form_with_mistakes_has_an_error_summary_that_reaches_its_inputs(client, world, case):
    client.force_login(officer_user(council=world["committee"].council))
    url, data = form_posts(world)[case]
    response = client.post(url, data)
    assert response.status_code == 200, (url, response.status_code)
    assert_errors_summarised(response.content.decode())


def test_the_minutes_editor_repeats_no_id(client, world):
    client.force_login(officer_user(council=world["committee"].council))
    html = client.get(reverse("minutes:edit", args=[world["meeting"].pk])).content.decode()
    assert_unique_ids(html)
    html = client.get(reverse("minutes:minute", args=[world["minute"].pk])).content.decode()
    assert_unique_ids(html)


def test_the_check_finds_a_link_to_nothing_and_a_repeated_id():
    html = (
        '<div class="govuk-error-summary"><ul class="govuk-error-summary__list">'
        '<li><a href="#id_date">Enter a date</a></li></ul></div>'
        '<p class="govuk-error-message">Enter a date</p><input id="id_date_day">'
    )
    with pytest.raises(AssertionError, match="links to nothing"):
        assert_errors_summarised(html)
    with pytest.raises(AssertionError):
        assert_unique_ids('<input id="a"><input id="a">')
    with pytest.raises(AssertionError, match="inside a form"):
        assert_unique_ids("<form><form></form></form>")


def test_officers_pages_repeat_no_id_and_nest_no_form(client, world):
    committee, meeting = world["committee"], world["meeting"]
    client.force_login(officer_user(council=committee.council))
    urls = [
        reverse("manage:agenda", args=[meeting.pk]),
        reverse("manage:meeting_edit", args=[meeting.pk]),
        reverse("manage:item_edit", args=[world["item"].pk]),
        reverse("tracker:detail", args=[committee.slug]),
        reverse("tracker:entry", args=[world["entry"].pk]),
        reverse("tracker:entry_edit", args=[world["entry"].pk]),
        reverse("workprogramme:work_programme_year", args=[committee.slug, 2023]),
        reverse("minutes:edit", args=[meeting.pk]),
        reverse("minutes:attendance", args=[meeting.pk]),
        meeting.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        try:
            assert_unique_ids(response.content.decode())
        except AssertionError as error:
            raise AssertionError(f"{url}: {error}") from error


def page_title(html: str) -> str:
    return " ".join(html.split("<title>", 1)[1].split("</title>", 1)[0].split())


def test_pages_of_the_same_kind_have_titles_of_their_own(client, world):
    from actionplans.models import Milestone
    from tests.factories import PlanActionFactory

    committee = world["committee"]
    client.force_login(officer_user(council=committee.council))
    other_meeting = MeetingFactory(committee=committee, date=datetime.date(2023, 6, 29))
    other_item = AgendaItemFactory(meeting=other_meeting, position=1, title="Budget")
    action = PlanActionFactory(plan__committee=committee)
    milestones = [
        Milestone.objects.create(action=action, text=text, position=n)
        for n, text in enumerate(["Recruit two officers", "Open the new hub"], 1)
    ]
    pairs = [
        [reverse("manage:item_edit", args=[item.pk]) for item in (world["item"], other_item)],
        [reverse("manage:item_delete", args=[item.pk]) for item in (world["item"], other_item)],
        [
            reverse("actionplans:plan_part", args=[action.plan.slug, "milestone", milestone.pk])
            for milestone in milestones
        ],
    ]
    for urls in pairs:
        titles = [page_title(client.get(url).content.decode()) for url in urls]
        assert titles[0] != titles[1], titles
    assert "Recruit two officers" in titles[0]
