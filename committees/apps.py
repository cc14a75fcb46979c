from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = "Councils and committees"
