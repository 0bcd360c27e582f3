import pytest

from portal.applications.services import Submission, draft_start
from portal.pipeline.services import application_submit

SUBMISSION = Submission(
    reference_prefix="A1",
    beneficiary={"family_name": "Kazlauskas", "given_name": "Jonas", "date_of_birth": "1990-06-21"},
    answers={"request_type": "posted_employee"},
    institution={"country": "LT", "id": "sodra", "name": "Valstybinio socialinio draudimo fondo valdyba"},
    sed_hints=["A009"],
    level_of_assurance="http://eidas.europa.eu/LoA/substantial",
    person_identifier="LT/LT/39006210214",
    summary=[
        {"label": "Šalis, kurioje dirbsite", "value": "Vokietija"},
        {"label": "Darbdavys", "value": "UAB Statyba"},
        {"label": "Telefono numeris", "value": ""},
    ],
)


@pytest.fixture
def submitted(citizen):
    """A sent application in Lithuanian, its receipt not made yet (the pipeline has not run)."""
    draft = draft_start(owner=citizen, procedure="applicable-legislation")
    return application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")
