from django.urls import path

from refah.aidrecords import views

app_name = "aidrecords"

urlpatterns = [
    path("", views.record_list, name="record_list"),
    path("upload/", views.upload, name="upload"),
    path("upload/template.csv", views.upload_template, name="upload_template"),
    path("uploads/<str:batch_id>/", views.batch_report, name="batch_report"),
    path("households/<str:household_id>/", views.household_aid, name="household_aid"),
    path("duplicates/", views.flag_list, name="flag_list"),
    path("duplicates/<str:flag_id>/", views.flag_detail, name="flag_detail"),
]
