from django.urls import path

from refah.eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("programs/<str:code>/", views.program_detail, name="program_detail"),
    path("parameters/<str:name>/propose/", views.parameter_propose, name="parameter_propose"),
    path("parameters/values/<uuid:value_id>/decide/", views.parameter_decide, name="parameter_decide"),
    path("custom/", views.custom_programs, name="custom_programs"),
    path("custom/<uuid:program_id>/decide/", views.custom_decide, name="custom_decide"),
    path("households/<str:household_id>/", views.household_determinations, name="household_determinations"),
    path("simulate/", views.simulate_page, name="simulate"),
]
