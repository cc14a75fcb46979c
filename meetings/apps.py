from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and agendas"

    def ready(self):
        from committees import committee_page as committees_page

        from . import committee_page

        committees_page.register(
            app=self.name,
            context=committee_page.context,
            fingerprint=committee_page.meetings_fingerprint,
        )
