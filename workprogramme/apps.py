from django.apps import AppConfig


class WorkProgrammeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workprogramme"
    verbose_name = "Work programmes"

    def ready(self):
        from meetings import page_sections

        from . import (
            papers,  # noqa: F401  (registers the work programme paper)
            sections,
        )

        page_sections.register_section(
            page_sections.AGENDA_EDITOR_END, sections.planned_items, app=self.name
        )
        page_sections.register_dashboard_link(
            app=self.name,
            annotate=sections.with_work_programme,
            link=sections.work_programme_link,
        )
