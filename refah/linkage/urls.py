from django.urls import path

from refah.linkage import views

app_name = "linkage"

urlpatterns = [
    path("reviews/", views.review_queue, name="review_queue"),
    path("reviews/<str:review_id>/", views.review_detail, name="review_detail"),
    path("reviews/<str:review_id>/accept/", views.review_accept, name="review_accept"),
    path("reviews/<str:review_id>/reject/", views.review_reject, name="review_reject"),
    path("links/", views.link_history, name="link_history"),
    path("links/<str:link_id>/undo/", views.link_undo, name="link_undo"),
]
