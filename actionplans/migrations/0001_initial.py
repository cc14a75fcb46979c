"""
The action plans' models, moved here from the tracker app with their tables and rows
(tracker 0003 took them out of its state only): the tables keep their names
(tracker_actionplan...), so nothing is created or copied; the content types (and so the
permissions and admin history pointing at them) are renamed to this app.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ["actionplan", "raglevel", "planaction", "milestone", "progressupdate", "actionplanreport"]


def content_types_to(old_label, new_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in MODELS:
            if ContentType.objects.using(db).filter(app_label=new_label, model=model).exists():
                continue  # already there (made by a run that never had the old ones)
            ContentType.objects.using(db).filter(app_label=old_label, model=model).update(
                app_label=new_label
            )
        ContentType.objects.clear_cache()

    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('committees', '0004_work_programme_moved_out'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('meetings', '0010_document_is_tagged'),
        ('tracker', '0003_action_plans_moved_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ActionPlan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=300)),
                        ('slug', models.SlugField(help_text="Used in the plan's web address.", unique=True)),
                        ('local_area', models.CharField(blank=True, max_length=200)),
                        ('summary', models.TextField(blank=True)),
                        ('committee', models.ForeignKey(blank=True, help_text='The committee its progress is reported to.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='action_plans', to='committees.committee')),
                    ],
                    options={
                        'db_table': 'tracker_actionplan',
                        'ordering': ['title'],
                    },
                ),
                migrations.CreateModel(
                    name='ActionPlanReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('period', models.CharField(max_length=40)),
                        ('period_start', models.DateField()),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('document', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='action_plan_report', to='meetings.document')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='actionplans.actionplan')),
                    ],
                    options={
                        'db_table': 'tracker_actionplanreport',
                        'ordering': ['plan', '-period_start', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='PlanAction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('ref', models.CharField(help_text='As printed: "1.1", "2.4".', max_length=10, verbose_name='number')),
                        ('area', models.CharField(blank=True, help_text='The area of weakness it addresses.', max_length=500)),
                        ('text', models.TextField(help_text='Usually starts "We will …".', verbose_name='action')),
                        ('by_when', models.CharField(blank=True, help_text='As written: "April 2024".', max_length=100)),
                        ('lead_officer', models.CharField(blank=True, max_length=300, verbose_name='responsible officer')),
                        ('kpis', models.TextField(blank=True, help_text='As written; a number in it is kept.', verbose_name='KPIs')),
                        ('kpi_number', models.DecimalField(blank=True, decimal_places=3, help_text='Read from the KPI text.', max_digits=14, null=True)),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='actionplans.actionplan')),
                    ],
                    options={
                        'db_table': 'tracker_planaction',
                        'ordering': ['plan', 'position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Milestone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name='milestone')),
                        ('by_when', models.CharField(blank=True, max_length=100)),
                        ('responsible', models.CharField(blank=True, max_length=300)),
                        ('is_done', models.BooleanField(default=False, verbose_name='done')),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='actionplans.planaction')),
                    ],
                    options={
                        'db_table': 'tracker_milestone',
                        'ordering': ['action', 'position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='RagLevel',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('label', models.CharField(max_length=60)),
                        ('colour', models.CharField(choices=[('red', 'Red'), ('amber', 'Amber'), ('green', 'Green'), ('blue', 'Blue')], max_length=5)),
                        ('definition', models.CharField(blank=True, max_length=300)),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rag_levels', to='actionplans.actionplan')),
                    ],
                    options={
                        'verbose_name': 'RAG level',
                        'db_table': 'tracker_raglevel',
                        'ordering': ['plan', 'position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ProgressUpdate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('period', models.CharField(help_text='The reporting period, e.g. "May 2023".', max_length=40)),
                        ('period_start', models.DateField(help_text='The first day of the period, to order updates.')),
                        ('text', models.TextField(verbose_name='progress')),
                        ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='actionplans.planaction')),
                        ('rag', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='actionplans.raglevel')),
                    ],
                    options={
                        'db_table': 'tracker_progressupdate',
                        'ordering': ['action', 'period_start', 'pk'],
                    },
                ),
                migrations.AddField(
                    model_name='planaction',
                    name='rag',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='actionplans.raglevel', verbose_name='action RAG'),
                ),
                migrations.AddConstraint(
                    model_name='raglevel',
                    constraint=models.UniqueConstraint(fields=('plan', 'label'), name='unique_rag_label_per_plan'),
                ),
                migrations.AddConstraint(
                    model_name='progressupdate',
                    constraint=models.UniqueConstraint(fields=('action', 'period_start'), name='one_update_per_period'),
                ),
                migrations.AddConstraint(
                    model_name='planaction',
                    constraint=models.UniqueConstraint(fields=('plan', 'ref'), name='unique_action_number_per_plan'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            content_types_to("tracker", "actionplans"),
            content_types_to("actionplans", "tracker"),
        ),
    ]
