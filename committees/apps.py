from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = "Councils and committees"

    def ready(self):
        from . import roles  # noqa: F401  (registers the permissions)
