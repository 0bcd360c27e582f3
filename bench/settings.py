"""Benchmark settings: the portal's own, plus a bare reference view (bench/urls.py), DEBUG off."""

from portal.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# As in production: keep database connections open between requests.
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
