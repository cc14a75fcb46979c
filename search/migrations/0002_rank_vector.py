import django.contrib.postgres.search
from django.db import migrations

# lz4 (PostgreSQL 14 and later, where built with it) reads the large vectors of long papers
# several times faster than the default pglz; where it is missing, the default stays.
LZ4 = """
DO $$ BEGIN
    ALTER TABLE search_searchentry ALTER COLUMN vector SET COMPRESSION lz4;
EXCEPTION WHEN others THEN NULL;
END $$;
"""


def faster_compression(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(LZ4)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchentry',
            name='rank_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(faster_compression, migrations.RunPython.noop, elidable=False),
    ]
