"""
The work programme became an app of its own (workprogramme/). Its models leave the
committees app's state only: their tables stay, and workprogramme's first migration
takes them over as they are.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('committees', '0003_officer_roles_and_front_sheet_texts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='WorkProgrammeItem'),
                migrations.DeleteModel(name='ThemeTopic'),
                migrations.DeleteModel(name='Theme'),
                migrations.DeleteModel(name='WorkProgramme'),
            ],
            database_operations=[],
        ),
    ]
