"""Loaded before Django (``-p tests.environment`` in the pytest options): the test run asks for the
development profile, as ``make test`` does, so that a bare ``python -m pytest`` works too. Settings
refuse to start without ``DJANGO_ENV``; tests of that refusal start their own processes without it."""

import os

os.environ.setdefault("DJANGO_ENV", "development")
