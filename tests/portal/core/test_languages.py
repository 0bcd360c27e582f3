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


@pytest.mark.parametrize("language", ["lt", "en"])
def test_error_pages_speak_the_visitors_language(client, db, language):
    response = client.get("/no-such-page/", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert f'<html lang="{language}"' in response.content.decode()
