"""
The work programme's models, moved here from the committees app with their tables and rows
(committees 0004 took them out of its state only): the tables keep their names
(committees_workprogramme...), so nothing is created or copied; the content types (and so
the permissions and admin history pointing at them) are renamed to this app.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["workprogramme", "theme", "themetopic", "workprogrammeitem"]


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
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Theme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200)),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'committees_theme',
                        'ordering': ['programme', 'position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ThemeTopic',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.CharField(max_length=300)),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('theme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='topics', to='workprogramme.theme')),
                    ],
                    options={
                        'db_table': 'committees_themetopic',
                        'ordering': ['theme', 'position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='WorkProgramme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('municipal_year', models.PositiveSmallIntegerField(help_text='The year it starts: 2023 for 2023 - 2024.')),
                        ('title', models.CharField(blank=True, help_text="As printed; empty for the committee's name and the year.", max_length=300)),
                        ('note', models.TextField(blank=True, help_text='Printed at the end, e.g. how to propose items.')),
                        ('committee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='work_programmes', to='committees.committee')),
                    ],
                    options={
                        'db_table': 'committees_workprogramme',
                        'ordering': ['committee', '-municipal_year'],
                    },
                ),
                migrations.AddField(
                    model_name='theme',
                    name='programme',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='themes', to='workprogramme.workprogramme'),
                ),
                migrations.CreateModel(
                    name='WorkProgrammeItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('section', models.CharField(choices=[('meeting', 'At a meeting'), ('outstanding', 'Outstanding from last year'), ('workshop', 'Workshop'), ('to_be_scheduled', 'To be scheduled')], default='to_be_scheduled', max_length=20)),
                        ('group_heading', models.CharField(blank=True, help_text='For workshops and outstanding items, e.g. "Possible workshop with Adults & Health Scrutiny".', max_length=200)),
                        ('title', models.CharField(max_length=500)),
                        ('service_area', models.CharField(blank=True, max_length=200)),
                        ('lead_officer', models.CharField(blank=True, max_length=300)),
                        ('purpose', models.TextField(blank=True)),
                        ('forward_plan_ref', models.CharField(blank=True, help_text='A key decision on the Forward Plan, e.g. "FP/18/01/05".', max_length=60)),
                        ('status', models.CharField(choices=[('proposed', 'Proposed'), ('scheduled', 'Scheduled'), ('deferred', 'Deferred'), ('completed', 'Completed'), ('dropped', 'Declined or dropped')], default='scheduled', max_length=10)),
                        ('proposed_by_name', models.CharField(blank=True, max_length=200)),
                        ('proposed_at', models.DateTimeField(blank=True, null=True)),
                        ('decision_reason', models.TextField(blank=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('agenda_item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='work_programme_items', to='meetings.agendaitem')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='meetings.meeting')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='workprogramme.workprogramme')),
                        ('proposed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'committees_workprogrammeitem',
                        'ordering': ['programme', 'position', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='workprogramme',
                    constraint=models.UniqueConstraint(fields=('committee', 'municipal_year'), name='one_work_programme_per_year'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            content_types_to("committees", "workprogramme"),
            content_types_to("workprogramme", "committees"),
        ),
    ]
