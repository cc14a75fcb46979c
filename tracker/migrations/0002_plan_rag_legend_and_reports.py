import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

RAG = [("Red", "red"), ("Amber", "amber"), ("Green", "green")]


def legend_from_colours(apps, schema_editor):
    """Each plan gets the Red / Amber / Green legend its old colour values meant."""
    ActionPlan = apps.get_model("tracker", "ActionPlan")
    RagLevel = apps.get_model("tracker", "RagLevel")
    PlanAction = apps.get_model("tracker", "PlanAction")
    ProgressUpdate = apps.get_model("tracker", "ProgressUpdate")
    for plan in ActionPlan.objects.all():
        levels = {
            colour: RagLevel.objects.create(
                plan=plan, label=label, colour=colour, position=position
            )
            for position, (label, colour) in enumerate(RAG, start=1)
        }
        for action in PlanAction.objects.filter(plan=plan).exclude(rag=""):
            action.rag_level = levels.get(action.rag)
            action.save(update_fields=["rag_level"])
        for update in ProgressUpdate.objects.filter(action__plan=plan).exclude(rag=""):
            update.rag_level = levels.get(update.rag)
            update.save(update_fields=["rag_level"])


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0004_standard_item_paper_kind"),
        ("tracker", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RagLevel",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("label", models.CharField(max_length=60)),
                ("colour", models.CharField(choices=[("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("blue", "Blue")], max_length=5)),
                ("definition", models.CharField(blank=True, max_length=300)),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("plan", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="rag_levels", to="tracker.actionplan")),
            ],
            options={
                "verbose_name": "RAG level",
                "ordering": ["plan", "position", "pk"],
                "constraints": [models.UniqueConstraint(fields=("plan", "label"), name="unique_rag_label_per_plan")],
            },
        ),
        migrations.AddField(
            model_name="planaction",
            name="rag_level",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="tracker.raglevel"),
        ),
        migrations.AddField(
            model_name="progressupdate",
            name="rag_level",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="tracker.raglevel"),
        ),
        migrations.RunPython(legend_from_colours, migrations.RunPython.noop),
        migrations.RemoveField(model_name="planaction", name="rag"),
        migrations.RemoveField(model_name="progressupdate", name="rag"),
        migrations.RenameField(model_name="planaction", old_name="rag_level", new_name="rag"),
        migrations.RenameField(model_name="progressupdate", old_name="rag_level", new_name="rag"),
        migrations.AlterField(
            model_name="planaction",
            name="rag",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="tracker.raglevel", verbose_name="action RAG"),
        ),
        migrations.CreateModel(
            name="ActionPlanReport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("period", models.CharField(max_length=40)),
                ("period_start", models.DateField()),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("document", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="action_plan_report", to="meetings.document")),
                ("plan", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="reports", to="tracker.actionplan")),
            ],
            options={
                "ordering": ["plan", "-period_start", "-pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="planaction",
            constraint=models.UniqueConstraint(fields=("plan", "ref"), name="unique_action_number_per_plan"),
        ),
        migrations.AlterField(
            model_name='actionplan',
            name='slug',
            field=models.SlugField(help_text="Used in the plan's web address.", unique=True),
        ),
        migrations.AlterField(
            model_name='milestone',
            name='is_done',
            field=models.BooleanField(default=False, verbose_name='done'),
        ),
        migrations.AlterField(
            model_name='milestone',
            name='text',
            field=models.TextField(verbose_name='milestone'),
        ),
        migrations.AlterField(
            model_name='planaction',
            name='kpis',
            field=models.TextField(blank=True, help_text='As written; a number in it is kept.', verbose_name='KPIs'),
        ),
        migrations.AlterField(
            model_name='planaction',
            name='lead_officer',
            field=models.CharField(blank=True, max_length=300, verbose_name='responsible officer'),
        ),
        migrations.AlterField(
            model_name='planaction',
            name='ref',
            field=models.CharField(help_text='As printed: "1.1", "2.4".', max_length=10, verbose_name='number'),
        ),
        migrations.AlterField(
            model_name='planaction',
            name='text',
            field=models.TextField(help_text='Usually starts "We will …".', verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='progressupdate',
            name='text',
            field=models.TextField(verbose_name='progress'),
        ),
    ]
