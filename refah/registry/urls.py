from django.urls import path

from refah.registry import views, views_import

app_name = "registry"

urlpatterns = [
    path("", views.household_search, name="household_search"),
    path("import/", views_import.import_upload, name="import_upload"),
]
