from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    """The base template with nothing of ours in front of it: the floor a portal page is compared to."""
    return render(request, "base.html")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
