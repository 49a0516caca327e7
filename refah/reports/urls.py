from django.urls import path

from refah.reports import views
from refah.reports.booklet import views as booklet_views
from refah.reports.kpi import views as kpi_views
from refah.reports.maps import views as maps_views
from refah.reports.surveys import views as survey_views

app_name = "reports"

urlpatterns = [
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/<str:job_id>/", views.job_detail, name="job_detail"),
    path("jobs/<str:job_id>/file", views.job_download, name="job_download"),
    path("surveys/", survey_views.survey_results, name="survey_results"),
    path("booklet/", booklet_views.booklet, name="booklet"),
    path("risk-map/", maps_views.risk_map_page, name="risk_map"),
    path("risk-map/map.png", maps_views.risk_map_png, name="risk_map_png"),
    path("risk-map/map.pdf", maps_views.risk_map_pdf, name="risk_map_pdf"),
    path("risk-map/report", maps_views.risk_map_job, name="risk_map_job"),
    path("indicators/", kpi_views.dashboard, name="dashboard"),
    path("indicators/targets/", kpi_views.targets, name="kpi_targets"),
    path("indicators/refresh/", kpi_views.refresh, name="kpi_refresh"),
    path("indicators/<str:code>/records/", kpi_views.drilldown, name="kpi_drilldown"),
]
