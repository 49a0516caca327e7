from django.urls import path

from refah.aidcard import views

app_name = "aidcard"

urlpatterns = [
    path("households/<str:household_id>/", views.household_card, name="household_card"),
    path("households/<str:household_id>/issue/", views.card_issue, name="card_issue"),
    path("households/<str:household_id>/block/", views.card_block, name="card_block"),
    path("households/<str:household_id>/replace/", views.card_replace, name="card_replace"),
    path("households/<str:household_id>/unblock-pin/", views.card_pin_unblock, name="card_pin_unblock"),
    path("merchants/", views.merchant_list, name="merchant_list"),
    path("merchants/<str:merchant_id>/", views.merchant_detail, name="merchant_detail"),
    path(
        "merchants/<str:merchant_id>/terminals/<str:terminal_id>/deactivate/",
        views.terminal_deactivate,
        name="terminal_deactivate",
    ),
    path("merchants/<str:merchant_id>/stock/", views.market_stock, name="market_stock"),
    path("merchants/<str:merchant_id>/checkout/", views.market_checkout, name="market_checkout"),
    path("merchants/<str:merchant_id>/receipts/<str:receipt_id>/", views.receipt_detail, name="receipt_detail"),
]
