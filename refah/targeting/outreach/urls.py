"""Outreach's URL patterns; included by refah.targeting.urls (or config/urls.py) under targeting/outreach/."""

from django.urls import path

from refah.targeting.outreach import views

app_name = "outreach"
urlpatterns = [
    path("", views.home, name="home"),
    path("gap/", views.gap, name="gap"),
    path("calls/", views.call_list, name="call_list"),
    path("calls.csv", views.call_list_csv, name="call_list_csv"),
]
