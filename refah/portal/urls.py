from django.urls import path

from refah.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("apply/", views.apply, name="apply"),
    path("applications/<str:application_id>/", views.application, name="application"),
    path("applications/<str:application_id>/documents/", views.document_add, name="document_add"),
    path("applications/<str:application_id>/objection/", views.objection_add, name="objection_add"),
    path("applications/<str:application_id>/survey/", views.survey, name="survey"),
    path("documents/<str:document_id>/", views.document_download, name="document_download"),
    path("decisions/<str:decision_id>/", views.decision, name="decision"),
    path("work/", views.work, name="work"),
    path("work/offers/<str:offer_id>/", views.offer_answer, name="offer_answer"),
    path("work/sanctions/<str:sanction_id>/objection/", views.sanction_objection, name="sanction_objection"),
]
