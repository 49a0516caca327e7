from django.urls import path

from refah.care import views

app_name = "care"

urlpatterns = [
    path("", views.home, name="home"),
    path("priority/", views.priority, name="priority"),
    path("waiting/", views.waiting, name="waiting"),
    path("institutions/new/", views.institution_add, name="institution_add"),
    path("institutions/<str:institution_id>/", views.institution, name="institution"),
    path("institutions/<str:institution_id>/edit/", views.institution_edit, name="institution_edit"),
    path("institutions/<str:institution_id>/place/", views.place, name="place"),
    path("placements/<str:placement_id>/discharge/", views.discharge, name="discharge"),
    path("households/<str:household_id>/waiting/new/", views.waiting_add, name="waiting_add"),
    path("entries/<str:entry_id>/", views.entry, name="entry"),
    path("children/", views.children, name="children"),
    path("children/<str:person_id>/", views.child, name="child"),
    path("households/<str:household_id>/decisions/new/", views.decision_add, name="decision_add"),
    path("decisions/<str:decision_id>/close/", views.decision_close, name="decision_close"),
    path("households/<str:household_id>/foster/new/", views.foster_family_add, name="foster_family_add"),
    path("foster/<str:family_id>/", views.foster_family, name="foster_family"),
    path("foster-placements/<str:placement_id>/end/", views.foster_end, name="foster_end"),
    path("creche/", views.creche, name="creche"),
    path("creche-places/<str:allocation_id>/end/", views.creche_end, name="creche_end"),
    path("adoptions/<str:record_id>/", views.adoption, name="adoption"),
]
