import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

GIN_INDEX = "search_entry_vector_gin"


def add_gin_index(apps, schema_editor):
    """PostgreSQL only: SQLite has no GIN index (and its fallback search needs none)."""
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name("search_searchentry")
        schema_editor.execute(f"CREATE INDEX {GIN_INDEX} ON {table} USING gin (vector)")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('committees', '0003_officer_roles_and_front_sheet_texts'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('group', models.CharField(help_text='What is rebuilt together: "meeting:12", "committee:3", "plan:5".', max_length=40)),
                ('kind', models.CharField(choices=[('meeting', 'Meeting'), ('item', 'Agenda item'), ('paper', 'Paper'), ('minute', 'Minutes'), ('decision', 'Decision'), ('tracker', 'Tracker entry'), ('work-programme', 'Work programme item'), ('action-plan', 'Action plan')], max_length=20)),
                ('object_id', models.PositiveIntegerField()),
                ('date', models.DateField(blank=True, null=True)),
                ('title', models.CharField(max_length=600)),
                ('body', models.TextField(blank=True, help_text='Plain text; a paper\'s pages end in form feeds.')),
                ('url', models.CharField(max_length=600)),
                ('is_published', models.BooleanField()),
                ('is_restricted', models.BooleanField()),
                ('pack_url', models.CharField(blank=True, max_length=600)),
                ('pack_first_page', models.PositiveIntegerField(blank=True, null=True)),
                ('vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('committee', models.ForeignKey(blank=True, help_text="The thing's access_committee; empty for an action plan reported to none.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='committees.committee')),
            ],
            options={
                'verbose_name_plural': 'search entries',
                'indexes': [models.Index(fields=['group'], name='search_sear_group_5db8fd_idx'), models.Index(fields=['committee', 'date'], name='search_sear_committ_82f790_idx')],
            },
        ),
        migrations.RunPython(add_gin_index, drop_gin_index, elidable=False),
    ]
