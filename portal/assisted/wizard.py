"""The procedures' wizard in assisted mode: the same steps, rules and stops, filled in by a caseworker
with the person at the desk. The person's identity comes from the document the caseworker saw; the
declaration is signed on paper, and the caseworker confirms it before Send."""

import datetime
from dataclasses import replace
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.assisted.identity import AssistedIdentity
from portal.assisted.models import AssistedCase
from portal.assisted.selectors import case_of
from portal.assisted.services import document_expired
from portal.audit.services import audit_record
from procedures.engine.definition import TASKS_PAGE, Answers, Flow, Stop
from procedures.engine.fields import DocumentField
from procedures.engine.people import Filer
from procedures.engine.wizard import CHECK_STEP, ProcedureWizard


class SignedDeclarationForm(forms.Form):
    """Assisted mode's last page: the person signed the printed declaration (the caseworker confirms it;
    the moment is recorded: for a pension claim it is the claim date), and its scan if there is one."""

    signed = forms.BooleanField(
        label=_("The person (or their representative) has signed the printed declaration"),
        error_messages={
            "required": _("Print the declaration, have it signed, then confirm that it is signed")
        },
    )
    scan = DocumentField(
        label=_("A scan of the signed declaration (optional)"),
        help_text=_("A PDF, JPG or PNG file, smaller than 10 MB"),
        required=False,
    )

    summary_labels = {"signed": _("Declaration signed"), "scan": _("Scan of the signed declaration")}

    @property
    def signed_at_key(self) -> str:
        return self.add_prefix("signed_at")

    def recorded_by_server(self) -> dict[str, str]:
        """The moment the caseworker confirms the signature, never a time posted under that name (the
        wizard keeps the first confirmation's: ``AssistedWizard.get_form_step_data``)."""
        return {self.signed_at_key: timezone.now().isoformat()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["signed_at"] = _moment(self.data.get(self.signed_at_key)) if self.is_bound else ""
        return cleaned


def _moment(value: Any) -> str:
    """A recorded moment as ISO 8601 with its offset, or "" for anything else."""
    try:
        moment = datetime.datetime.fromisoformat(str(value or ""))
    except ValueError:
        return ""
    return moment.isoformat() if moment.tzinfo is not None else ""


def assisted_flow(flow: Flow) -> Flow:
    """The procedure's flow with its last page (the declarations ticked online) replaced by the
    confirmation that the person signed them on paper."""
    steps = [
        replace(step, form_class=SignedDeclarationForm) if step.name == CHECK_STEP else step
        for step in flow.steps
    ]
    return replace(flow, steps=steps)


class AssistedWizard(ProcedureWizard):
    channel = "assisted"
    case: AssistedCase

    def refuse(self, request: HttpRequest) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.get_full_path()}")
        if not getattr(request.user, "is_caseworker", False):
            raise PermissionDenied
        case = case_of(caseworker=request.user, case_id=self.kwargs["case_id"])
        if case is None:  # another office's case, as on every case page: not found
            raise Http404
        self.case = case
        return None

    def may_open(self, draft: Any) -> bool:
        return draft.pk == self.case.draft_id

    def identity(self) -> AssistedIdentity:
        return AssistedIdentity.of(self.case)

    def filer(self) -> Filer:
        identity = self.identity()
        eidas = self.case.person.get("eidas") or {}
        return Filer(
            person={
                "family_name": identity.family_name,
                "given_name": identity.given_name,
                "date_of_birth": identity.date_of_birth.isoformat(),
                "person_identifier": identity.person_identifier,
            },
            level_of_assurance=eidas.get("loa", ""),
            identity=identity,
            caseworker={
                "role": "caseworker",
                "office": f"{self.case.office.institution.code}:{self.case.office.code}",
                "caseworker": str(self.case.caseworker_id),
            },
            representative=_representative(self.case),
        )

    def channel_warnings(self) -> list[str]:
        return ["identity_document_expired"] if document_expired(self.case) else []

    def get_form_step_data(self, form: Any) -> Any:
        """The declaration's confirmation keeps its first moment when it is confirmed again (Send sent
        back to an earlier page): the person signed the paper then."""
        data = super().get_form_step_data(form)
        if isinstance(form, SignedDeclarationForm):
            earlier = _moment((self.storage.get_step_data(self.steps.current) or {}).get(form.signed_at_key))
            if earlier:
                data.setlist(form.signed_at_key, [earlier])
        return data

    def channel_details(self, answers: Answers) -> dict[str, Any]:
        """For the institution: how the person's identity was verified (the document the caseworker saw,
        its number included: the envelope is encrypted at rest) and when the person signed the
        declaration (for a pension claim, the claim date)."""
        person = self.case.person
        signed_at = datetime.datetime.fromisoformat(answers[CHECK_STEP]["signed_at"])
        details: dict[str, Any] = {
            "identity_verified_by": "eid" if person.get("eidas") else "document",
            "declaration_signed_at": timezone.localtime(signed_at).isoformat(timespec="seconds"),
        }
        document = person.get("document")
        if document:
            details["identity_document"] = {
                "type": document["type"],
                "number": document["number"],
                "expiry": document["expiry"],
                "seen_original": bool(person.get("seen_original")),
            }
        return details

    def application_language(self) -> str:
        return str(self.case.contact.get("language") or "lt")

    def application_contact(self, given: dict[str, Any] | None) -> dict[str, Any] | None:
        """The address, e-mail if any and language of letters recorded with the person at the desk."""
        return dict(self.case.contact) or given

    def sent_url(self, application: Any) -> str:
        return reverse("assisted:handover", kwargs={"case_id": self.case.pk})

    def stop_url(self, stop: Stop) -> str:
        return reverse("assisted:stop", kwargs={"case_id": self.case.pk, "rule": stop.key})

    def get_step_url(self, step: str) -> str:
        return reverse(
            self.url_name, kwargs={"case_id": self.case.pk, "draft_id": self.request.draft.pk, "step": step}
        )

    def _prefill_first(self, step: str) -> HttpResponse | None:
        return None  # never an earlier application's details: the caseworker's account is not the person's

    def get_context_data(self, form: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        context["assisted_case"] = self.case
        # The page shows the person (the banner, their answers): who saw whose data, on which step.
        audit_record(
            action="assisted.case_viewed",
            request=self.request,
            target=self.case,
            details={"page": self.steps.current},
        )
        return context

    def start_url(self) -> str:
        return reverse("assisted:procedure", kwargs={"case_id": self.case.pk})

    def _tasks_page(self, **channel_context: Any) -> HttpResponse:
        audit_record(
            action="assisted.case_viewed",
            request=self.request,
            target=self.case,
            details={"page": TASKS_PAGE},
        )
        return super()._tasks_page(assisted_case=self.case, **channel_context)


def _representative(case: AssistedCase) -> dict[str, Any] | None:
    signer = case.representative
    if not signer:
        return None
    return {
        "family_name": signer["family_name"],
        "given_name": signer["given_name"],
        "basis": signer["basis"],
    }
