"""Configuration of the portal, read from the environment (django-environ).

The portal refuses to start unless ``DJANGO_ENV`` says which profile is meant, so that a process
started with no configuration at all never runs on public development keys. ``DJANGO_ENV=development``
(set by ``make run``, ``make test`` and the tests) asks for the embedded laptop defaults: SQLite in
``var/``, Celery tasks executed eagerly, console email, DEBUG on and the demo eIDAS node on.
``DJANGO_ENV=production`` has safe defaults and refuses to start without the settings production cannot
guess. Every variable is listed with its default and meaning in ``.env.example``.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.backoffice.api.config import SPECTACULAR_SETTINGS, rest_framework_settings  # noqa: F401 - a setting
from portal.core.countries import country_name_overrides
from portal.core.csp_config import content_security_policy
from portal.core.logging_config import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        "DJANGO_ENV is not set (or not 'development' or 'production'). A server needs DJANGO_ENV=production "
        "with SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY and "
        "AUDIT_CHAIN_KEY; DJANGO_ENV=development asks for the insecure laptop defaults (make run sets it)."
    )
PRODUCTION = DJANGO_ENV == "production"

# Development-only fallbacks. Production must set each of these explicitly (checked below).
_DEV_SECRET_KEY = "development-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105
_DEV_FIELD_KEY = "ZGV2ZWxvcG1lbnQtb25seS1maWVsZC1rZXktMDAwMDA="

SECRET_KEY = env.str("SECRET_KEY", default="" if PRODUCTION else _DEV_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if PRODUCTION:
    _missing = [
        name for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL") if not env.str(name, "")
    ]
    if _missing:
        raise ImproperlyConfigured(
            f"Production settings need these environment variables: {', '.join(_missing)}."
        )
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY == _DEV_SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY must be a random value of at least 50 characters in production."
        )
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production.")

# --- Applications --------------------------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "csp",
    "django_countries",
    "portal.core",
    "portal.crypto",
    "portal.audit",
    "portal.institutions",
    "portal.accounts",
    "portal.pages",
    "portal.eidas",
    "portal.applications",
    "portal.documents",
    "portal.backoffice",
    "portal.notifications",
    "portal.pipeline",
    "portal.registers",
    "portal.assisted",
    "rest_framework",
    "drf_spectacular",
    "procedures.engine",
    "procedures.applicable_legislation",
    "procedures.ehic",
    "procedures.pension",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.core.sessions.IdleTimeoutMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.accounts.middleware.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if PRODUCTION:
    # Serves the collected, hashed static files when no nginx sits in front (e.g. Kubernetes).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "portal.urls"
# Widget templates come from the project's templates too (the GOV.UK date input).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "portal.core.context_processors.portal",
            ],
        },
    },
]

# --- Data stores ---------------------------------------------------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if PRODUCTION and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production needs PostgreSQL: set DATABASE_URL=postgres://…")

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery (portal/celery.py reads every CELERY_* setting) ----------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
# The beat schedule lives with the Celery app in portal/celery.py.

# --- Delivery to institutions (portal/backoffice) ---------------------------------------------------------

# Where the file drop writes when a procedure has no delivery route configured in admin.
BACKOFFICE_OUTBOX_DIR = env.path("BACKOFFICE_OUTBOX_DIR", default=VAR_DIR / "outbox")
BACKOFFICE_MAX_ATTEMPTS = env.int("BACKOFFICE_MAX_ATTEMPTS", default=10)
BACKOFFICE_RETRY_BASE_SECONDS = env.int("BACKOFFICE_RETRY_BASE_SECONDS", default=30)
BACKOFFICE_RETRY_MAX_SECONDS = env.int("BACKOFFICE_RETRY_MAX_SECONDS", default=6 * 60 * 60)
# An attempt still "in progress" after this long belongs to a worker that died: the sweeper retries it.
BACKOFFICE_IN_PROGRESS_TIMEOUT_SECONDS = env.int("BACKOFFICE_IN_PROGRESS_TIMEOUT_SECONDS", default=300)
NOTIFY_MAX_ATTEMPTS = env.int("NOTIFY_MAX_ATTEMPTS", default=8)
NOTIFY_RETRY_BASE_SECONDS = env.int("NOTIFY_RETRY_BASE_SECONDS", default=60)

# --- Institution API (/api/v1/) --------------------------------------------------------------------------

# How many reverse proxies (nginx, ingress) append to X-Forwarded-For in front of the portal.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if PRODUCTION else 0)
REST_FRAMEWORK = rest_framework_settings(
    rate_limit=env.str("API_RATE_LIMIT", default="600/minute"), trusted_proxy_count=TRUSTED_PROXY_COUNT
)
API_DECISION_MAX_BYTES = env.int("API_DECISION_MAX_BYTES", default=10 * 1024 * 1024)

# --- Email ---------------------------------------------------------------------------------------------

_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Portal administrators", address) for address in env.list("ADMIN_EMAILS", default=[])]

# --- Accounts, allauth and second factor ---------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:staff-home"
ACCOUNT_ADAPTER = "portal.accounts.adapters.StaffAccountAdapter"
ACCOUNT_USER_DISPLAY = "portal.accounts.selectors.user_display_name"  # never "citizen-3e82…"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": env.str("LOGIN_FAILED_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
}
# Citizens arrive through eIDAS only (portal.eidas.provider); no other social providers are installed.
SOCIALACCOUNT_ADAPTER = "portal.eidas.adapters.EidasSocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Social security portal")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_RECOVERY_CODE_COUNT = 10
# Accept the code of the neighbouring 30-second period too (clock drift, typing across a period end);
# allauth still refuses a code that has been used once.
MFA_TOTP_TOLERANCE = 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Sessions and idle timeout (WCAG 2.2.1: warn before the session ends, offer to extend it) ---------

SESSION_IDLE_TIMEOUT_CITIZEN = env.int("SESSION_IDLE_TIMEOUT_CITIZEN", default=15 * 60)
SESSION_IDLE_TIMEOUT_STAFF = env.int("SESSION_IDLE_TIMEOUT_STAFF", default=30 * 60)
SESSION_TIMEOUT_WARNING = env.int("SESSION_TIMEOUT_WARNING", default=2 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)

# --- Languages -----------------------------------------------------------------------------------------

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="lt")
LANGUAGES = [("lt", _("Lithuanian")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Vilnius")
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.core.formats"]  # GOV.UK dates in English, the Lithuanian norm in Lithuanian

# --- Static files --------------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Private: documents people upload and the portal produces. Never served by the web server directly.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Larger images are refused (decompression bombs); the default is Pillow's own limit.
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=89_478_485)
# Uploads up to the limit stay in memory until they are stored encrypted: no plaintext temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 64 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600

# --- Security headers ----------------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env.bool(
    "SECURE_COOKIES", default=PRODUCTION
)
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63072000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
# nginx (or the ingress) terminates TLS and sets X-Forwarded-Proto; see deploy/nginx/portal.conf.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", PRODUCTION) else None
)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]

CONTENT_SECURITY_POLICY = content_security_policy(
    form_action_extra=env.list("CSP_FORM_ACTION_EXTRA", default=[]), production=PRODUCTION
)

# Local variables and POST data can hold decrypted personal data: never put them in error reports.
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.core.reporting.PersonalDataExceptionReporterFilter"

LOGGING = logging_config(level=env.str("LOG_LEVEL", default="INFO"))

# --- Personal data encryption --------------------------------------------------------------------------

# Fernet keys, newest first. New values are written with the first; every key still decrypts.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[] if PRODUCTION else [_DEV_FIELD_KEY])
# Key for blind indexes (HMAC of a value, to look records up without decrypting them). Not rotated.
BLIND_INDEX_KEY = env.str("BLIND_INDEX_KEY", default="" if PRODUCTION else "development-only-blind-index-key")
if PRODUCTION and (not FIELD_ENCRYPTION_KEYS or not BLIND_INDEX_KEY):
    raise ImproperlyConfigured("Production needs FIELD_ENCRYPTION_KEYS and BLIND_INDEX_KEY.")

# --- Audit trail (portal/audit) ------------------------------------------------------------------------

# Key of the audit chain's hashes and checkpoint signatures. Never rotated: the whole chain is sealed
# with it, and audit_verify needs it for as long as the trail is kept.
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="" if PRODUCTION else "development-only-audit-chain-key")
if PRODUCTION and not AUDIT_CHAIN_KEY:
    raise ImproperlyConfigured("Production needs AUDIT_CHAIN_KEY.")
# Append-only file of signed checkpoints of the chain's head (production: a write-once volume).
AUDIT_CHECKPOINT_FILE = env.path("AUDIT_CHECKPOINT_FILE", default=VAR_DIR / "audit-checkpoints.jsonl")
# audit_verify fails when an event has waited longer than this to be sealed: the sealer is not running.
AUDIT_SEAL_BACKLOG_SECONDS = env.int("AUDIT_SEAL_BACKLOG_SECONDS", default=600)

# --- The portal ----------------------------------------------------------------------------------------

PORTAL_SERVICE_NAME = env.str("PORTAL_SERVICE_NAME", default="")  # empty: the translated default name
PORTAL_INSTITUTION_NAME = env.str("PORTAL_INSTITUTION_NAME", default="")  # empty: the translated default
PORTAL_BRAND_COLOUR = env.str("PORTAL_BRAND_COLOUR", default="#1d4f7a")
PORTAL_COUNTRY = env.str("PORTAL_COUNTRY", default="LT")
# Countries offered besides EU-27, Iceland, Liechtenstein, Norway and Switzerland (e.g. GB under the
# Withdrawal Agreement), as ISO 3166 codes.
COORDINATION_EXTRA_COUNTRIES = env.list("COORDINATION_EXTRA_COUNTRIES", default=[])
COUNTRIES_OVERRIDE = country_name_overrides()  # the EU style guide's names: Nyderlandai, not Olandija
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="pagalba@example.lt")
PORTAL_CONTACT_PHONE = env.str("PORTAL_CONTACT_PHONE", default="+370 5 000 0000")
PORTAL_SITE_URL = env.str("PORTAL_SITE_URL", default="http://127.0.0.1:8000")
# Drafts not touched for this many days are deleted (the person sees the date on "Your applications").
DRAFT_RETENTION_DAYS = env.int("DRAFT_RETENTION_DAYS", default=30)
# Days a claim code printed on the hand-over sheet of an assisted application stays valid.
ASSISTED_CLAIM_CODE_DAYS = env.int("ASSISTED_CLAIM_CODE_DAYS", default=30)
# National registers (portal/registers/connectors.py): a dotted path to the client class, or empty when
# the deployment has no connection (the person then declares it and the institution checks it).
_DEMO_REGISTERS = not PRODUCTION
INSURANCE_REGISTER = env.str(
    "INSURANCE_REGISTER", default="portal.registers.demo.DemoInsuranceRegister" if _DEMO_REGISTERS else ""
)
POPULATION_REGISTER = env.str(
    "POPULATION_REGISTER", default="portal.registers.demo.DemoPopulationRegister" if _DEMO_REGISTERS else ""
)
PENSION_RECORD_REGISTER = env.str(
    "PENSION_RECORD_REGISTER",
    default="portal.registers.demo.DemoPensionRecordRegister" if _DEMO_REGISTERS else "",
)
# How long after Send the sweeper tries again a certificate whose rendering failed (then it comes with the
# institution's decision; the failure is in the logs).
CERTIFICATE_RETRY_SECONDS = env.int("CERTIFICATE_RETRY_SECONDS", default=24 * 60 * 60)
# The institution's seal printed on the certificates it issues at once (a PNG or SVG file).
INSTITUTION_SEAL_IMAGE = env.path(
    "INSTITUTION_SEAL_IMAGE", default=BASE_DIR / "static" / "seal" / "demo-seal.svg"
)
EIDAS_DEMO_NODE = env.bool("EIDAS_DEMO_NODE", default=not PRODUCTION)

# --- eIDAS service provider (portal/eidas; see README "Connecting a real eIDAS node") ------------------

# Read here, after the .env file above has been loaded into the environment.
from portal.eidas.sp_settings import *  # noqa: E402, F403 - the EIDAS_* settings of the service provider

READYZ_CELERY_PING = env.bool("READYZ_CELERY_PING", default=False)
# django-allauth's rate limits key on the client address too; it must see through the same proxies.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
