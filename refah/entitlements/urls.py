from django.urls import path

from refah.entitlements import views

app_name = "entitlements"

urlpatterns = [
    path("", views.home, name="home"),
    path("records/new/", views.record_create, name="record_create"),
    path("records/<str:record_id>/", views.record, name="record"),
    path("entitlements/<str:entitlement_id>/use/", views.entitlement_use, name="entitlement_use"),
    path("entitlements/<str:entitlement_id>/revoke/", views.entitlement_revoke, name="entitlement_revoke"),
    path("entitlements/<str:entitlement_id>/refer/", views.entitlement_refer, name="entitlement_refer"),
    path("cards/", views.card_list, name="card_list"),
    path("cards/issue/", views.cards_issue, name="cards_issue"),
    path("cards/<str:card_id>/", views.card, name="card"),
    path("cards/<str:card_id>/deliver/", views.card_deliver, name="card_deliver"),
    path("cards/<str:card_id>/replace/", views.card_replace, name="card_replace"),
    path("cards/<str:card_id>/cancel/", views.card_cancel, name="card_cancel"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/<str:batch_id>/", views.batch, name="batch"),
    path("batches/<str:batch_id>/printed/", views.batch_printed, name="batch_printed"),
    path("batches/<str:batch_id>/cards.pdf", views.batch_pdf, name="batch_pdf"),
    path("batches/<str:batch_id>/cards.csv", views.batch_csv, name="batch_csv"),
]
