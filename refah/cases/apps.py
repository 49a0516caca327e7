from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "refah.cases"
    label = "cases"
