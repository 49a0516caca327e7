from django.urls import path

from refah.audit import views_access

app_name = "access"

urlpatterns = [
    path("", views_access.access_lookup, name="lookup"),
    path("flags/", views_access.access_flags, name="flags"),
    path("flags/<int:user_id>/", views_access.access_reader, name="reader"),
]
