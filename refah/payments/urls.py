from django.urls import path

from refah.payments import views

app_name = "payments"

urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("cycles/<uuid:cycle_id>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<uuid:cycle_id>/compute/", views.cycle_run, name="cycle_compute"),
    path("cycles/<uuid:cycle_id>/batches/", views.batch_new, name="batch_create"),
    path("batches/<uuid:batch_id>/", views.batch_detail, name="batch_detail"),
    path("batches/<uuid:batch_id>/approve/", views.batch_ok, name="batch_approve"),
    path("batches/<uuid:batch_id>/export.<str:fmt>", views.batch_file, name="batch_export"),
    path("batches/<uuid:batch_id>/answer/", views.batch_answer, name="batch_answer"),
    path("stock/", views.stock, name="stock"),
    path("stock/<uuid:warehouse_id>/", views.warehouse_detail, name="warehouse_detail"),
]
