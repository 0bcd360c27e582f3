"""What a channel decides for the wizard: who may fill in forms, whom the questions speak to, who files,
in which language the application is sent, where its news goes and where the person lands after Send.

Online (this module) it is the citizen signed in with their eID; assisted mode (portal.assisted.wizard)
overrides the same methods for a caseworker filling in the form with a person at an office.
"""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language

from portal.eidas.services import LOA_SESSION_KEY
from procedures.engine.definition import Answers
from procedures.engine.people import Filer


class OnlineChannel:
    """Mixed into ProcedureWizard: the online channel's answers to the wizard's questions."""

    if TYPE_CHECKING:  # given by the wizard (formtools' view)
        request: Any

    channel = "online"

    def refuse(self, request: HttpRequest) -> HttpResponse | None:
        """Who may fill in forms here: online, a citizen signed in with their eID (staff are refused, as
        on every citizen page: a caseworker applies for someone in assisted mode)."""
        if getattr(request.user, "is_staff_member", False):
            raise PermissionDenied
        if not request.user.is_authenticated or not hasattr(request.user, "citizen_identity"):
            return redirect(f"{reverse('eidas:login')}?next={request.get_full_path()}")
        return None

    def may_open(self, draft: Any) -> bool:
        """Whether this draft (the signed-in account's own) belongs to this channel."""
        return True

    def identity(self) -> Any:
        """The person the questions speak to, as the eID knows them (names, date of birth, eIDAS
        identifier): online, the signed-in citizen."""
        return self.request.user.citizen_identity

    def filer(self) -> Filer:
        """The person filling in the form: the citizen signed in with their eID (the one place the wizard
        reads the signed-in identity for the application; assisted mode gives a caseworker here)."""
        identity = self.identity()
        return Filer(
            person={
                "family_name": identity.family_name,
                "given_name": identity.given_name,
                "date_of_birth": identity.date_of_birth.isoformat(),
                "person_identifier": identity.person_identifier,
            },
            level_of_assurance=self.request.session.get(LOA_SESSION_KEY, ""),
            identity=identity,
        )

    def channel_warnings(self) -> list[str]:
        """What the institution should look at because of how the application was filled in (assisted
        mode: an expired identity document), sent along with the procedure's warnings."""
        return []

    def channel_details(self, answers: Answers) -> dict[str, Any] | None:
        """How the application was filled in, for the institution (assisted mode: the identity document
        the caseworker saw, when the person signed the declaration); None online. The envelope keeps it
        under the channel's name."""
        return None

    def application_language(self) -> str:
        """The language the application is sent in (its receipt, letters and e-mails)."""
        return (get_language() or "lt")[:2]

    def application_contact(self, given: dict[str, Any] | None) -> dict[str, Any] | None:
        """Where the application's letters and e-mails go: online, what the procedure's answers give
        (``given``; None: the beneficiary's own details)."""
        return given

    def sent_url(self, application: Any) -> str:
        """Where the person goes once the application is sent."""
        return reverse("applications:detail", kwargs={"application_id": application.pk})
