from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "refah.common"
    label = "common"

    def ready(self) -> None:
        from refah.common import db, sql  # noqa: F401  (SQLite functions; prepared statements on PostgreSQL)
