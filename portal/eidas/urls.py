from django.urls import path

from portal.eidas import views

app_name = "eidas"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("acs/", views.acs_view, name="acs"),
    path("metadata/", views.metadata_view, name="metadata"),
    path("logout/", views.logout_view, name="logout"),
    path("slo/", views.single_logout_view, name="slo"),
]
