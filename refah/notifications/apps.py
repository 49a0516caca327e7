from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "refah.notifications"
    label = "notifications"
