"""The receipt is the PDF/A-3a the README promises, read back from a real rendered receipt: it declares
PDF/A-3 level A in its XMP metadata, carries the application as machine-readable JSON in an associated
file, is tagged (structure tree, marked content) for screen readers, and says which language it is in."""

import io
import json

import pytest
from defusedxml import ElementTree
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from portal.applications.models import Application
from portal.documents.services import document_content, receipt_render

pytestmark = pytest.mark.django_db

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
ENVELOPE = "envelope.json"


@pytest.fixture(params=["lt", "en"])
def receipt(request, make_application) -> tuple[Application, PdfReader]:
    """A sent application in the parametrised language and its receipt, rendered by the documents
    service and read back."""
    application = make_application()
    Application.objects.filter(pk=application.pk).update(language=request.param)
    application.refresh_from_db()
    pdf = document_content(receipt_render(application_id=application.pk))
    return application, PdfReader(io.BytesIO(pdf))


def _xmp_pdfa_identification(reader: PdfReader) -> dict[str, str]:
    """pdfaid:part and pdfaid:conformance, written as attributes or as elements of an rdf:Description."""
    assert reader.xmp_metadata is not None, "no XMP metadata stream in the catalog"
    root = ElementTree.fromstring(reader.xmp_metadata.stream.get_data())
    found: dict[str, str] = {}
    for description in root.iter(f"{RDF}Description"):
        for name in ("part", "conformance"):
            value = description.get(f"{PDFAID}{name}")
            element = description.find(f"{PDFAID}{name}")
            if value is None and element is not None:
                value = element.text
            if value is not None:
                found[name] = value.strip()
    return found


def _catalog(reader: PdfReader) -> DictionaryObject:
    return reader.trailer["/Root"].get_object()


def test_the_receipt_declares_pdfa_3_level_a_in_its_xmp_metadata(receipt):
    _application, reader = receipt
    assert _xmp_pdfa_identification(reader) == {"part": "3", "conformance": "A"}
    # PDF/A needs an output intent for its colours (sRGB here).
    intents = _catalog(reader)["/OutputIntents"]
    assert any(intent.get_object()["/S"] == "/GTS_PDFA1" for intent in intents)


def test_the_application_is_attached_as_json_and_associated_with_the_receipt(receipt):
    application, reader = receipt
    catalog = _catalog(reader)
    names = catalog["/Names"]["/EmbeddedFiles"].get_object()["/Names"]
    specs = dict(zip(names[::2], (spec.get_object() for spec in names[1::2]), strict=True))
    spec = specs[ENVELOPE]
    # PDF/A-3: the file says how it relates to the document, is listed in the catalog's /AF (associated
    # files), and its stream names its MIME type.
    assert spec["/AFRelationship"] == "/Data"
    assert spec.indirect_reference in [reference.indirect_reference for reference in catalog["/AF"]]
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/application/json"
    assert "/ModDate" in stream["/Params"]
    envelope = json.loads(stream.get_data())
    assert envelope["reference"] == application.reference
    assert envelope["sed_hints"] == ["A009"]


def test_the_receipt_is_tagged_for_screen_readers(receipt):
    _application, reader = receipt
    catalog = _catalog(reader)
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    tree = catalog["/StructTreeRoot"].get_object()
    roles = set()
    pending = list(tree["/K"]) if isinstance(tree["/K"], list) else [tree["/K"]]
    while pending:
        element = pending.pop().get_object()
        if isinstance(element, DictionaryObject) and "/S" in element:
            roles.add(element["/S"])
            kids = element.get("/K", [])
            pending.extend(kids if isinstance(kids, list) else [kids])
    # The receipt's title, its answers table and their cells are structure elements, not just paint.
    assert {"/H1", "/Table", "/TH", "/TD"} <= roles, roles


def test_the_receipt_is_in_the_applicants_language(receipt):
    application, reader = receipt
    assert _catalog(reader)["/Lang"] == application.language
    title = "Receipt" if application.language == "en" else "Patvirtinimas"
    assert reader.metadata is not None and reader.metadata.title.startswith(title)
