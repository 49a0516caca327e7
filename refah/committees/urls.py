from django.urls import path

from refah.committees import views, views_admin

app_name = "committees"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<str:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<str:meeting_id>/agenda/", views.agenda_build, name="agenda_build"),
    path("meetings/<str:meeting_id>/open/", views.meeting_open, name="meeting_open"),
    path("meetings/<str:meeting_id>/close/", views.meeting_close, name="meeting_close"),
    path("meetings/<str:meeting_id>/minutes.pdf", views.minutes_download, name="minutes"),
    path("items/<str:item_id>/recusals/", views.recusal_declare, name="recusal_declare"),
    path("items/<str:item_id>/votes/", views.vote_cast, name="vote_cast"),
    path("items/<str:item_id>/decision/", views.item_decide, name="item_decide"),
    path("deviation/", views.deviation_report, name="deviation"),
    path("admin/", views_admin.committee_admin_list, name="committee_admin_list"),
    path("admin/new/", views_admin.committee_admin_create, name="committee_admin_create"),
    path("admin/<str:committee_id>/", views_admin.committee_admin_detail, name="committee_admin_detail"),
    path("admin/<str:committee_id>/members/", views_admin.committee_member_add, name="committee_member_add"),
    path(
        "admin/<str:committee_id>/members/<str:member_id>/end/",
        views_admin.committee_member_end,
        name="committee_member_end",
    ),
]
