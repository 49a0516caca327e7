from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "refah.portal"
    label = "portal"
