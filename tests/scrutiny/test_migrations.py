"""
Every model change has its migration (the same check `make test` runs before pytest), and
the migrations that move models between apps keep their rows.
"""

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
