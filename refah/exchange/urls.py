from django.urls import path

from refah.exchange import views

app_name = "exchange"

urlpatterns = [
    path("households/<str:household_id>/", views.household_sources, name="household_sources"),
    path("households/<str:household_id>/panel/", views.household_panel, name="household_panel"),
    path("households/<str:household_id>/refresh/", views.household_refresh, name="household_refresh"),
    path("discrepancies/<str:discrepancy_id>/resolve/", views.discrepancy_resolve, name="discrepancy_resolve"),
]
