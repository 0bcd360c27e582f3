"""A whole claim online: the task list, its sections, Send, what the institution receives."""

import pytest

from portal.applications.models import Application
from tests.procedures.pension.journey import pensioner_signed_in, send, whole_claim

pytestmark = pytest.mark.django_db


def test_a_claim_with_periods_in_three_states_is_sent_with_the_p_forms(client):
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    send(client, tasks)
    application = Application.objects.get(procedure="pension")
    envelope = application.payload
    assert envelope["sed_hints"] == ["P2000", "P4000"]
    assert envelope["answers"]["states"] == ["LT", "PL", "DE"]
    assert envelope["applicant"]["given_name"] == "Ona"
