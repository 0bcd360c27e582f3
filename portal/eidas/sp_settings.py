"""The eIDAS service provider's settings, read from the environment (see README "Connecting a real eIDAS
node"). portal/settings.py imports them once the .env file is loaded; the code reads them from
django.conf.settings (portal.eidas.config)."""

from pathlib import Path

import environ

from portal.eidas.constants import EIDAS_COUNTRY_CODES

__all__ = [
    "EIDAS_CLOCK_SKEW_SECONDS",
    "EIDAS_COUNTRIES",
    "EIDAS_KEY_DIR",
    "EIDAS_NODE_METADATA_FILE",
    "EIDAS_NODE_METADATA_SIGNING_CERT",
    "EIDAS_NODE_METADATA_URL",
    "EIDAS_PROVIDER_NAME",
    "EIDAS_REQUESTED_OPTIONAL_ATTRIBUTES",
    "EIDAS_REQUIRED_LOA",
    "EIDAS_SP_ENCRYPTION_CERT",
    "EIDAS_SP_ENCRYPTION_KEY",
    "EIDAS_SP_ENTITY_ID",
    "EIDAS_SP_NEXT_SIGNING_CERT",
    "EIDAS_SP_SIGNING_CERT",
    "EIDAS_SP_SIGNING_KEY",
    "EIDAS_SP_TYPE",
]

env = environ.Env()
_VAR_DIR = Path(__file__).resolve().parent.parent.parent / "var"  # portal/settings.py's VAR_DIR

# Empty entity ID: <PORTAL_SITE_URL>/eidas/metadata/ (the SP metadata URL, as the eIDAS profile asks).
EIDAS_SP_ENTITY_ID = env.str("EIDAS_SP_ENTITY_ID", default="")
EIDAS_PROVIDER_NAME = env.str("EIDAS_PROVIDER_NAME", default="Social security portal")
EIDAS_SP_TYPE = env.str("EIDAS_SP_TYPE", default="public")
EIDAS_REQUIRED_LOA = env.str("EIDAS_REQUIRED_LOA", default="http://eidas.europa.eu/LoA/substantial")
EIDAS_REQUESTED_OPTIONAL_ATTRIBUTES = env.list(
    "EIDAS_REQUESTED_OPTIONAL_ATTRIBUTES", default=["BirthName", "PlaceOfBirth", "CurrentAddress", "Gender"]
)
# Countries offered on the country page: EU-27, Iceland, Liechtenstein, Norway.
EIDAS_COUNTRIES = env.list("EIDAS_COUNTRIES", default=list(EIDAS_COUNTRY_CODES))
EIDAS_KEY_DIR = Path(env.str("EIDAS_KEY_DIR", default=str(_VAR_DIR / "eidas")))
EIDAS_SP_SIGNING_KEY = Path(env.str("EIDAS_SP_SIGNING_KEY", default=str(EIDAS_KEY_DIR / "sp-signing.key")))
EIDAS_SP_SIGNING_CERT = Path(env.str("EIDAS_SP_SIGNING_CERT", default=str(EIDAS_KEY_DIR / "sp-signing.crt")))
EIDAS_SP_ENCRYPTION_KEY = Path(
    env.str("EIDAS_SP_ENCRYPTION_KEY", default=str(EIDAS_KEY_DIR / "sp-encryption.key"))
)
EIDAS_SP_ENCRYPTION_CERT = Path(
    env.str("EIDAS_SP_ENCRYPTION_CERT", default=str(EIDAS_KEY_DIR / "sp-encryption.crt"))
)
# Published in metadata ahead of a key rollover; empty when there is none.
EIDAS_SP_NEXT_SIGNING_CERT = env.str("EIDAS_SP_NEXT_SIGNING_CERT", default="")
# The node's metadata: a URL, or a file; its signature is checked with this certificate.
# Empty URL and file with the demo node on: the demo node's own metadata.
EIDAS_NODE_METADATA_URL = env.str("EIDAS_NODE_METADATA_URL", default="")
EIDAS_NODE_METADATA_FILE = env.str("EIDAS_NODE_METADATA_FILE", default="")
EIDAS_NODE_METADATA_SIGNING_CERT = env.str("EIDAS_NODE_METADATA_SIGNING_CERT", default="")
EIDAS_CLOCK_SKEW_SECONDS = env.int("EIDAS_CLOCK_SKEW_SECONDS", default=60)
