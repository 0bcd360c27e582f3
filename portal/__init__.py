"""The Single Digital Gateway portal for EU social-security coordination."""

from portal.celery import app as celery_app

__all__ = ["celery_app"]
