from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "E-mail alerts"

    def ready(self):
        from . import receivers  # noqa: F401  (connects to the publishing apps' signals)
