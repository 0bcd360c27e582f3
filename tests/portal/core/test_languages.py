from pathlib import Path

import polib
import pytest
from django.core.management import call_command

from portal.core.management.commands.check_translations import untranslated_entries


def test_lithuanian_is_the_default_language(client, db):
    response = client.get("/")
    assert '<html lang="lt"' in response.content.decode()
    assert "Pereiti prie pagrindinio turinio" in response.content.decode()


def test_the_browser_language_is_used_when_nothing_was_chosen(client, db):
    response = client.get("/", headers={"Accept-Language": "en"})
    assert '<html lang="en"' in response.content.decode()


def test_the_language_switch_is_remembered(client, db):
    response = client.get("/language/en/?next=/contact/")
    assert response["Location"] == "/contact/"
    assert response.cookies["portal_language"].value == "en"
    page = client.get("/contact/", headers={"Accept-Language": "lt"})
    assert '<html lang="en"' in page.content.decode()
    client.get("/language/lt/?next=/")
    assert '<html lang="lt"' in client.get("/").content.decode()


def test_the_language_switch_does_not_redirect_to_other_sites(client, db):
    assert client.get("/language/en/?next=https://evil.example/")["Location"] == "/"
    assert client.get("/language/de/").status_code == 404


def test_the_language_switch_links_to_the_current_page(client, db):
    html = client.get("/contact/", headers={"Accept-Language": "en"}).content.decode()
    assert 'href="/language/lt/?next=/contact/"' in html
    assert 'hreflang="lt"' in html


def test_a_signed_in_persons_language_is_kept_for_letters(client, citizen):
    client.force_login(citizen)
    client.get("/language/en/")
    citizen.refresh_from_db()
    assert citizen.preferred_language == "en"


def test_every_user_facing_string_is_translated_in_both_languages(capsys):
    call_command("check_translations")
    assert "All strings are translated in lt, en." in capsys.readouterr().out


def test_the_translation_check_catches_a_missing_or_fuzzy_string(tmp_path: Path):
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Translated", msgstr="Išversta"))
    catalogue.append(polib.POEntry(msgid="Not translated", msgstr=""))
    catalogue.append(polib.POEntry(msgid="Guessed", msgstr="Spėta", flags=["fuzzy"]))
    catalogue.append(polib.POEntry(msgid="one", msgid_plural="many", msgstr_plural={0: "vienas", 1: ""}))
    path = tmp_path / "django.po"
    catalogue.save(str(path))
    assert untranslated_entries(path) == [
        "missing: 'Not translated'",
        "fuzzy: 'Guessed'",
        "missing plural: 'one'",
    ]


def test_the_translation_check_reads_the_code_as_it_is_and_leaves_the_catalogues_alone(tmp_path, settings):
    """A project of its own: one translated string in the catalogues, one only in the code."""
    from django.core.management.base import CommandError

    project = tmp_path / "project"
    project.mkdir()
    (project / "views.py").write_text(
        'from django.utils.translation import gettext\n\ngettext("Translated")\ngettext("Only in the code")\n'
    )
    catalogues = {}
    for language in ("lt", "en"):
        catalogue = polib.POFile()
        catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        catalogue.append(polib.POEntry(msgid="Translated", msgstr="Išversta"))
        path = project / "locale" / language / "LC_MESSAGES" / "django.po"
        path.parent.mkdir(parents=True)
        catalogue.save(str(path))
        catalogues[path] = path.read_bytes()
    settings.BASE_DIR = project
    settings.LOCALE_PATHS = [project / "locale"]

    with pytest.raises(CommandError) as failure:
        call_command("check_translations")

    assert "lt: missing: 'Only in the code'" in str(failure.value)
    assert "'Translated'" not in str(failure.value)
    assert {path: path.read_bytes() for path in catalogues} == catalogues  # the run wrote nothing there
    assert sorted(p.name for p in (project / "locale").iterdir()) == ["en", "lt"]  # no django.pot left


@pytest.mark.parametrize("language", ["lt", "en"])
def test_error_pages_speak_the_visitors_language(client, db, language):
    response = client.get("/no-such-page/", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert f'<html lang="{language}"' in response.content.decode()
