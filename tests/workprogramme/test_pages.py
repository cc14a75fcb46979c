import datetime
import io

import pytest
from django.urls import reverse

from demo import loader
from meetings.models import AgendaItem, Document, Meeting
from meetings.paper_sources import render_html
from tests.factories import (
    MeetingFactory,
    PersonFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
    councillor_user,
    officer_user,
)
from workprogramme.models import WorkProgrammeItem

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [2, 12])
def test_work_programme_page_has_a_fixed_query_count(client, django_assert_num_queries, count):
    programme = WorkProgrammeFactory()
    for n in range(count):
        WorkProgrammeItemFactory(programme=programme, meeting=MeetingFactory(
            committee=programme.committee, date=datetime.date(2023, 6, 1 + n)))  # fmt: skip
    with django_assert_num_queries(5):
        response = client.get(
            reverse("workprogramme:work_programme_year", args=[programme.committee.slug, 2023])
        )
    assert response.content.decode().count("Planned item") == count


def test_a_planned_item_becomes_an_agenda_item_in_one_step_and_links_back(client):
    item = WorkProgrammeItemFactory(title="SEND Strategy and the Accelerated Progress Plan (APP)")
    AgendaItem.objects.create(meeting=item.meeting, position=1, title="Apologies for Absence")
    client.force_login(officer_user())
    client.post(reverse("workprogramme:work_programme_to_agenda", args=[item.pk]))
    item.refresh_from_db()
    assert item.agenda_item.meeting == item.meeting
    assert (item.agenda_item.position, item.agenda_item.title) == (2, item.title)
    assert item.agenda_item.lead_officers == "Amelia Walker"
    assert list(item.agenda_item.work_programme_items.all()) == [item]
    client.post(reverse("workprogramme:work_programme_to_agenda", args=[item.pk]))
    assert AgendaItem.objects.filter(meeting=item.meeting).count() == 2


def test_the_agenda_editor_offers_planned_items_and_adds_one_with_its_history(client):
    from meetings.models import MeetingChange

    item = WorkProgrammeItemFactory(title="Reforms in children's social care")
    client.force_login(officer_user())
    editor = reverse("manage:agenda", args=[item.meeting.pk])
    assert "Reforms in children&#x27;s social care" in client.get(editor).content.decode()

    response = client.post(
        reverse("workprogramme:work_programme_to_agenda", args=[item.pk]), {"next": "agenda"}
    )
    assert response.url == editor
    assert MeetingChange.objects.filter(meeting=item.meeting).count() == 1
    assert "Planned in the work programme" not in client.get(editor).content.decode()


def test_councillor_proposes_officer_declines_with_a_reason_and_the_public_sees_both(client):
    programme = WorkProgrammeFactory()
    councillor = councillor_user()
    PersonFactory(first_name="Leigh", surname="Redman", user=councillor)
    client.force_login(councillor)
    client.post(
        reverse("workprogramme:work_programme_propose", args=[programme.committee.slug, 2023]),
        {"title": "Home to school transport costs", "purpose": "Rising costs"},
    )
    item = WorkProgrammeItem.objects.get(title="Home to school transport costs")
    assert item.status == WorkProgrammeItem.Status.PROPOSED
    assert item.proposed_by_name == "Councillor Leigh Redman"

    client.force_login(officer_user())
    response = client.post(
        reverse("workprogramme:work_programme_decide", args=[item.pk]), {"decision": "decline"}
    )
    assert "Say why the proposal is declined" in response.content.decode()
    client.post(
        reverse("workprogramme:work_programme_decide", args=[item.pk]),
        {"decision": "decline", "reason": "Covered by the Transport Review task group"},
    )
    client.logout()
    page = client.get(
        reverse("workprogramme:work_programme_year", args=[programme.committee.slug, 2023])
    )
    assert "Covered by the Transport Review task group" in page.content.decode()
    assert "Leigh Redman" in page.content.decode()


def test_the_public_cannot_propose(client):
    programme = WorkProgrammeFactory()
    response = client.get(
        reverse("workprogramme:work_programme_propose", args=[programme.committee.slug, 2023])
    )
    assert response.status_code == 302


def test_demo_work_plan_renders_as_the_seed_prints_it():
    from weasyprint import HTML

    loader.load(io.StringIO(), until="work programme")
    loader.load(io.StringIO(), until="work programme")
    may = Meeting.objects.get(committee__slug="scrutiny-children-families", date="2023-05-04")
    html = render_html(
        Document(meeting=may, kind=Document.Kind.WORK_PROGRAMME, title="Work programme")
    )
    for text in (
        "Scrutiny Committee - Children and Families Work Plan 2023 - 2024",
        "Thursday 4 May 2023 @ 10am",
        "Wednesday 12 July 2023 @ 10am",
        "Wednesday 15 November 2023 @ 10am",
        "Wednesday 15 May 2024 @ 10am",
        "Evaluation of the West Somerset Opportunity Area – to be scheduled.",
        "Cross-cutting items:",
        "what impact does this have on the children in Somerset?",
    ):
        assert text in html
    assert HTML(string=html).write_pdf().startswith(b"%PDF")
