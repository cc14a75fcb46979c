from django.apps import AppConfig


class PacksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "packs"
    verbose_name = "Agenda packs"

    def ready(self):
        """What packs show on meetings' pages and dashboard, through meetings' contracts."""
        from meetings import pack_state, page_sections

        from .status import pack_states
        from .templatetags import packs as tags

        pack_state.register(pack_states, app=self.name)
        page_sections.register_section(
            page_sections.MEETING_PAGE, tags.meeting_page_panel, app=self.name, order=10
        )
        page_sections.register_section(
            page_sections.AGENDA_EDITOR, tags.agenda_editor_panel, app=self.name, order=10
        )
        page_sections.register_agenda_notes(
            app=self.name,
            for_meeting=tags.page_ranges_for,
            title_note=tags.page_range_note,
            order=20,
        )
