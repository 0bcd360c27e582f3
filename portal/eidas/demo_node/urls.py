from django.urls import path

from portal.eidas.demo_node import views

app_name = "demo_eidas"
urlpatterns = [
    path("metadata/", views.metadata, name="metadata"),
    path("sso/", views.single_sign_on, name="sso"),
    path("slo/", views.single_logout, name="slo"),
    path("", views.identities, name="identities"),
]
