"""Signed checkpoints of the chain's head, kept where the database cannot change them.

Each checkpoint names the last seal (its place, its event and its hash) and the time, signed with
``AUDIT_CHAIN_KEY``. It is written as one JSON line to an append-only file (``AUDIT_CHECKPOINT_FILE``; in
production on a write-once volume) and as a log line (shipped to a separate log store). Whoever can
rewrite the database cannot rewrite these: a chain cut short or rewritten after a checkpoint no longer
holds the seal the checkpoint names, and ``audit_verify`` says so.

Reading accepts the file or an extract of the log: any line with a checkpoint's JSON object in it.
"""

import datetime
import hmac
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from portal.audit.hashing import GENESIS_HASH, checkpoint_signature
from portal.audit.models import AuditSeal

logger = logging.getLogger(__name__)

_SIGNED_FIELDS = ("sequence", "event", "hash", "at")


@dataclass(frozen=True)
class Checkpoint:
    sequence: int  # 0: the chain was still empty
    event: int | None
    hash: str
    at: str
    line: int = 0  # where it was read, for messages


def checkpoint_write(*, key: str, path: Path) -> Checkpoint:
    """Sign the chain's current head and append it to ``path`` (created if missing) and to the log."""
    head = AuditSeal.objects.order_by("-sequence").only("sequence", "event_id", "hash").first()
    checkpoint = Checkpoint(
        sequence=head.sequence if head else 0,
        event=head.event_id if head else None,
        hash=head.hash if head else GENESIS_HASH,
        at=timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds"),
    )
    fields = {name: getattr(checkpoint, name) for name in _SIGNED_FIELDS}
    line = json.dumps({**fields, "signature": checkpoint_signature(key=key, fields=fields)})
    path.parent.mkdir(parents=True, exist_ok=True)
    # One write on a file opened for appending only: lines from two workers never interleave, and
    # nothing already written is touched.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(descriptor, (line + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    logger.info("audit checkpoint %s", line)
    return checkpoint


def _objects(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, text in enumerate(lines, start=1):
            if "{" in text:  # a log line carries the JSON after its prefix
                yield number, text[text.index("{") :].strip()


def checkpoints_read(*, key: str, path: Path) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints in ``path`` whose signature holds, and a sentence for every line that is not a
    well-formed checkpoint signed with ``key``."""
    checkpoints: list[Checkpoint] = []
    problems: list[str] = []
    for number, text in _objects(path):
        try:
            document = json.loads(text)
            fields = {name: document[name] for name in _SIGNED_FIELDS}
            signature = str(document["signature"])
            checkpoint = Checkpoint(
                sequence=int(fields["sequence"]),
                event=None if fields["event"] is None else int(fields["event"]),
                hash=str(fields["hash"]),
                at=str(fields["at"]),
                line=number,
            )
        except (ValueError, TypeError, KeyError):
            problems.append(f"{path}, line {number}: not a readable checkpoint")
            continue
        if not hmac.compare_digest(signature, checkpoint_signature(key=key, fields=fields)):
            problems.append(
                f"{path}, line {number}: the checkpoint's signature does not match: the line was forged "
                "or altered (or AUDIT_CHAIN_KEY is not the key that signed it)"
            )
            continue
        checkpoints.append(checkpoint)
    return checkpoints, problems
