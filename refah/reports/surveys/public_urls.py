"""The survey's public pages, mounted at /survey/ (the SMS link's short address)."""

from django.urls import path

from refah.reports.surveys import views

app_name = "survey"

urlpatterns = [
    path("thanks/", views.survey_thanks, name="thanks"),
    path("<str:token>/", views.survey_answer, name="answer"),
]
