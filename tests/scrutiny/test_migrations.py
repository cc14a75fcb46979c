"""
Every model change has its migration (the same check `make test` runs before pytest), and
the migrations that move models between apps keep their rows.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

MOVED = ["workprogramme", "theme", "themetopic", "workprogrammeitem"]


@pytest.mark.django_db
def test_no_model_change_is_without_its_migration():
    try:
        call_command("makemigrations", check=True, dry_run=True, verbosity=0)
    except SystemExit as exit:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"makemigrations --check exited with {exit.code}: a migration is missing")


BEFORE_THE_MOVE = [
    ("committees", "0003_officer_roles_and_front_sheet_texts"),
    ("workprogramme", None),
]
AFTER_THE_MOVE = [
    ("committees", "0004_work_programme_moved_out"),
    ("workprogramme", "0001_initial"),
]


@pytest.mark.django_db(transaction=True)  # SQLite migrates outside a transaction only
def test_a_work_programme_made_before_it_became_an_app_is_still_there_after():
    """committees' work programme models moved to workprogramme/ with their tables and rows."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    content_types = ContentType.objects.filter(model__in=MOVED).values_list("pk", "model")
    kept_types = dict(content_types.filter(app_label="workprogramme"))
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE_THE_MOVE)
        old = executor.loader.project_state(BEFORE_THE_MOVE[0]).apps
        assert set(content_types.filter(app_label="committees")) == set(kept_types.items())
        council = old.get_model("committees", "Council").objects.create(name="Somerset", slug="s")
        committee = old.get_model("committees", "Committee").objects.create(
            council=council, name="Scrutiny", slug="scrutiny"
        )
        programme = old.get_model("committees", "WorkProgramme").objects.create(
            committee=committee, municipal_year=2023
        )
        theme = old.get_model("committees", "Theme").objects.create(
            programme=programme, name="Children"
        )
        old.get_model("committees", "ThemeTopic").objects.create(theme=theme, text="Schools")
        item = old.get_model("committees", "WorkProgrammeItem").objects.create(
            programme=programme, title="School places", status="scheduled"
        )

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER_THE_MOVE)
        new = executor.loader.project_state(AFTER_THE_MOVE).apps

        moved = new.get_model("workprogramme", "WorkProgrammeItem").objects.get(pk=item.pk)
        assert (moved.title, moved.programme.committee.slug) == ("School places", "scrutiny")
        assert moved.programme.themes.get().topics.get().text == "Schools"
        # The same content types (and so permissions and admin history), renamed to the app.
        assert dict(content_types.filter(app_label="workprogramme")) == kept_types
        assert not content_types.filter(app_label="committees").exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    from workprogramme.models import WorkProgrammeItem

    assert WorkProgrammeItem.objects.get(pk=item.pk).programme.municipal_year == 2023


PLAN_MODELS = [
    "actionplan",
    "raglevel",
    "planaction",
    "milestone",
    "progressupdate",
    "actionplanreport",
]
BEFORE_THE_PLANS_MOVE = [
    ("tracker", "0002_plan_rag_legend_and_reports"),
    ("actionplans", None),
]
AFTER_THE_PLANS_MOVE = [
    ("tracker", "0003_action_plans_moved_out"),
    ("actionplans", "0001_initial"),
]


@pytest.mark.django_db(transaction=True)  # SQLite migrates outside a transaction only
def test_an_action_plan_made_before_it_became_an_app_is_still_there_after():
    """tracker's action plan models moved to actionplans/ with their tables and rows."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    content_types = ContentType.objects.filter(model__in=PLAN_MODELS).values_list("pk", "model")
    kept_types = dict(content_types.filter(app_label="actionplans"))
    assert set(kept_types.values()) == set(PLAN_MODELS)
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE_THE_PLANS_MOVE)
        # Every other app as it is now (the committees and meetings tables are up to date).
        before = [
            node
            for node in executor.loader.graph.leaf_nodes()
            if node[0] not in ("tracker", "actionplans")
        ]
        old = executor.loader.project_state([*before, BEFORE_THE_PLANS_MOVE[0]]).apps
        assert set(content_types.filter(app_label="tracker")) == set(kept_types.items())
        council = old.get_model("committees", "Council").objects.create(name="Somerset", slug="s")
        committee = old.get_model("committees", "Committee").objects.create(
            council=council, name="Scrutiny", slug="scrutiny"
        )
        meeting = old.get_model("meetings", "Meeting").objects.create(
            committee=committee, date=datetime.date(2023, 6, 20), start_time=datetime.time(10)
        )
        document = old.get_model("meetings", "Document").objects.create(
            meeting=meeting, title="SEND plan: progress to May 2023", kind="action_plan"
        )
        plan = old.get_model("tracker", "ActionPlan").objects.create(
            committee=committee, title="SEND plan", slug="send"
        )
        amber = old.get_model("tracker", "RagLevel").objects.create(
            plan=plan, label="Amber", colour="amber", position=2
        )
        action = old.get_model("tracker", "PlanAction").objects.create(
            plan=plan, ref="1.1", text="We will publish the local offer.", rag=amber
        )
        old.get_model("tracker", "Milestone").objects.create(action=action, text="Draft agreed")
        old.get_model("tracker", "ProgressUpdate").objects.create(
            action=action,
            period="May 2023",
            period_start=datetime.date(2023, 5, 1),
            rag=amber,
            text="Drafted.",
        )
        report = old.get_model("tracker", "ActionPlanReport").objects.create(
            plan=plan, document=document, period="May 2023", period_start=datetime.date(2023, 5, 1)
        )

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER_THE_PLANS_MOVE)
        new = executor.loader.project_state(AFTER_THE_PLANS_MOVE).apps

        moved = new.get_model("actionplans", "PlanAction").objects.get(pk=action.pk)
        assert (moved.ref, moved.plan.committee.slug, moved.rag.label) == (
            "1.1",
            "scrutiny",
            "Amber",
        )
        assert moved.milestones.get().text == "Draft agreed"
        assert moved.updates.get().rag_id == amber.pk
        moved_report = new.get_model("actionplans", "ActionPlanReport").objects.get(pk=report.pk)
        assert (moved_report.plan_id, moved_report.document_id) == (plan.pk, document.pk)
        # The same content types (and so permissions and admin history), renamed to the app.
        assert dict(content_types.filter(app_label="actionplans")) == kept_types
        assert not content_types.filter(app_label="tracker").exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    from actionplans.models import ActionPlan

    assert ActionPlan.objects.get(pk=plan.pk).actions.get().updates.get().text == "Drafted."
