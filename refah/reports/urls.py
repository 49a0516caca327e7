from django.urls import path

from refah.reports import views
from refah.reports.kpi import views as kpi_views

app_name = "reports"

urlpatterns = [
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/<str:job_id>/", views.job_detail, name="job_detail"),
    path("jobs/<str:job_id>/file", views.job_download, name="job_download"),
    path("indicators/", kpi_views.dashboard, name="dashboard"),
    path("indicators/targets/", kpi_views.targets, name="kpi_targets"),
    path("indicators/refresh/", kpi_views.refresh, name="kpi_refresh"),
    path("indicators/<str:code>/records/", kpi_views.drilldown, name="kpi_drilldown"),
]
