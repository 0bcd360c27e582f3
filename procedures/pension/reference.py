"""The claim's national tables (pension ages, claim settings) as one value, read once per page.

The claim's rules run many times on one page (the engine checks every stop after every step), so they
read the tables through :func:`reference`: loaded once, kept for the rest of the request (at most a
second), and forgotten at once when an administrator saves or deletes a row in this process. The wizard
calls :func:`reference_data_version` at the start of each request, which loads them afresh.
"""

import threading
import time
from dataclasses import dataclass
from typing import Any

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from procedures.pension.models import PensionAgeRule, PensionSettings
from procedures.pension.rules import AgeRow

FRESH_SECONDS = 1.0
_local = threading.local()


@dataclass(frozen=True)
class Reference:
    configuration: PensionSettings
    rows: tuple[AgeRow, ...]

    @property
    def version(self) -> tuple[Any, ...]:
        """Changes whenever a value the rules read changes."""
        configuration = self.configuration
        return (
            configuration.advance_window_months,
            configuration.minimum_period_age,
            configuration.united_kingdom,
            tuple(str(code) for code in configuration.bilateral_states),
            configuration.pre_retirement_scheme,
            configuration.family_supplements,
            self.rows,
        )


def _load() -> Reference:
    reference_now = Reference(PensionSettings.current(), tuple(PensionAgeRule.age_rows()))
    _local.kept = (time.monotonic(), reference_now)
    return reference_now


def reference() -> Reference:
    kept = getattr(_local, "kept", None)
    if kept is not None and time.monotonic() - kept[0] < FRESH_SECONDS:
        return kept[1]
    return _load()


def reference_data_version() -> Any:
    """For the engine (Flow.reference_data_version): the tables as they are now."""
    return _load().version


@receiver(post_save, sender=PensionSettings)
@receiver(post_delete, sender=PensionSettings)
@receiver(post_save, sender=PensionAgeRule)
@receiver(post_delete, sender=PensionAgeRule)
@receiver(setting_changed)
def reference_forget(**_kwargs: Any) -> None:
    _local.kept = None
