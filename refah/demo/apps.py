from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "refah.demo"
    label = "demo"
