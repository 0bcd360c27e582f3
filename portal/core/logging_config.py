"""The logging configuration (read by portal/settings.py; pure data, no Django imports)."""

from typing import Any


def logging_config(*, level: str) -> dict[str, Any]:
    """Plain lines on the console; server errors also mailed to ADMINS (without local variables)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "plain"},
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "include_html": False,
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
            # PDF rendering reports every step at INFO; only problems matter.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
