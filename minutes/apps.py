from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = "Minutes"

    def ready(self):
        from meetings import page_sections

        from . import papers  # noqa: F401  (registers the minutes renderer)
        from .templatetags import minutes_tags as tags

        # On the meeting page (meetings/page_sections.py): the minutes panel after the pack
        # panel, and under each agenda item its minutes, decisions and outcomes.
        page_sections.register_section(
            page_sections.MEETING_PAGE, tags.meeting_page_minutes, app=self.name, order=20
        )
        page_sections.register_agenda_notes(
            app=self.name,
            for_meeting=tags.agenda_outcomes,
            after_item=tags.item_outcome,
            order=10,
        )
