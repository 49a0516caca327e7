from django.urls import path

from refah.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.household_search, name="household_search"),
]
