from django.urls import path

from procedures.engine import views

app_name = "procedures"
urlpatterns = [path("<slug:slug>/", views.procedure_start, name="start")]
