"""The public screener (no login), mounted at /screener/."""

from django.urls import path

from refah.eligibility import views

app_name = "screener"

urlpatterns = [
    path("", views.screener_page, name="screener"),
    path("member-row/", views.screener_member_row, name="member_row"),
    path("districts/", views.screener_districts, name="districts"),
]
