import datetime
import threading

import jsonschema
import pytest
import time_machine
from django.db import connection

from portal.applications.models import Application, ApplicationEvent, Draft
from portal.applications.selectors import application_of, draft_of
from portal.applications.services import (
    Submission,
    TransitionNotAllowed,
    application_transition,
    draft_start,
    draft_step_save,
    drafts_purge_expired,
    reference_next,
)
from portal.applications.states import Status
from portal.backoffice.models import Delivery
from portal.pipeline.services import application_submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SUBMISSION = Submission(
    reference_prefix="A1",
    beneficiary={"family_name": "Kazlauskas", "given_name": "Jonas", "date_of_birth": "1990-06-21"},
    answers={"request_type": "posted_employee"},
    institution={"country": "LT", "id": "sodra", "name": "Sodra"},
    sed_hints=["A009"],
    level_of_assurance="http://eidas.europa.eu/LoA/substantial",
    person_identifier="LT/LT/39006210214",
)


@pytest.fixture
def draft(citizen):
    draft = draft_start(owner=citizen, procedure="applicable-legislation")
    return draft_step_save(
        draft=draft, step="situation", data={"request_type": "posted_employee"}, current_step="x"
    )


def test_references_count_up_per_prefix_and_year(db):
    assert reference_next(prefix="A1", year=2026) == "A1-2026-000001"
    assert reference_next(prefix="A1", year=2026) == "A1-2026-000002"
    assert reference_next(prefix="EHIC", year=2026) == "EHIC-2026-000001"
    assert reference_next(prefix="A1", year=2027) == "A1-2027-000001"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_never_share_a_reference():
    references: list[str] = []

    def take() -> None:
        for _ in range(10):
            references.append(reference_next(prefix="PEN", year=2026))
        connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(references) == 40 and len(set(references)) == 40


def test_submitting_a_draft_creates_one_application_and_removes_the_draft(draft, citizen):
    application = application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")
    assert application.reference.startswith("A1-") and application.status == Status.SUBMITTED
    assert application.payload["applicant"]["eidas"]["loa"].endswith("/substantial")
    assert application.payload["sed_hints"] == ["A009"]
    assert list(application.events.values_list("to_status", flat=True)) == ["submitted"]
    assert not Draft.objects.filter(pk=draft.pk).exists()


def test_submitting_twice_gives_the_same_application(draft, citizen):
    first = application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")
    second = application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")
    assert first.pk == second.pk
    assert Application.objects.count() == 1
    assert Delivery.objects.filter(application=first).count() == 1  # its outbox, made once


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_double_click_from_two_tabs_gives_one_application():
    from portal.accounts.services import citizen_identity_upsert
    from tests.factories import citizen_identity_kwargs

    owner = citizen_identity_upsert(**citizen_identity_kwargs())
    draft = draft_start(owner=owner, procedure="applicable-legislation")
    results: list[object] = []

    def send() -> None:
        try:
            results.append(
                application_submit(draft_id=draft.pk, owner=owner, submission=SUBMISSION, language="en").pk
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Application.objects.count() == 1 and Delivery.objects.count() == 1
    assert set(results) == {Application.objects.get().pk}


def test_answers_and_payload_are_unreadable_in_the_database(draft, citizen):
    application = application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT answers, payload, beneficiary FROM applications_application WHERE id = %s",
            [application.pk],
        )
        row = " ".join(cursor.fetchone())
    assert "Kazlauskas" not in row and "posted_employee" not in row and "39006210214" not in row


def test_an_envelope_that_breaks_the_schema_is_not_sent(draft, citizen):
    broken = Submission(**{**SUBMISSION.__dict__, "sed_hints": ["not-a-sed"]})
    with pytest.raises(jsonschema.ValidationError):
        application_submit(draft_id=draft.pk, owner=citizen, submission=broken, language="lt")
    assert not Application.objects.exists() and not Delivery.objects.exists()
    assert Draft.objects.filter(pk=draft.pk).exists()  # nothing lost


def test_only_the_state_machine_changes_a_status(draft, citizen):
    application = application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")
    with pytest.raises(TransitionNotAllowed):
        application_transition(application=application, to_status=Status.GRANTED)
    for status in (
        Status.RECEIVED,
        Status.IN_REVIEW,
        Status.MORE_INFORMATION_REQUESTED,
        Status.IN_REVIEW,
        Status.GRANTED,
    ):
        application_transition(application=application, to_status=status)
    with pytest.raises(TransitionNotAllowed):
        application_transition(application=application, to_status=Status.WITHDRAWN)
    timeline = list(
        ApplicationEvent.objects.filter(application=application).values_list("to_status", flat=True)
    )
    assert timeline == [
        "submitted",
        "received",
        "in_review",
        "more_information_requested",
        "in_review",
        "granted",
    ]


def test_drafts_untouched_for_the_retention_period_are_purged(citizen, settings):
    settings.DRAFT_RETENTION_DAYS = 30
    with time_machine.travel("2026-01-01 10:00", tick=False):
        old = draft_start(owner=citizen, procedure="pension")
    with time_machine.travel("2026-01-25 10:00", tick=False):
        recent = draft_start(owner=citizen, procedure="ehic")
    with time_machine.travel("2026-02-01 10:00", tick=False):
        assert drafts_purge_expired() == 1
    assert not Draft.objects.filter(pk=old.pk).exists()
    assert Draft.objects.filter(pk=recent.pk).exists()
    assert recent.expires_at.date() == datetime.date(2026, 2, 24)


def test_nobody_finds_another_persons_draft_or_application(draft, citizen):
    stranger = UserFactory()
    assert draft_of(owner=stranger, draft_id=draft.pk) is None
    application = application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")
    assert application_of(owner=stranger, application_id=application.pk) is None
    assert application_of(owner=citizen, application_id=application.pk) == application
