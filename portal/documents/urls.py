from django.urls import path

from portal.documents import views

app_name = "documents"
urlpatterns = [
    path("documents/<uuid:document_id>/", views.document_download, name="download"),
    path("verify/<str:number>/", views.document_verify, name="verify"),
]
