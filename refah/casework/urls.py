from django.urls import path

from refah.casework import views

app_name = "casework"

urlpatterns = [
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<str:referral_id>/", views.referral_detail, name="referral_detail"),
    path("households/<str:household_id>/", views.household_panel, name="household_panel"),
    path("households/<str:household_id>/refer/", views.refer, name="refer"),
    path("households/<str:household_id>/cases/new/", views.case_open, name="case_open"),
    path("services/", views.service_list, name="service_list"),
    path("services/new/", views.service_add, name="service_add"),
    path("services/<str:service_id>/edit/", views.service_edit, name="service_edit"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<str:case_id>/", views.case_detail, name="case_detail"),
    path("caseload/", views.caseload, name="caseload"),
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/new/", views.programme_add, name="programme_add"),
    path("programmes/<str:programme_id>/", views.programme_detail, name="programme_detail"),
    path("programmes/<str:programme_id>/enrol/", views.enrol, name="enrol"),
]
