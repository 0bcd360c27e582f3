"""Reading the audit trail."""

from dataclasses import dataclass

from portal.audit.hashing import GENESIS_HASH, event_digest
from portal.audit.models import AuditEvent


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def audit_chain_verify() -> ChainReport:
    """Walk the whole trail in order and report the first event that breaks the chain."""
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        if event.sequence != expected_sequence:
            return ChainReport(
                checked,
                expected_sequence,
                f"event #{expected_sequence} is missing (next is #{event.sequence})",
            )
        if event.previous_hash != previous_hash:
            return ChainReport(checked, event.sequence, "its link to the previous event does not match")
        if event_digest(event) != event.hash:
            return ChainReport(checked, event.sequence, "its contents were changed after it was written")
        previous_hash = event.hash
        expected_sequence += 1
        checked += 1
    return ChainReport(checked)
