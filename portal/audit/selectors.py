"""Reading the audit trail: is the chain whole, is every event sealed in time, do the checkpoints hold?"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone

from portal.audit.checkpoints import Checkpoint, checkpoints_read
from portal.audit.hashing import GENESIS_HASH, seal_hash
from portal.audit.models import AuditEvent, AuditSeal


@dataclass(frozen=True)
class ChainReport:
    checked: int  # seals verified, from the first one on
    unsealed: int = 0  # events not sealed yet (the sealer's backlog)
    checkpoints: int = 0  # checkpoints read whose signature holds
    checkpoint_file_found: bool = True
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def _walk(key: str, checkpoints: dict[int, list[Checkpoint]]) -> tuple[int, list[str]]:
    """Follow the chain from its first seal; stop at the first broken link. Checkpoints are compared
    with the seal at their place on the way (and popped)."""
    expected, previous_hash, checked = 1, GENESIS_HASH, 0
    for checkpoint in checkpoints.pop(0, []):
        if checkpoint.hash != GENESIS_HASH:
            return 0, [f"checkpoint of {checkpoint.at} (line {checkpoint.line}) names no seal but a hash"]
    for seal in AuditSeal.objects.select_related("event").order_by("sequence").iterator(chunk_size=2000):
        where = f"seal #{seal.sequence} (event #{seal.event_id})"
        if seal.sequence != expected:
            return checked, [f"seal #{expected} or its event is missing (the next seal is #{seal.sequence})"]
        if seal.previous_hash != previous_hash:
            return checked, [f"{where}: its link to the previous seal does not match"]
        if (
            seal_hash(key=key, sequence=seal.sequence, previous_hash=previous_hash, event=seal.event)
            != seal.hash
        ):
            return checked, [
                f"{where}: the event or its seal was changed after sealing "
                "(or AUDIT_CHAIN_KEY is not the key the chain was sealed with)"
            ]
        for checkpoint in checkpoints.pop(seal.sequence, []):
            if checkpoint.hash != seal.hash or checkpoint.event != seal.event_id:
                return checked, [
                    f"{where} is not the seal the checkpoint of {checkpoint.at} (line {checkpoint.line}) "
                    "names: the chain was rewritten after that checkpoint"
                ]
        previous_hash = seal.hash
        expected += 1
        checked += 1
    return checked, [
        f"the checkpoint of {checkpoint.at} (line {checkpoint.line}) names seal #{checkpoint.sequence}, but "
        f"the chain ends at #{checked}: events were removed from its end after that checkpoint"
        for sequence in sorted(checkpoints)
        for checkpoint in checkpoints[sequence]
    ]


def audit_chain_verify(
    *,
    key: str | None = None,
    checkpoint_file: Path | None = None,
    backlog_seconds: int | None = None,
    now: datetime.datetime | None = None,
) -> ChainReport:
    """Check the whole trail: every seal's link and keyed hash in order, the signed checkpoints against
    the seals they name, and that no event waited longer than ``backlog_seconds`` to be sealed (the
    sealer is not running, or an event was kept off its list)."""
    key = key if key is not None else settings.AUDIT_CHAIN_KEY
    checkpoint_file = Path(checkpoint_file or settings.AUDIT_CHECKPOINT_FILE)
    backlog_seconds = backlog_seconds if backlog_seconds is not None else settings.AUDIT_SEAL_BACKLOG_SECONDS
    problems: list[str] = []
    found = checkpoint_file.is_file()
    checkpoints: list[Checkpoint] = []
    if found:
        checkpoints, problems = checkpoints_read(key=key, path=checkpoint_file)
    by_sequence: dict[int, list[Checkpoint]] = defaultdict(list)
    for checkpoint in checkpoints:
        by_sequence[checkpoint.sequence].append(checkpoint)
    checked, chain_problems = _walk(key, by_sequence)
    problems = chain_problems + problems
    backlog = AuditEvent.objects.filter(seal__isnull=True).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )
    limit = (now or timezone.now()) - datetime.timedelta(seconds=backlog_seconds)
    if backlog["oldest"] is not None and backlog["oldest"] < limit:
        problems.append(
            f"{backlog['count']} event(s) are not sealed, the oldest recorded at "
            f"{backlog['oldest'].isoformat(timespec='seconds')}, more than {backlog_seconds} s ago: the "
            "sealer (beat's audit-seal, or manage.py audit_seal) is not running"
        )
    return ChainReport(
        checked=checked,
        unsealed=backlog["count"],
        checkpoints=len(checkpoints),
        checkpoint_file_found=found,
        problems=problems,
    )
