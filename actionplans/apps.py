from django.apps import AppConfig


class ActionPlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actionplans"
    verbose_name = "Action plans"

    def ready(self):
        from tracker import page_sections

        from . import (
            papers,  # noqa: F401  (registers the action plan progress paper)
            sections,
        )

        page_sections.register_section(sections.tracker_link, app=self.name)
