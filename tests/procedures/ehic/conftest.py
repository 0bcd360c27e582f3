import pytest

from tests.procedures.ehic.journey import parent_signed_in


@pytest.fixture
def parent_client(client):  # type: ignore[no-untyped-def]
    return parent_signed_in(client)
