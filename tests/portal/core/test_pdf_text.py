"""A real receipt read back with pdftotext: Lithuanian, Greek and Cyrillic names come out as text, set
in the embedded DejaVu fonts (no fallback font, no empty boxes); the date is written in the receipt's
language and the institution is named in it."""

import re
import subprocess

import pytest
from django.utils import timezone, translation

from portal.applications.models import Application
from portal.core.formats.dates import human_date
from portal.documents.services import document_content, receipt_render
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

GIVEN_NAME = "Αλέξανδρος"  # an eID may give a Greek name
FAMILY_NAME = "Иванов-Žąsinas"
BOARD = {
    "lt": "Valstybinio socialinio draudimo fondo valdyba (Sodra)",
    "en": "State Social Insurance Fund Board",
}


def _pdf_tool(tool: str, pdf: bytes, *arguments: str) -> str:
    return subprocess.run(
        [tool, *arguments, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize("language", ["lt", "en"])
def test_the_receipt_prints_lithuanian_greek_and_cyrillic_names_as_text(make_application, language):
    InstitutionFactory(code="sodra", names=BOARD)
    application = make_application(given_name=GIVEN_NAME, family_name=FAMILY_NAME)
    Application.objects.filter(pk=application.pk).update(language=language)
    pdf = document_content(receipt_render(application_id=application.pk))

    text = " ".join(_pdf_tool("pdftotext", pdf, "-enc", "UTF-8").split())
    assert f"{GIVEN_NAME} {FAMILY_NAME}" in text
    assert BOARD[language] in text  # the institution in the receipt's language, whatever it was sent with
    with translation.override(language):
        assert human_date(timezone.localtime(application.submitted_at)) in text

    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows, fonts
    for row in rows:
        assert re.fullmatch(r"[A-Z]{6}\+DejaVu-Sans(-Bold)?", row[0]), (
            f"a font other than DejaVu Sans was needed: {fonts}"
        )
        assert row[-5] == "yes", f"font not embedded: {fonts}"  # the "emb" column
