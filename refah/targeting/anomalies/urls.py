"""Anomalies' URL patterns; included by refah.targeting.urls (or config/urls.py) under targeting/anomalies/."""

from django.urls import path

from refah.targeting.anomalies import views

app_name = "anomalies"
urlpatterns = [
    path("", views.flag_list, name="list"),
    path("<str:flag_id>/", views.flag_detail, name="detail"),
]
