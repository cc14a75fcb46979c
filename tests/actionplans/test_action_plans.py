import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from actionplans.models import (
    MET_LEGEND,
    ActionPlan,
    ActionPlanReport,
    Milestone,
    PlanAction,
    ProgressUpdate,
    parse_number,
    parse_period,
)
from actionplans.papers import render_plan_progress
from meetings.models import Document
from packs import builder
from tests.factories import (
    ActionPlanFactory,
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    PlanActionFactory,
    add_update,
    councillor_user,
    officer_user,
)
from tests.packs_helpers import page_texts

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime.datetime(2023, 6, 20, 9, 0, tzinfo=datetime.UTC)
REPORT_MAY = {"form": "report", "report-period": "May 2023"}


def _manage(plan):
    return reverse("actionplans:plan_manage", args=[plan.slug])


def _action_page(action):
    return reverse("actionplans:plan_action", args=[action.plan.slug, action.pk])


def test_kpi_numbers_and_periods_are_parsed_where_they_parse():
    assert parse_number("50 (Feb '23)") == 50
    assert parse_number("Year end figure = 7,473") == 7473
    assert parse_number("New measure – baseline TBC") is None
    assert parse_period("May 2023") == datetime.date(2023, 5, 1)
    assert parse_period("Sept 23") == datetime.date(2023, 9, 1)
    assert parse_period("Spring term") is None


def test_plan_pages_are_for_officers_only(client):
    plan = ActionPlanFactory()
    assert client.get(_manage(plan)).status_code == 302
    client.force_login(councillor_user())
    assert client.get(_manage(plan)).status_code == 403
    assert client.get(plan.get_absolute_url()).status_code == 200


def test_officer_creates_a_plan_with_the_north_somerset_legend(officer_client):
    committee = CommitteeFactory()
    response = officer_client.post(
        reverse("actionplans:plan_add"),
        {
            "title": "SEND Improvement Plan",
            "slug": "send-improvement-plan",
            "committee": committee.pk,
            "legend": "met",
        },
    )
    plan = ActionPlan.objects.get(slug="send-improvement-plan")
    assert response.url == _manage(plan)
    assert [level.label for level in plan.rag_levels.all()] == [label for label, _ in MET_LEGEND]


def test_an_officer_of_another_council_neither_reports_a_plan_to_nor_edits_its_plans(client):
    committee = CommitteeFactory()
    plan = ActionPlanFactory(committee=committee)
    client.force_login(officer_user(council=CouncilFactory(name="Bath Council", slug="bath")))
    response = client.post(
        reverse("actionplans:plan_add"),
        {"title": "Plan", "slug": "plan", "committee": committee.pk, "legend": "met"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ActionPlan.objects.filter(slug="plan").exists()
    assert client.get(_manage(plan)).status_code == 403


def test_officer_adds_numbered_actions_and_a_duplicate_number_is_refused(officer_client):
    plan = ActionPlanFactory()
    data = {
        "form": "action",
        "action-ref": "1.1",
        "action-text": "We will improve consistency",
        "action-by_when": "April 2024",
        "action-lead_officer": "Claire Merchant-Jones",
        "action-rag": plan.rag_levels.get(label="Amber").pk,
        "action-kpis": "50 (Feb '23)",
    }
    assert officer_client.post(_manage(plan), data).status_code == 302
    action = PlanAction.objects.get(plan=plan)
    assert (action.ref, action.rag.label, action.kpis, action.kpi_number) == (
        "1.1",
        "Amber",
        "50 (Feb '23)",
        50,
    )

    response = officer_client.post(_manage(plan), {**data, "action-text": "Again"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "This plan already has an action 1.1" in page
    assert PlanAction.objects.filter(plan=plan).count() == 1


def test_an_action_rag_outside_the_plans_legend_is_refused(officer_client):
    plan = ActionPlanFactory()
    other = ActionPlanFactory(legend=MET_LEGEND)
    response = officer_client.post(
        _manage(plan),
        {
            "form": "action",
            "action-ref": "2.1",
            "action-text": "We will",
            "action-rag": other.rag_levels.get(label="Met").pk,
        },
    )
    assert response.status_code == 400
    assert "“Met” is not in this plan&#x27;s RAG legend; pick one of Red, Amber, Green." in (
        response.content.decode()
    )
    assert not PlanAction.objects.filter(plan=plan).exists()


def test_officer_adds_and_edits_a_milestone(officer_client):
    action = PlanActionFactory()
    response = officer_client.post(
        _action_page(action),
        {
            "form": "milestone",
            "milestone-text": "Recruit a Project Manager",
            "milestone-by_when": "July 2023",
            "milestone-responsible": "Rose Firth",
        },
    )
    assert response.status_code == 302
    milestone = Milestone.objects.get(action=action)
    edit = reverse("actionplans:plan_part", args=[action.plan.slug, "milestone", milestone.pk])
    officer_client.post(
        edit,
        {"text": "Recruit a Project Manager", "by_when": "July 2023", "is_done": "on"},
    )
    milestone.refresh_from_db()
    assert milestone.is_done and milestone.responsible == ""


def _remove(client, part, kind, slug):
    url = reverse("actionplans:plan_part_delete", args=[slug, kind, part.pk])
    assert client.post(url).status_code == 302


def test_a_milestone_added_after_one_was_removed_takes_no_position_already_taken(
    officer_client,
):
    action = PlanActionFactory()

    def add(text):
        data = {"form": "milestone", "milestone-text": text}
        assert officer_client.post(_action_page(action), data).status_code == 302

    for text in ("First", "Second", "Third"):
        add(text)
    _remove(officer_client, Milestone.objects.get(text="Second"), "milestone", action.plan.slug)
    add("Fourth")
    positions = dict(action.milestones.values_list("text", "position"))
    assert positions == {"First": 1, "Third": 3, "Fourth": 4}


def test_an_action_added_after_one_was_removed_takes_no_position_already_taken(officer_client):
    plan = ActionPlanFactory()

    def add(ref):
        data = {"form": "action", "action-ref": ref, "action-text": f"We will {ref}"}
        assert officer_client.post(_manage(plan), data).status_code == 302

    for ref in ("1.1", "1.2", "1.3"):
        add(ref)
    _remove(officer_client, PlanAction.objects.get(plan=plan, ref="1.2"), "action", plan.slug)
    add("1.4")
    positions = list(plan.actions.values_list("position", flat=True))
    assert len(positions) == len(set(positions)) == 3
    assert plan.actions.get(ref="1.4").position == max(positions)


def test_progress_updates_one_per_period_with_a_rag_from_the_legend(officer_client):
    action = PlanActionFactory()
    plan = action.plan
    amber = plan.rag_levels.get(label="Amber")
    update = {"form": "update", "update-period": "May 2023", "update-rag": amber.pk}
    response = officer_client.post(_action_page(action), {**update, "update-text": "Started"})
    assert response.status_code == 302
    saved = ProgressUpdate.objects.get(action=action)
    assert (saved.period_start, saved.rag) == (datetime.date(2023, 5, 1), amber)

    again = officer_client.post(_action_page(action), {**update, "update-text": "Twice"})
    assert again.status_code == 400
    assert (
        f"Action {action.ref} already has a progress update for May 2023; edit that one instead."
        in again.content.decode()
    )

    unclear = officer_client.post(
        _action_page(action), {**update, "update-period": "Spring", "update-text": "x"}
    )
    assert "Write the period as a month and year" in unclear.content.decode()

    foreign = ActionPlanFactory(legend=MET_LEGEND).rag_levels.get(label="On track")
    wrong_rag = officer_client.post(
        _action_page(action),
        {**update, "update-period": "June 2023", "update-rag": foreign.pk, "update-text": "x"},
    )
    assert "“On track” is not in this plan" in wrong_rag.content.decode()
    assert ProgressUpdate.objects.filter(action=action).count() == 1


@pytest.mark.parametrize("actions", [1, 6])
def test_public_plan_page_shows_rag_as_text_with_a_fixed_query_count(
    client, django_assert_num_queries, actions
):
    plan = ActionPlanFactory()
    for _ in range(actions):
        action = PlanActionFactory(plan=plan, rag=plan.rag_levels.get(label="Red"))
        Milestone.objects.create(action=action, text="A milestone")
        add_update(action, "May 2023", "Amber", "Progress in May")
    with django_assert_num_queries(5):
        response = client.get(plan.get_absolute_url())
    page = response.content.decode()
    assert page.count('govuk-tag--red">Red</strong>') == actions + 1  # each action and the legend
    assert page.count('govuk-tag--yellow">Amber</strong>') == actions + 1
    assert page.count("Progress in May") == actions


def _plan_with_progress():
    plan = ActionPlanFactory(title="SEND Accelerated Progress Plan")
    action = PlanActionFactory(plan=plan, ref="1.1", kpis="50 (Feb '23)")
    add_update(action, "May 2023", "Amber", "Training under way")
    add_update(action, "June 2023", "Green", "Training finished")
    return plan, action


def test_officer_reports_progress_to_a_meeting_in_one_step(officer_client):
    plan, _ = _plan_with_progress()
    item = AgendaItemFactory(meeting=MeetingFactory(committee=plan.committee), title="SEND")
    response = officer_client.post(_manage(plan), {**REPORT_MAY, "report-agenda_item": item.pk})
    assert response.status_code == 302
    report = ActionPlanReport.objects.get(plan=plan)
    document = report.document
    assert (document.kind, document.agenda_item, bool(document.file)) == (
        Document.Kind.ACTION_PLAN,
        item,
        False,
    )
    assert document.title == "SEND Accelerated Progress Plan: progress to May 2023"
    assert (report.period, report.period_start) == ("May 2023", datetime.date(2023, 5, 1))


def test_reporting_to_another_committees_meeting_is_refused(officer_client):
    plan, _ = _plan_with_progress()
    item = AgendaItemFactory(meeting=MeetingFactory(committee=CommitteeFactory(name="Audit")))
    response = officer_client.post(_manage(plan), {**REPORT_MAY, "report-agenda_item": item.pk})
    assert response.status_code == 400
    assert "That item is on a meeting of the Audit" in response.content.decode()
    assert not Document.objects.filter(kind=Document.Kind.ACTION_PLAN).exists()


def test_the_progress_paper_shows_each_action_as_at_the_reported_period():
    plan, action = _plan_with_progress()
    html = render_plan_progress(plan, up_to=datetime.date(2023, 5, 1), period="May 2023")
    for heading in ("Action", "By when", "Responsible officer", "Action RAG", "KPIs", "Progress"):
        assert f">{heading}</th>" in html
    assert "SEND Accelerated Progress Plan: progress to May 2023" in html
    assert 'class="rag rag-amber">Amber</td>' in html
    assert "Training under way" in html and "Training finished" not in html


def test_the_pack_includes_the_action_plan_paper():
    plan, _ = _plan_with_progress()
    meeting = MeetingFactory(committee=plan.committee, date=datetime.date(2023, 6, 29))
    item = AgendaItemFactory(meeting=meeting, position=1, title="SEND improvement")
    from actionplans.services import report_plan_progress

    report_plan_progress(plan, item, "June 2023")

    plan_for_pack = builder.plan_pack(meeting)
    built = builder.build_pdf(plan_for_pack, False, PUBLISHED_AT)
    text = "\n".join(page_texts(PdfReader(io.BytesIO(built.data))))
    assert "SEND Accelerated Progress Plan: progress to June 2023" in text
    for heading in ("By when", "Responsible", "Action", "KPIs", "Progress"):
        assert heading in text
    assert "Training finished" in text and "Green" in text
    assert "50 (Feb '23)" in text
    paper = next(part for part in plan_for_pack.papers if part.document)
    assert paper.source == "generated"


def test_officer_removes_a_progress_update_from_its_edit_page(officer_client):
    action = PlanActionFactory()
    update = add_update(action, "May 2023", "Amber", "Started")
    edit = reverse("actionplans:plan_part", args=[action.plan.slug, "update", update.pk])
    page = officer_client.get(edit).content.decode()
    delete = reverse("actionplans:plan_part_delete", args=[action.plan.slug, "update", update.pk])
    assert f'action="{delete}"' in page and "Remove this progress update" in page
    response = officer_client.post(delete)
    assert response.url == _action_page(action)
    assert not ProgressUpdate.objects.filter(pk=update.pk).exists()


def test_a_legend_state_in_use_is_not_removed(officer_client):
    action = PlanActionFactory()
    amber = action.plan.rag_levels.get(label="Amber")
    add_update(action, "May 2023", "Amber", "Started")
    delete = reverse("actionplans:plan_part_delete", args=[action.plan.slug, "level", amber.pk])
    response = officer_client.post(delete, follow=True)
    assert "“Amber” is still used by actions or progress updates" in response.content.decode()
    assert action.plan.rag_levels.filter(pk=amber.pk).exists()


def test_the_tracker_page_links_to_the_action_plans_through_its_registry(client, monkeypatch):
    """tracker knows nothing of actionplans: the link is what actionplans registers."""
    from tracker import page_sections
    from tracker.models import Tracker

    tracker = Tracker.for_committee(CommitteeFactory())
    url = reverse("tracker:detail", args=[tracker.committee.slug])
    plans = reverse("actionplans:plans")
    assert plans == "/tracker/plans/"  # the address it had inside the tracker app
    assert f'href="{plans}"' in client.get(url).content.decode()

    installed = page_sections.apps.is_installed
    monkeypatch.setattr(
        page_sections.apps, "is_installed", lambda name: name != "actionplans" and installed(name)
    )
    page = client.get(url).content.decode()
    assert f'href="{plans}"' not in page
    assert "Download every entry" in page


def test_actionplans_builds_on_the_tracker_and_the_tracker_knows_nothing_of_it():
    from tests.scrutiny.test_app_dependencies import app_graph

    graph = app_graph()
    assert "tracker" in graph.edges["actionplans"]
    assert "actionplans" not in graph.edges["tracker"]
