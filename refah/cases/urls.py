from django.urls import path

from refah.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.application_new, name="application_new"),
    path("<uuid:application_id>/", views.case_detail, name="case_detail"),
    path("<uuid:application_id>/do/<slug:action>/", views.case_action, name="case_action"),
    path("<uuid:application_id>/documents/", views.document_add, name="document_add"),
    path("<uuid:application_id>/report.pdf", views.case_report, name="case_report"),
    path("documents/<uuid:document_id>/", views.document_download, name="document_download"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/<uuid:visit_id>/", views.visit_form, name="visit_form"),
]
