"""What the benchmarks share: their own database and Redis db, Django, an application, and the rule
that a benchmark with a single failed request reports no figure.

The benchmarks never touch the development or test data: they use the PostgreSQL database
``portal_bench`` (``BENCH_DATABASE``), dropped and migrated afresh on every run, and the Redis db 11
(``BENCH_REDIS_DB``), emptied before a benchmark starts a server or workers. Documents go to
``var/bench/media``.
"""

import datetime
import json
import os
import shutil
import statistics
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "var" / "bench"
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "portal_bench")
REDIS_HOST = os.environ.get("BENCH_REDIS_HOST", "127.0.0.1:6379")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "11"))
PROCEDURE = "applicable-legislation"
LANGUAGE = "lt"

# Other people's data: never drop, migrate or flush these.
_NOT_OURS_DATABASES = {"portal", "test_portal", "portal_helper", "portal_faults", "postgres"}
_NOT_OURS_REDIS_DBS = {12, 13, 15}


def redis_url() -> str:
    return f"redis://{REDIS_HOST}/{REDIS_DB}"


def environment(*, broker: bool) -> dict[str, str]:
    """The environment of the benchmark process and of the workers it starts. It overrides what the
    Makefile's test environment sets (DATABASE_URL, REDIS_URL), so no other database is ever used.
    Without ``broker`` tasks go to an in-memory broker nobody consumes (the PDF benchmark)."""
    if DATABASE in _NOT_OURS_DATABASES or REDIS_DB in _NOT_OURS_REDIS_DBS:
        raise SystemExit(f"refusing to use database {DATABASE!r} / Redis db {REDIS_DB}: not the bench's")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_ENV": "development",
        "DATABASE_URL": f"postgres://{POSTGRES}/{DATABASE}",
        "REDIS_URL": redis_url() if broker else "",
        "CELERY_BROKER_URL": redis_url() if broker else "memory://localhost/",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(OUT_DIR / "media"),
        "BACKOFFICE_OUTBOX_DIR": str(OUT_DIR / "outbox"),
        "LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",
    }


def database_fresh() -> None:
    """Drop and create the bench database (our own connections only: it is nobody else's)."""
    import psycopg

    with psycopg.connect(f"postgresql://{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def redis_flush() -> None:
    """Empty the bench's own Redis db: stale messages, sessions and cache entries of a past run."""
    import redis

    redis.Redis.from_url(redis_url()).flushdb()


def django_start(*, broker: bool) -> dict[str, str]:
    """Fresh database (and no documents), this process configured for it, migrations applied; returns
    the environment. With ``broker`` the bench's Redis db is emptied too."""
    env = environment(broker=broker)
    os.environ.update(env)
    database_fresh()
    if broker:
        redis_flush()
    shutil.rmtree(OUT_DIR / "media", ignore_errors=True)  # the documents of the dropped database
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    return env


SUMMARY = [
    ("Prašymo tipas", "Komandiruojamas darbuotojas"),
    ("Šalis, kurioje dirbsite", "Vokietija"),
    ("Darbo pradžia", "2026-09-01"),
    ("Darbo pabaiga", "2027-02-28"),
    ("Darbdavys", "UAB Statyba"),
    ("Darbdavio kodas", "302845117"),
    ("Darbdavio adresas", "Savanorių pr. 123, LT-03150 Vilnius"),
    ("Darbo vieta užsienyje", "Baustelle Hafencity, Am Sandtorkai 50, 20457 Hamburg"),
    ("Ar anksčiau buvote komandiruotas?", "Ne"),
    ("Pilietybė", "Lietuvos"),
    ("El. paštas", "jonas.kazlauskas@example.lt"),
    ("Telefono numeris", ""),
]


def submission() -> Any:
    """A realistic A1 (posted worker) submission in Lithuanian, as the wizard hands it over."""
    from portal.applications.services import Submission

    return Submission(
        reference_prefix="A1",
        beneficiary={"family_name": "Kazlauskas", "given_name": "Jonas", "date_of_birth": "1990-06-21"},
        answers={"request_type": "posted_employee", "country": "DE", "start": "2026-09-01"},
        institution={"country": "LT", "id": "sodra", "name": "Valstybinio socialinio draudimo fondo valdyba"},
        sed_hints=["A009"],
        level_of_assurance="http://eidas.europa.eu/LoA/substantial",
        person_identifier="LT/LT/39006210214",
        summary=[{"label": label, "value": value} for label, value in SUMMARY],
    )


def citizen_new() -> Any:
    from portal.accounts.services import citizen_identity_upsert

    return citizen_identity_upsert(
        person_identifier="LT/LT/39006210214",
        family_name="Kazlauskas",
        given_name="Jonas",
        date_of_birth=datetime.date(1990, 6, 21),
        level_of_assurance="http://eidas.europa.eu/LoA/substantial",
    )


def application_submitted(citizen: Any) -> Any:
    """A draft started and sent through the service layer (its on_commit hook queues the receipt)."""
    from portal.applications.services import draft_start
    from portal.pipeline.services import application_submit

    draft = draft_start(owner=citizen, procedure=PROCEDURE)
    return application_submit(draft_id=draft.pk, owner=citizen, submission=submission(), language=LANGUAGE)


def receipt_html(application: Any) -> str:
    """The receipt's HTML exactly as ``receipt_render`` builds it (template, QR code, language)."""
    from django.utils import translation

    from portal.documents.models import document_number_new
    from portal.documents.services import _receipt_html

    with translation.override(application.language):
        return _receipt_html(application, document_number_new())


def receipt_pdf(application: Any) -> bytes:
    """The render path of ``receipt_render`` without storing: template + WeasyPrint PDF/A-3a, tagged,
    with the envelope attached."""
    from portal.documents.services import pdf_render

    envelope = json.dumps(application.payload, ensure_ascii=False, indent=2).encode()
    html = receipt_html(application)
    return pdf_render(html=html, language=application.language, attachments={"envelope.json": envelope})


def median_ms(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 1)


def report_write(name: str, report: dict[str, Any]) -> Path:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{name}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return path


# --- No figure from a run that failed ---------------------------------------------------------------------

# Exit statuses of every benchmark: 0 figures reported and every target met; 1 something failed, so no
# figure is reported; 2 figures reported, but a target of quality.md is missed.
EXIT_FAILED = 1
EXIT_TARGET_MISSED = 2


def outcome_errors(outcomes: Mapping[str, Mapping[str, int]], expected: Mapping[str, str]) -> list[str]:
    """What went wrong among counted requests: ``outcomes`` maps each request's label to how often each
    outcome came back (``{"GET /": {"200": 950, "500": 2}}``), ``expected`` the one outcome each label
    must always have (``"200"``; ``"302"`` for a valid wizard POST). A label that was expected but never
    answered is an error too: a figure measured without it would not measure what it says."""
    errors = []
    for label, wanted in expected.items():
        counts = outcomes.get(label, {})
        if not any(counts.values()):
            errors.append(f"{label}: no answer counted (expected {wanted})")
        for outcome, count in sorted(counts.items()):
            if outcome != wanted and count:
                errors.append(f"{label}: {count} times {outcome} (expected {wanted})")
    for label in sorted(set(outcomes) - set(expected)):
        errors.append(f"{label}: answered, but nothing says what it should answer")
    return errors


def refuse(benchmark: str, errors: list[str], *, report: str) -> NoReturn:
    """Print what failed and stop without a figure: a rate or a ratio over failed requests is wrong. The
    figures of an earlier run (``var/bench/<report>.json``) go too, so that none is taken for this one's."""
    (OUT_DIR / f"{report}.json").unlink(missing_ok=True)
    print(f"{benchmark}: {len(errors)} error(s), so no figure is reported:", file=sys.stderr)
    for error in errors:
        print(f"  {error}", file=sys.stderr)
    raise SystemExit(EXIT_FAILED)


def target_verdict(
    name: str, value: float | None, *, at_least: float | None = None, at_most: float | None = None
) -> str | None:
    """None when ``value`` meets its target, else the sentence saying how it misses it."""
    if value is None:
        return f"{name}: not measured"
    if at_least is not None and value < at_least:
        return f"{name} {value} is below the target {at_least}"
    if at_most is not None and value > at_most:
        return f"{name} {value} is above the target {at_most}"
    return None


def finish(benchmark: str, misses: list[str | None]) -> None:
    """After the figures are printed: exit 2 (the figures stand) when a target is missed."""
    missed = [miss for miss in misses if miss]
    for miss in missed:
        print(f"{benchmark}: TARGET MISSED: {miss}", file=sys.stderr)
    if missed:
        raise SystemExit(EXIT_TARGET_MISSED)
