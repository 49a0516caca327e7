from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "refah.common"
    label = "common"

    def ready(self) -> None:
        from refah.common import db  # noqa: F401  (registers SQLite functions)
