from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from portal.core.http import safe_next_url
from portal.institutions.selectors import offices_open_to_the_public
from portal.pages.forms import FeedbackForm
from portal.pages.services import feedback_create
from procedures.engine.registry import registry


def start(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/start.html", {"procedures": registry.all()})


def feedback(request: HttpRequest) -> HttpResponse:
    page = safe_next_url(request, request.GET.get("page") or request.POST.get("page"), "")
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        feedback_create(
            rating=form.cleaned_data["rating"],
            message=form.cleaned_data["message"],
            page=page,
            language=get_language() or "",
        )
        return redirect("pages:feedback-thanks")
    return render(request, "pages/feedback.html", {"form": form, "page": page})


def feedback_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/feedback_thanks.html")


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/contact.html", {"offices": offices_open_to_the_public()})


def content_page(template: str) -> Callable[[HttpRequest], HttpResponse]:
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template)

    return view
