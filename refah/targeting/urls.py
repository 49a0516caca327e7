from django.urls import path

from refah.targeting import views

app_name = "targeting"

urlpatterns = [
    path("", views.home, name="home"),
    path("models/<str:model_id>/", views.model_detail, name="model_detail"),
    path("models/<str:model_id>/approve", views.model_approve, name="model_approve"),
    path("models/<str:model_id>/retire", views.model_retire, name="model_retire"),
    path("runs/", views.run_start, name="run_start"),
    path("households/", views.household_lookup, name="household_lookup"),
    path("households/<str:household_id>/", views.household_proposal, name="household"),
]
