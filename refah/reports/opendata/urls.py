"""Public open-data pages (no sign-in), mounted at /open-data/."""

from django.urls import path

from refah.reports.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("how-aid-is-decided/", views.how_aid_is_decided, name="how_aid_is_decided"),
    path("<slug:code>/", views.dataset_page, name="dataset"),
    path("<slug:code>.<str:fmt>", views.download, name="download"),
]
