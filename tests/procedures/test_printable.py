"""Free text is refused when the PDFs could not print it (emoji, symbols), with a message naming the
question; everything accepted (Latin with Lithuanian letters, Greek, Cyrillic) is in the PDFs' font."""

import shutil
import subprocess

import pytest
from django import forms
from django.utils import translation
from fontTools.ttLib import TTFont

from procedures.engine.dates import DateField
from procedures.engine.forms import BirthDetailsForm
from procedures.engine.printable import PrintableTextValidator, is_printable
from procedures.engine.registry import registry
from procedures.engine.repeatable import item_form_class
from procedures.engine.text import TextField

# The PDFs ask for "DejaVu Sans" (templates/documents/receipt.html, templates/notifications/letter.html)
# in regular and bold; fontconfig finds the files WeasyPrint uses.
PDF_FONTS = ("DejaVu Sans", "DejaVu Sans:bold")


def _font_file(pattern: str) -> str:
    assert shutil.which("fc-match"), "fontconfig is missing (.ci/system-packages installs it with the fonts)"
    path = subprocess.run(
        ["fc-match", "--format=%{file}", pattern], capture_output=True, text=True, check=True
    ).stdout
    assert "DejaVuSans" in path, f"{pattern!r} is not installed (fonts-dejavu-core): fontconfig gave {path}"
    return path


@pytest.mark.parametrize("pattern", PDF_FONTS)
def test_every_character_accepted_in_free_text_is_in_the_pdf_font(pattern):
    covered = set(TTFont(_font_file(pattern)).getBestCmap())
    accepted = [code for code in range(0x110000) if is_printable(chr(code)) and chr(code) not in "\t\n\r"]
    missing = [f"U+{code:04X}" for code in accepted if code not in covered]
    assert not missing, f"accepted but not printable in {pattern}: {missing[:20]}"
    assert len(accepted) > 1500  # Latin, Greek and Cyrillic, not a handful


@pytest.mark.parametrize(
    "text",
    [
        "Žemaitė-Šalčiūnienė, Ąžuolų g. 5",
        "Αλέξανδρος Παπαδόπουλος, οδός Ερμού 12",
        "Иван Петров, ул. Ленина № 5",
        "Łódź, Ærø, Nguyễn, O\u2019Brien \u2013 100\u00a0%, 50 €",
    ],
)
def test_latin_greek_and_cyrillic_text_is_accepted(text):
    assert TextField(label="Town", max_length=200).clean(text) == text


@pytest.mark.parametrize("text", ["Vilnius 😀", "Darbas ★", "Kaunas \U0001f1f1\U0001f1f9", "♥", "Ⓐ", "中文"])
def test_emoji_and_symbols_are_refused_with_a_message_naming_the_question(text):
    form = BirthDetailsForm(data={"family_name_at_birth": "", "birth_town": text, "birth_country": "LT"})
    with translation.override("en"):
        assert not form.is_valid()
        label = str(form.fields["birth_town"].label)
        assert form.errors["birth_town"] == [f"Remove emoji and symbols from “{label}”"]


def _free_text_fields():
    for procedure in registry.all():
        if procedure.flow is None:
            continue
        for step in procedure.flow.all_steps:
            form_class = item_form_class(step.form_class)
            for name, field in form_class.base_fields.items():
                parts = field.fields if isinstance(field, forms.MultiValueField) else (field,)
                if isinstance(field, DateField):
                    continue  # day, month and year boxes take digits only
                for number, part in enumerate(parts):
                    if isinstance(part, forms.CharField) and not isinstance(part, forms.EmailField):
                        yield f"{procedure.slug}/{step.name}/{name}/{number}", part


def test_every_free_text_question_of_every_procedure_refuses_what_cannot_be_printed():
    fields = dict(_free_text_fields())
    assert len(fields) > 10
    unguarded = [
        key
        for key, field in fields.items()
        if not any(isinstance(v, PrintableTextValidator) for v in field.validators)
    ]
    assert not unguarded
