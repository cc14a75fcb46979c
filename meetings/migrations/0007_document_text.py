from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0006_meeting_notice_and_postponed'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='text',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='document',
            name='text_status',
            field=models.CharField(choices=[('pending', 'Not read yet'), ('extracted', 'Text read'), ('no_text', 'No text found (a scanned PDF?)'), ('failed', 'Could not be read')], default='pending', editable=False, max_length=10),
        ),
    ]
