from django.urls import path

from portal.pages import views

app_name = "pages"
urlpatterns = [
    path("", views.start, name="start"),
    path("accessibility/", views.content_page("pages/accessibility.html"), name="accessibility"),
    path("privacy/", views.content_page("pages/privacy.html"), name="privacy"),
    path("cookies/", views.content_page("pages/cookies.html"), name="cookies"),
    path("contact/", views.contact, name="contact"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/thanks/", views.feedback_thanks, name="feedback-thanks"),
]
