"""The institution talks back: status changes, messages to the applicant and decisions.

What a report must carry is checked here, not by the API's serializer, so every way in (the API, admin,
a caseworker's screen) keeps the same rules.
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from portal.applications.models import Application, ApplicationEvent
from portal.applications.services import TransitionNotAllowed, application_transition
from portal.applications.states import DECIDED, Status, transition_allowed
from portal.audit.services import audit_record
from portal.backoffice.models import ApiCredential
from portal.documents.models import Document
from portal.documents.services import document_issue

# The applicant cannot act on "more information needed" without being told what to send.
MESSAGE_REQUIRED = frozenset({Status.MORE_INFORMATION_REQUESTED})


class ReportIncomplete(Exception):
    """An institution's report breaks a rule of what it must carry. ``field`` names the part to fix and
    ``code`` the rule, for a caller that words it in its own language; the message is for the
    institution's developers (the API returns it as is)."""

    def __init__(self, field: str, code: str, message: str) -> None:
        self.field = field
        self.code = code
        self.message = message
        super().__init__(f"{field}: {message}")


def institution_report_check(*, status: str, message: str = "", decision: UploadedFile | None = None) -> None:
    """Raise ``ReportIncomplete`` unless the report carries what its status needs: a message with a
    request for information, the decision as PDF with a decision, and no decision otherwise."""
    if status in MESSAGE_REQUIRED and not message.strip():
        raise ReportIncomplete("message", "message_required", "Say what information the applicant must send.")
    decided = status in DECIDED
    if decided and decision is None:
        raise ReportIncomplete("decision", "decision_required", "Attach the decision as a PDF.")
    if decision is not None and not decided:
        raise ReportIncomplete(
            "decision", "decision_not_allowed", "A decision goes only with granted or refused."
        )
    if decision is not None:
        decision.seek(0)
        head = decision.read(5)
        decision.seek(0)
        if head != b"%PDF-":  # sniffed, not trusted from the declared type
            raise ReportIncomplete("decision", "decision_not_pdf", "The decision must be a PDF document.")


def institution_event_post(
    *,
    credential: ApiCredential,
    application: Application,
    status: str,
    message: str = "",
    decision: UploadedFile | None = None,
) -> tuple[ApplicationEvent, Document | None]:
    """Record a status change reported by an institution, with its decision document if any.

    Raises ``ReportIncomplete`` (see ``institution_report_check``) before anything is locked or stored.
    The application row is locked first, so the state machine is checked before the decision is
    stored and two concurrent reports are applied one after the other.
    """
    institution_report_check(status=status, message=message, decision=decision)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not transition_allowed(locked.status, status):
            raise TransitionNotAllowed(locked.reference, locked.status, status)
        document = None
        if decision is not None:
            decision.seek(0)
            document = document_issue(
                application=locked,
                kind=Document.Kind.DECISION,
                content=decision.read(),
                file_name=f"{locked.reference}-decision.pdf",
            )
        event = application_transition(
            application=locked, to_status=status, institution=credential.institution, message=message.strip()
        )
        audit_record(
            action="backoffice.institution_event",
            target=locked,
            details={
                "credential": credential.key_id,
                "status": status,
                "document": document.number if document else None,
            },
        )
    return event, document
