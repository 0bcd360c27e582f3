"""System checks for configuration mistakes that would otherwise surface as a broken page."""

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@register()
def brand_colour_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    colour = settings.PORTAL_BRAND_COLOUR
    if not HEX_COLOUR.match(colour):
        return [Error("PORTAL_BRAND_COLOUR must be a colour like #1d4f7a.", id="portal.E001")]
    # White text sits on the brand colour in the header: WCAG 2.1 AA needs a contrast of 4.5:1.
    contrast = 1.05 / (_relative_luminance(colour) + 0.05)
    if contrast < 4.5:
        return [
            Error(
                f"PORTAL_BRAND_COLOUR {colour} gives white text a contrast of {contrast:.2f}:1; "
                "WCAG 2.1 AA needs at least 4.5:1. Choose a darker colour.",
                id="portal.E002",
            )
        ]
    return []


DEMO_SEAL = settings.BASE_DIR / "static" / "seal" / "demo-seal.svg"


@register(deploy=True)
def institution_seal_check(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """Certificates issued at once carry the institution's seal: production must not print the demo one."""
    seal = settings.INSTITUTION_SEAL_IMAGE
    if not Path(seal).is_file():
        return [Warning(f"INSTITUTION_SEAL_IMAGE {seal} is not a file.", id="portal.W010")]
    if settings.PRODUCTION and Path(seal).resolve() == DEMO_SEAL.resolve():
        return [
            Warning(
                "INSTITUTION_SEAL_IMAGE is the demo seal: certificates issued at once would say DEMO. "
                "Set it to the institution's seal.",
                id="portal.W011",
            )
        ]
    return []
