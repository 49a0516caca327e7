from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "refah.committees"
    label = "committees"
