"""The registry of procedures. Each procedure package registers its definition from ``AppConfig.ready``."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Procedure:
    """What the start page and the procedure's own pages say about it, and who handles it."""

    slug: str
    title: Promise | str
    summary: Promise | str
    who_can_use: Promise | str
    outcome: Promise | str
    institution_code: str
    what_you_need: list[Promise | str] = field(default_factory=list)
    flow: Any = None  # procedures.engine.definition.Flow once the procedure can be filled in online
    # The receipt fixes the claim date (pensions: the date counts in every state concerned).
    receipt_is_claim_date: bool = False


class ProcedureRegistry:
    def __init__(self) -> None:
        self._procedures: dict[str, Procedure] = {}

    def register(self, procedure: Procedure) -> None:
        if procedure.slug in self._procedures:
            raise ValueError(f"Procedure {procedure.slug!r} is registered twice.")
        self._procedures[procedure.slug] = procedure

    def get(self, slug: str) -> Procedure | None:
        return self._procedures.get(slug)

    def all(self) -> list[Procedure]:
        return list(self._procedures.values())


registry = ProcedureRegistry()
