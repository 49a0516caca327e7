from django.urls import path

from refah.shelters import views

app_name = "shelters"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/<uuid:unit_id>/", views.unit, name="unit"),
    path("units/<uuid:unit_id>/address/", views.unit_address, name="unit_address"),
    path("units/<uuid:unit_id>/audit/", views.unit_audit, name="unit_audit"),
    path("units/<uuid:unit_id>/intake/", views.intake, name="intake"),
    path("cases/<uuid:case_id>/", views.case, name="case"),
    path("cases/<uuid:case_id>/notes/", views.note_add, name="note_add"),
    path("cases/<uuid:case_id>/risk/", views.case_risk, name="case_risk"),
    path("cases/<uuid:case_id>/orders/", views.order_add, name="order_add"),
    path("cases/<uuid:case_id>/stays/", views.stay_add, name="stay_add"),
    path("cases/<uuid:case_id>/referrals/", views.referral_add, name="referral_add"),
    path("cases/<uuid:case_id>/close/", views.case_close, name="case_close"),
    path("stays/<uuid:stay_id>/end/", views.stay_end, name="stay_end"),
    path("alerts/<uuid:alert_id>/read/", views.alert_read, name="alert_read"),
    path("break-glass/", views.break_glass, name="break_glass"),
    path("naming/", views.naming, name="naming"),
    path("naming/units/", views.unit_create, name="unit_create"),
    path("naming/units/<uuid:unit_id>/members/", views.member_add, name="member_add"),
    path("naming/members/<uuid:member_id>/end/", views.member_end, name="member_end"),
]
