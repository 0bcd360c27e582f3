"""Fail when a user-facing string lacks a translation in any shipped language.

Extracts the strings of the code as it is now into a temporary copy of the catalogues (so the
committed files are not touched), then lists every entry that is missing, empty or fuzzy.
"""

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands import makemessages
from django.test.utils import override_settings

IGNORE = [".venv", "node_modules", "var", "static/vendor", "tests", "bench", "deploy"]


def untranslated_entries(po_path: Path) -> list[str]:
    catalogue = polib.pofile(str(po_path))
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.fuzzy:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                problems.append(f"missing plural: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"missing: {entry.msgid!r}")
    return problems


class _ExtractInto(makemessages.Command):
    """makemessages that writes only into ``locale_dir`` (also given as LOCALE_PATHS). Run from the
    project root, makemessages files every string under the committed ./locale, the nearest locale
    directory, so the check rewrote the catalogues and read a copy that never received the new strings.
    """

    def __init__(self, locale_dir: Path) -> None:
        super().__init__()
        self.locale_dir = str(locale_dir)

    def find_files(self, root: str) -> list[Any]:
        files = super().find_files(root)
        for translatable in files:
            translatable.locale_dir = self.locale_dir
        return files


class Command(BaseCommand):
    help = "Check that every user-facing string is translated in every language of settings.LANGUAGES."

    def handle(self, *args: Any, **options: Any) -> None:
        languages = [code for code, _name in settings.LANGUAGES]
        source = Path(settings.LOCALE_PATHS[0])
        failures: list[str] = []
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "locale"
            shutil.copytree(source, copy)
            # makemessages extracts from the current directory: the project root.
            with override_settings(LOCALE_PATHS=[copy]), contextlib.chdir(settings.BASE_DIR):
                call_command(
                    _ExtractInto(copy),
                    locale=languages,
                    ignore_patterns=IGNORE,
                    no_obsolete=True,
                    verbosity=0,
                )
            for language in languages:
                po_path = copy / language / "LC_MESSAGES" / "django.po"
                if not po_path.exists():
                    failures.append(f"{language}: no catalogue")
                    continue
                failures.extend(f"{language}: {problem}" for problem in untranslated_entries(po_path))
        if failures:
            listing = "\n".join(failures)
            raise CommandError(
                f"{len(failures)} untranslated string(s); "
                f"run `make translations-update` and translate:\n{listing}"
            )
        self.stdout.write(self.style.SUCCESS(f"All strings are translated in {', '.join(languages)}."))
