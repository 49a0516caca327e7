from django.urls import path

from refah.registry.access_log import views

app_name = "access"

urlpatterns = [
    path("", views.access_lookup, name="lookup"),
    path("flags/", views.access_flags, name="flags"),
    path("flags/<int:user_id>/", views.access_reader, name="reader"),
]
