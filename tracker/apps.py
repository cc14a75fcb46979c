from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Outcome tracker"

    def ready(self):
        from . import papers  # noqa: F401  (registers the outcome tracker renderer)
