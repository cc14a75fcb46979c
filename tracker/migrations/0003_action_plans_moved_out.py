"""
Action plans became an app of their own (actionplans/). Their models leave the tracker
app's state only: their tables stay, and actionplans' first migration takes them over as
they are.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('tracker', '0002_plan_rag_legend_and_reports'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='ActionPlanReport'),
                migrations.DeleteModel(name='ProgressUpdate'),
                migrations.DeleteModel(name='Milestone'),
                migrations.DeleteModel(name='PlanAction'),
                migrations.DeleteModel(name='RagLevel'),
                migrations.DeleteModel(name='ActionPlan'),
            ],
            database_operations=[],
        ),
    ]
