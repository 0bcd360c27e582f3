import uuid
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.models import User
from portal.applications.forms import ReplyForm
from portal.applications.models import Application
from portal.applications.replies import REPLY_MESSAGE_MAX_LENGTH, reply_document_wait, reply_documents_waiting
from portal.applications.selectors import (
    application_documents,
    application_of,
    application_timeline,
    applications_of,
    attachment_of,
    drafts_of,
    reply_of,
)
from portal.applications.services import TransitionNotAllowed
from portal.applications.states import DECIDED, STATUS_EXPLAINED, WHAT_HAPPENS_NEXT, Status
from portal.audit.services import audit_record
from portal.documents.filenames import document_filename
from portal.documents.models import Document
from portal.documents.selectors import certificate_expected, document_title
from portal.eidas.decorators import citizen_login_required
from portal.pipeline.services import reply_submit
from procedures.engine.registry import registry


@citizen_login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """Your drafts (continue or delete) and the applications you sent, with their status."""
    drafts = [(draft, registry.get(draft.procedure)) for draft in drafts_of(owner=request.user)]  # type: ignore[arg-type]
    applications = [(app, registry.get(app.procedure)) for app in applications_of(owner=request.user)]  # type: ignore[arg-type]
    return render(request, "applications/list.html", {"drafts": drafts, "applications": applications})


def _detail_context(application: Application, reply_form: ReplyForm | None = None) -> dict[str, Any]:
    timeline = application_timeline(application=application)
    needs_information = application.status == Status.MORE_INFORMATION_REQUESTED
    if needs_information and reply_form is None:
        reply_form = ReplyForm(initial={"submission_key": uuid.uuid4()})
    issued = {document.kind: document for document in application.documents.all()}
    certificate = issued.get(Document.Kind.CERTIFICATE)
    procedure = registry.get(application.procedure)
    return {
        "application": application,
        "procedure": procedure,
        # What the procedure's receipt states besides the common facts (a pension claim's claim date).
        "facts": procedure.receipt_facts(application) if procedure and procedure.receipt_facts else None,
        "receipt": issued.get(Document.Kind.RECEIPT),
        # A certificate issued at Send comes first: the person may need it at a doctor's abroad now.
        "certificate": certificate,
        "certificate_title": document_title(certificate) if certificate else "",
        "certificate_expected": certificate is None and certificate_expected(application=application),
        "documents": [
            named
            for named in application_documents(application=application)
            if named.document.kind not in (Document.Kind.RECEIPT, Document.Kind.CERTIFICATE)
        ],
        "timeline": timeline,
        "messages_from_institution": [entry for entry in timeline if entry.event.message],
        "status_explained": STATUS_EXPLAINED[application.status],
        "what_happens_next": WHAT_HAPPENS_NEXT[application.status],
        "decided": application.status in DECIDED,
        # "Sent" until the institution starts on it (delivery can make it "received" within the second).
        "just_sent": application.status in (Status.SUBMITTED, Status.RECEIVED),
        "needs_information": needs_information,
        "reply_form": reply_form if needs_information else None,
        "form": reply_form if needs_information else None,  # the page title says "Error:" when it has some
        "reply_limit": REPLY_MESSAGE_MAX_LENGTH,
    }


@citizen_login_required
def application_detail(request: HttpRequest, application_id: str) -> HttpResponse:
    """The application page: "sent" with the reference at first, then its status history, the
    institution's messages, the documents, and the reply form while the institution waits for an
    answer. Bookmarkable, and only for the person who sent it."""
    application = application_of(owner=request.user, application_id=application_id)  # type: ignore[arg-type]
    if application is None:
        raise Http404
    return render(request, "applications/detail.html", _detail_context(application))


@citizen_login_required
@require_POST
def application_reply(request: HttpRequest, application_id: str) -> HttpResponse:
    """Send the answer to a request for more information. A form to correct is shown again with what was
    typed and the documents already accepted; a double submit makes one reply."""
    owner: User = request.user  # type: ignore[assignment]
    application = application_of(owner=owner, application_id=application_id)
    if application is None:
        raise Http404
    detail = redirect("applications:detail", application_id=application.pk)
    key = _submission_key(request.POST.get("submission_key", ""))
    if key is not None and reply_of(owner=owner, submission_key=key) is not None:
        return detail  # the first of a double submit sent it already
    if application.status != Status.MORE_INFORMATION_REQUESTED:
        messages.info(request, _("The institution is not waiting for an answer from you now."))
        return detail
    data = request.POST.copy()
    if key is None:  # a form from before replies had keys, or tampered with: this request is its own
        key = uuid.uuid4()
        data["submission_key"] = str(key)
    waiting = reply_documents_waiting(application=application, submission_key=key)
    form = ReplyForm(data, request.FILES, waiting=waiting)
    if form.is_valid():
        try:
            reply_submit(
                application=application,
                owner=owner,
                submission_key=form.cleaned_data["submission_key"],
                message=form.cleaned_data["message"],
                documents=form.chosen_documents(),
            )
        except TransitionNotAllowed:  # changed meanwhile (withdrawn, or answered in another tab)
            messages.info(request, _("The institution is not waiting for an answer from you now."))
            return detail
        messages.success(request, _("Your answer was sent to the institution"))
        return detail
    for document in form.accepted:  # kept, so they need not be chosen again
        reply_document_wait(application=application, submission_key=key, document=document)
    form.keep_accepted()
    return render(request, "applications/detail.html", _detail_context(application, form))


def _submission_key(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@citizen_login_required
def attachment_download(request: HttpRequest, application_id: str, sha256: str) -> HttpResponse:
    """A document the citizen sent with their application, decrypted for its owner only."""
    found = attachment_of(owner=request.user, application_id=application_id, sha256=sha256)  # type: ignore[arg-type]
    if found is None:
        raise Http404
    entry, document = found
    audit_record(
        action="applications.document_downloaded",
        request=request,
        target=application_of(owner=request.user, application_id=application_id),  # type: ignore[arg-type]
    )
    response = FileResponse(
        document,
        as_attachment=True,
        filename=document_filename(entry["name"], entry.get("content_type", "")),
        content_type=entry.get("content_type") or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]  # streamed; citizen_login_required expects HttpResponse
