from django.urls import path

from refah.employment import views

app_name = "employment"

urlpatterns = [
    path("", views.home, name="home"),
    path("persons/<str:person_id>/", views.person, name="person"),
    path("persons/<str:person_id>/refer/", views.refer, name="refer"),
    path("referrals/<str:referral_id>/sync/", views.referral_sync, name="referral_sync"),
    path("referrals/<str:referral_id>/close/", views.referral_close, name="referral_close"),
    path("referrals/<str:referral_id>/offers/new/", views.offer_add, name="offer_add"),
    path("referrals/<str:referral_id>/placements/new/", views.placement_add, name="placement_add"),
    path("offers/<str:offer_id>/", views.offer, name="offer"),
    path("placements/<str:placement_id>/end/", views.placement_end, name="placement_end"),
    path("sanctions/<str:sanction_id>/", views.sanction, name="sanction"),
    path("households/<str:household_id>/", views.household_panel, name="household_panel"),
]
