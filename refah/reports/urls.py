from django.urls import path

from refah.reports import views
from refah.reports.booklet import views as booklet_views
from refah.reports.surveys import views as survey_views

app_name = "reports"

urlpatterns = [
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/<str:job_id>/", views.job_detail, name="job_detail"),
    path("jobs/<str:job_id>/file", views.job_download, name="job_download"),
    path("surveys/", survey_views.survey_results, name="survey_results"),
    path("booklet/", booklet_views.booklet, name="booklet"),
]
