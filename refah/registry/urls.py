from django.urls import path

from refah.registry import views_import
from refah.registry.views import finance, household, members, merges, search

app_name = "registry"

urlpatterns = [
    path("", search.household_search, name="household_search"),
    path("households/new/", household.household_register, name="household_register"),
    path("households/new/member-row/", household.member_row, name="member_row"),
    path("households/<str:household_id>/", household.household_detail, name="household_detail"),
    path("households/<str:household_id>/edit/", household.household_edit, name="household_edit"),
    path("households/<str:household_id>/members/new/", members.member_add, name="member_add"),
    path(
        "households/<str:household_id>/members/<str:membership_id>/remove/",
        members.member_remove,
        name="member_remove",
    ),
    path("households/<str:household_id>/members/<str:membership_id>/move/", members.member_move, name="member_move"),
    path(
        "households/<str:household_id>/members/<str:membership_id>/contact/",
        members.member_contact,
        name="member_contact",
    ),
    path("households/<str:household_id>/incomes/new/", finance.income_record, name="income_record"),
    path("households/<str:household_id>/assets/new/", finance.asset_record, name="asset_record"),
    path("persons/<str:person_id>/", merges.person_detail, name="person_detail"),
    path("persons/<str:person_id>/merge/", merges.person_merge, name="person_merge"),
    path("merges/", merges.merge_list, name="merge_list"),
    path("merges/<str:merge_id>/undo/", merges.merge_undo, name="merge_undo"),
    path("import/", views_import.import_upload, name="import_upload"),
    path("import/template.csv", views_import.import_template, name="import_template"),
    path("import/<uuid:batch_id>/", views_import.import_report, name="import_report"),
    path("import/<uuid:batch_id>/report.csv", views_import.import_report_csv, name="import_report_csv"),
]
