"""PDF benchmark (see bench/README.md): the portal's receipt against WeasyPrint on the same HTML.

For one realistic submitted application (in the bench's own database) it times, in the same run and
interleaved, ``BENCH_PDF_RUNS`` times each:

- ``receipt_render``: the whole receipt as the worker makes it: template, QR code, WeasyPrint PDF/A-3a
  with tags and the envelope attached, then the checksum, the encrypted file, the Document row and the
  audit event (the Document and its file are removed again before the next run);
- ``render path``: template + QR code + ``pdf_render`` only, nothing stored;
- ``weasyprint``: ``weasyprint.HTML(string=html).write_pdf()`` on the same receipt HTML;
- ``weasyprint_pdfa``: the same with the receipt's options (PDF/A-3a, tags, the envelope attached), to
  tell what those options cost from what the portal's own code costs.

Every result is checked (a PDF that opens with ``%PDF-`` and ends with ``%%EOF``; for the receipt, the
stored, decrypted document). One that fails, or raises, stops the benchmark with exit status 1 and no
figure. Prints the medians and the ratios to plain WeasyPrint (target: receipt at most 1.1 times; exit
status 2 above it) and writes var/bench/pdf.json.
"""

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common

RUNS = int(os.environ.get("BENCH_PDF_RUNS", "30"))
WARMUP = 2


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def pdf_error(name: str, content: bytes) -> str | None:
    """Why ``content`` is not a whole PDF, or None."""
    if not content.startswith(b"%PDF-"):
        return f"{name}: {len(content)} bytes that are not a PDF"
    if b"%%EOF" not in content[-1024:]:
        return f"{name}: a PDF cut short ({len(content)} bytes, no %%EOF)"
    return None


def main() -> None:
    common.django_start(broker=False)
    import weasyprint

    from portal.documents.models import Document
    from portal.documents.services import document_content, receipt_render
    from portal.documents.storage import issued_storage

    application = common.application_submitted(common.citizen_new())
    html = common.receipt_html(application)
    payload = json.dumps(application.payload, ensure_ascii=False, indent=2).encode()

    def full_receipt() -> bytes:
        receipt_render(application_id=application.pk)
        return b""  # the stored document is read back and checked afterwards, outside the timed part

    def receipt_remove() -> None:  # outside the timed part: the next run renders again
        for document in Document.objects.filter(application=application):
            issued_storage().delete(document.storage_path)
            document.delete()

    def receipt_stored() -> bytes:
        """The receipt the run stored, decrypted: exactly one Document of kind receipt."""
        documents = list(Document.objects.filter(application=application, kind=Document.Kind.RECEIPT))
        if len(documents) != 1:
            return f"{len(documents)} receipts stored".encode()
        return document_content(documents[0])

    def render_path() -> bytes:
        return common.receipt_pdf(application)

    def plain() -> bytes:
        return weasyprint.HTML(string=html).write_pdf()

    def plain_pdfa() -> bytes:  # WeasyPrint alone, with the receipt's options: what PDF/A and tags cost
        envelope = weasyprint.Attachment(string=payload, name="envelope.json", relationship="Data")
        options = {"pdf_variant": "pdf/a-3a", "pdf_tags": True, "attachments": [envelope]}
        return weasyprint.HTML(string=html).write_pdf(**options)

    def checked(name: str, function: Callable[[], bytes]) -> tuple[float, bytes]:
        """Time one run; whatever it raises or returns that is not a whole PDF is an error."""
        try:
            seconds, content = _timed(function)
            if name == "receipt_render":
                content = receipt_stored()
        except Exception as error:  # noqa: BLE001 - any failure means no figure; it is reported below
            errors.append(f"{name}: {type(error).__name__}: {error}")
            return 0.0, b""
        problem = pdf_error(name, content)
        if problem:
            errors.append(problem)
        return seconds, content

    errors: list[str] = []
    candidates: dict[str, Callable[[], bytes]] = {
        "receipt_render": full_receipt,
        "render_path": render_path,
        "weasyprint": plain,
        "weasyprint_pdfa": plain_pdfa,
    }
    for _ in range(WARMUP):  # fonts, the template cache, database connections
        for name, function in candidates.items():
            checked(name, function)
        receipt_remove()
    times: dict[str, list[float]] = {name: [] for name in candidates}
    sizes: dict[str, int] = {}
    order = list(candidates)
    for run in range(RUNS):
        for name in order if run % 2 == 0 else reversed(order):  # alternate the order: drift cancels
            seconds, content = checked(name, candidates[name])
            times[name].append(seconds)
            sizes[name] = len(content)
        receipt_remove()
    if errors:
        common.refuse("PDF benchmark", errors, report="pdf")
    # The timing code itself runs with the bench process's own clock (time.perf_counter).
    medians = {name: common.median_ms(values) for name, values in times.items()}
    report = {
        "runs": RUNS,
        "warmup_runs": WARMUP,
        "application": {"procedure": application.procedure, "language": application.language},
        "median_ms": medians,
        "min_ms": {name: round(min(values) * 1000, 1) for name, values in times.items()},
        "pdf_bytes": sizes,
        "ratio_receipt_to_weasyprint": round(medians["receipt_render"] / medians["weasyprint"], 3),
        "ratio_render_path_to_weasyprint": round(medians["render_path"] / medians["weasyprint"], 3),
        "ratio_weasyprint_pdfa_to_weasyprint": round(medians["weasyprint_pdfa"] / medians["weasyprint"], 3),
        "target_ratio": 1.1,
        "weasyprint_version": weasyprint.__version__,
    }
    path = common.report_write("pdf", report)
    print(f"PDF benchmark, {RUNS} runs each (median):")
    print(f"  receipt_render (all of it)        {medians['receipt_render']:8.1f} ms")
    print(f"  render path (template + PDF/A)    {medians['render_path']:8.1f} ms")
    print(f"  weasyprint.HTML().write_pdf()     {medians['weasyprint']:8.1f} ms")
    print(f"  the same, PDF/A-3a + tags + file  {medians['weasyprint_pdfa']:8.1f} ms")
    print(
        f"  ratio receipt / weasyprint        {report['ratio_receipt_to_weasyprint']:8.3f}"
        f"  (render path: {report['ratio_render_path_to_weasyprint']:.3f}; target ≤ 1.1)"
    )
    print(f"  written to {path.relative_to(common.ROOT)}")
    ratio = report["ratio_receipt_to_weasyprint"]
    common.finish("PDF benchmark", [common.target_verdict("receipt / weasyprint", ratio, at_most=1.1)])


if __name__ == "__main__":
    main()
