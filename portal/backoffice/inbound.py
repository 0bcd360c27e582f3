"""The institution talks back: status changes, messages to the applicant and decisions."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from portal.applications.models import Application, ApplicationEvent
from portal.applications.services import TransitionNotAllowed, application_transition
from portal.applications.states import transition_allowed
from portal.audit.services import audit_record
from portal.backoffice.models import ApiCredential
from portal.documents.models import Document
from portal.documents.services import document_issue


def institution_event_post(
    *,
    credential: ApiCredential,
    application: Application,
    status: str,
    message: str = "",
    decision: UploadedFile | None = None,
) -> tuple[ApplicationEvent, Document | None]:
    """Record a status change reported by an institution, with its decision document if any.

    The application row is locked first, so the state machine is checked before the decision is
    stored and two concurrent reports are applied one after the other.
    """
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
