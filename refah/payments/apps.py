from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "refah.payments"
    label = "payments"
