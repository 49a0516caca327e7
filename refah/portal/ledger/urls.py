"""The public ledger page (no login), mounted at /ledger/."""

from django.urls import path

from refah.portal.ledger import views

app_name = "ledger"

urlpatterns = [
    path("", views.ledger_page, name="ledger"),
]
