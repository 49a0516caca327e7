from django.urls import path

from refah.asdep import views

app_name = "asdep"

urlpatterns = [
    path("", views.home, name="home"),
    path("rounds/new/", views.round_plan, name="round_plan"),
    path("rounds/<str:round_id>/", views.round_detail, name="round_detail"),
    path("proposals/", views.proposals, name="proposals"),
    path("visits/<str:visit_id>/", views.visit_detail, name="visit_detail"),
    path("visits/<str:visit_id>/record/", views.visit_form, name="visit_form"),
    path("households/<str:household_id>/", views.household_profile, name="household_profile"),
]
