from django.apps import AppConfig


class AidcardConfig(AppConfig):
    name = "refah.aidcard"
    label = "aidcard"
