"""Who reaches what in assisted mode, as one matrix: a caseworker of office A against office B's case
pages (every one of them, the wizard and the declaration included), a citizen's own online draft,
application and document, admin, and a search for B's case by its reference or personal code.

The answers are consistent: another office's case is "not found" (404), as if it did not exist; a
page that is not for caseworkers at all is "forbidden" (403); a search finds nothing. The same URLs
work for whoever they belong to (B's caseworker, the citizen, an administrator), and every page that
shows a caseworker personal data leaves an audit event that the sealer chains and the verifier
checks."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, reverse

from portal.applications.services import draft_start
from portal.assisted import urls as assisted_urls
from portal.assisted.models import AssistedCase
from portal.assisted.selectors import case_application
from portal.audit.models import AuditEvent, AuditSeal
from portal.audit.selectors import audit_chain_verify
from portal.documents.models import Document
from portal.documents.services import document_issue
from portal.eidas import constants as eidas
from procedures.engine.registry import registry
from tests.conftest import TOTP_SECRET
from tests.factories import UserFactory
from tests.portal.assisted.desk import case_made
from tests.portal.assisted.journey import CODE

pytestmark = pytest.mark.django_db

PROCEDURE = "ehic"
FLOW = registry.get(PROCEDURE).flow  # type: ignore[union-attr]
NEEDS_THE_SENT_APPLICATION = {"handover", "document"}


@dataclass
class World:
    """Office B's caseworker with a draft and a sent application; a citizen with their own; and the
    clients of everyone involved (``intruder``: a caseworker of office A)."""

    intruder: Client
    caseworker: Client
    citizen: Client
    administrator: Client
    draft_case: AssistedCase
    sent_case: AssistedCase
    receipt: Document
    citizen_draft: Any
    citizen_application: Any
    citizen_receipt: Document


def _receipt(application: Any) -> Document:
    return document_issue(
        application=application,
        kind=Document.Kind.RECEIPT,
        content=b"%PDF-1.7 receipt",
        file_name="receipt.pdf",
    )


def _citizen(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    session = client.session
    session["eidas_loa"] = eidas.LOA_SUBSTANTIAL  # signed in with their eID
    session.save()
    return client


def _staff(user: Any, *, second_factor: bool = True) -> Client:
    if second_factor:
        TOTP.activate(user, TOTP_SECRET)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def world(caseworker_with_totp, citizen, make_application) -> World:  # type: ignore[no-untyped-def]
    office_b = UserFactory(caseworker=True)
    assert office_b.office_id != caseworker_with_totp.office_id
    sent_case = case_made(office_b, sent=True, procedure=PROCEDURE)
    citizen_application = make_application(procedure=PROCEDURE)
    return World(
        intruder=_staff(caseworker_with_totp, second_factor=False),
        caseworker=_staff(office_b),
        citizen=_citizen(citizen),
        administrator=_staff(UserFactory(administrator=True)),
        draft_case=case_made(office_b, procedure=PROCEDURE),
        sent_case=sent_case,
        receipt=_receipt(case_application(case=sent_case)),
        citizen_draft=draft_start(owner=citizen, procedure=PROCEDURE),
        citizen_application=citizen_application,
        citizen_receipt=_receipt(citizen_application),
    )


def _case_pages() -> list[URLPattern]:
    """Every assisted-mode page of a case (the wizard of the case's procedure only)."""
    return [
        pattern
        for pattern in assisted_urls.urlpatterns
        if isinstance(pattern, URLPattern)
        and "case_id" in pattern.pattern.converters
        and (not str(pattern.name).endswith("-step") or pattern.name == f"{PROCEDURE}-step")
    ]


def _case_url(pattern: URLPattern) -> Callable[[World], str]:
    def url(world: World) -> str:
        case = world.sent_case if pattern.name in NEEDS_THE_SENT_APPLICATION else world.draft_case
        values = {
            "case_id": case.pk,
            "draft_id": case.draft_id,
            "step": FLOW.steps[0].name,
            "rule": FLOW.stops[0].key,
            "document_id": world.receipt.pk,
        }
        unknown = set(pattern.pattern.converters) - set(values)
        assert not unknown, f"add a value for {unknown} of assisted:{pattern.name} to the matrix"
        return reverse(
            f"assisted:{pattern.name}", kwargs={name: values[name] for name in pattern.pattern.converters}
        )

    return url


@dataclass(frozen=True)
class Entry:
    url: Callable[[World], str]
    refused: int  # what the caseworker of office A gets
    owner: str  # whose page it is: "caseworker" (office B's), "citizen" or "administrator"
    search: str = ""  # a search (POST) for office B's case by "reference" or "personal_code"


def _search_url(world: World) -> str:
    return reverse("assisted:search")


MATRIX = {
    **{f"case: {pattern.name}": Entry(_case_url(pattern), 404, "caseworker") for pattern in _case_pages()},
    "citizen: online wizard of their draft": Entry(
        lambda w: reverse(
            f"procedures:{PROCEDURE}-step",
            kwargs={"draft_id": w.citizen_draft.pk, "step": FLOW.steps[0].name},
        ),
        403,
        "citizen",
    ),
    "citizen: their application": Entry(
        lambda w: reverse("applications:detail", args=[w.citizen_application.pk]), 403, "citizen"
    ),
    "citizen: their receipt": Entry(
        lambda w: reverse("documents:download", args=[w.citizen_receipt.pk]), 403, "citizen"
    ),
    "admin": Entry(lambda w: reverse("admin:index"), 403, "administrator"),
    "search: B's reference": Entry(lambda w: reverse("assisted:search"), 200, "caseworker", "reference"),
    "search: B's personal code": Entry(
        lambda w: reverse("assisted:search"), 200, "caseworker", "personal_code"
    ),
}


def _request(client: Client, entry: Entry, world: World) -> Any:
    url = entry.url(world)
    if not entry.search:
        return client.get(url, follow=entry.owner == "administrator")  # admin sends to its login first
    term = CODE if entry.search == "personal_code" else case_application(case=world.sent_case).reference
    return client.post(url, {"query": term, "reason": "desk"})


def _targets(world: World) -> set[str]:
    """Object ids that stand for office B's people in the audit trail: the cases and the application."""
    return {str(world.draft_case.pk), str(world.sent_case.pk), str(case_application(case=world.sent_case).pk)}


@pytest.mark.parametrize("entry", MATRIX.values(), ids=MATRIX.keys())
def test_a_caseworker_reaches_only_their_offices_cases_and_every_view_is_in_the_verified_trail(
    world, entry, settings, tmp_path
):
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    targets = _targets(world)

    # Office A's caseworker: refused, or a search that finds nothing; nothing of B's people is shown.
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    refused = _request(world.intruder, entry, world)
    assert refused.status_code == entry.refused
    html = refused.content.decode(errors="replace")
    assert "Petraitienė" not in html and "1956" not in html
    if entry.search:  # what was typed is shown again, and nothing else
        assert str(world.sent_case.pk) not in html and "govuk-table" not in html
    else:
        assert CODE not in html
    intruder_events = AuditEvent.objects.filter(pk__gt=before)
    assert not intruder_events.filter(object_id__in=targets).exists()
    if entry.search:
        assert intruder_events.get(action="assisted.searched").details["found"] == 0

    # Whoever the page belongs to reaches it.
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    owner = getattr(world, entry.owner)
    allowed = _request(owner, entry, world)
    assert allowed.status_code in (200, 302), allowed
    if entry.owner != "caseworker":
        return
    if entry.search:
        assert str(world.sent_case.pk) in allowed.content.decode()
    # A caseworker's page with the person on it is in the trail: who, whose data (the case or its
    # application), which page; the sealer chains it and the verifier finds the chain whole.
    events = list(AuditEvent.objects.filter(pk__gt=before, actor_label__startswith="staff:"))
    if allowed.status_code == 200:
        assert events, f"{entry.url(world)} shows personal data without an audit event"
        assert any(
            event.object_id in targets or set(event.details.get("cases", [])) & targets for event in events
        ), [(event.action, event.object_id, event.details) for event in events]
    call_command("audit_seal", verbosity=0)
    report = audit_chain_verify()
    assert report.intact, report.problems
    assert AuditSeal.objects.filter(event__in=events).count() == len(events)
