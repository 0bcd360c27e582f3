from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from portal.backoffice.api import views

app_name = "api"
REFERENCE = r"(?P<reference>[A-Z0-9]{1,10}-\d{4}-\d{6})"
urlpatterns = [
    path(
        "schema/", SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[]), name="schema"
    ),
    path("applications/", views.ApplicationList.as_view(), name="applications"),
    re_path(rf"^applications/{REFERENCE}/$", views.ApplicationDetail.as_view(), name="application"),
    re_path(rf"^applications/{REFERENCE}/events/$", views.ApplicationEvents.as_view(), name="events"),
    re_path(
        rf"^applications/{REFERENCE}/documents/(?P<number>[0-9A-Z]{{4}}(?:-[0-9A-Z]{{4}}){{3}})/$",
        views.ApplicationDocument.as_view(),
        name="document",
    ),
    re_path(
        rf"^applications/{REFERENCE}/attachments/(?P<sha256>[0-9a-f]{{64}})/$",
        views.ApplicationAttachment.as_view(),
        name="attachment",
    ),
]
