from django.urls import path

from portal.applications import draft_views, views

app_name = "applications"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("<uuid:application_id>/", views.application_detail, name="detail"),
    path("<uuid:application_id>/reply/", views.application_reply, name="reply"),
    path("<uuid:application_id>/documents/<str:sha256>/", views.attachment_download, name="attachment"),
    path("drafts/<uuid:draft_id>/delete/", draft_views.draft_delete_confirm, name="draft-delete"),
]
