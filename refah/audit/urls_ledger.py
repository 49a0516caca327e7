"""The public ledger page (no login), mounted at /ledger/."""

from django.urls import path

from refah.audit import views_ledger

app_name = "ledger"

urlpatterns = [
    path("", views_ledger.ledger_page, name="ledger"),
]
