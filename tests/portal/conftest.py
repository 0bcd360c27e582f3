from dataclasses import replace

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from portal.applications.services import draft_start
from portal.pipeline.services import application_submit
from tests.conftest import TOTP_SECRET
from tests.portal.pipeline.conftest import SUBMISSION


@pytest.fixture
def make_application(citizen):
    """Sends an application of ``citizen`` in Lithuanian; keyword arguments change the person's data."""

    def make(procedure: str = "applicable-legislation", **beneficiary: object):  # type: ignore[no-untyped-def]
        draft = draft_start(owner=citizen, procedure=procedure)
        prefix = {"ehic": "EHIC", "pension": "PEN"}.get(procedure, "A1")
        submission = replace(
            SUBMISSION, reference_prefix=prefix, beneficiary={**SUBMISSION.beneficiary, **beneficiary}
        )
        return application_submit(draft_id=draft.pk, owner=citizen, submission=submission, language="lt")

    return make


@pytest.fixture
def admin_client(client, administrator):
    """An administrator signed in with a second factor set up."""
    TOTP.activate(administrator, TOTP_SECRET)
    client.force_login(administrator)
    return client
