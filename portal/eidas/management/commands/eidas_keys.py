from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.eidas.keys import generate_pair, write_pair


class Command(BaseCommand):
    help = (
        "Generate self-signed development keys for the eIDAS service provider (EC P-256 signing key, "
        "RSA-3072 encryption key) and for the demo eIDAS node. Never for production."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-missing", action="store_true", help="keep keys that already exist")

    def handle(self, *args: Any, if_missing: bool, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Production keys come from the eIDAS node onboarding, not from this command.")
        demo = Path(settings.EIDAS_KEY_DIR) / "demo-node"
        wanted = [
            ("ec", "portal eIDAS SP signing", settings.EIDAS_SP_SIGNING_KEY, settings.EIDAS_SP_SIGNING_CERT),
            (
                "rsa",
                "portal eIDAS SP encryption",
                settings.EIDAS_SP_ENCRYPTION_KEY,
                settings.EIDAS_SP_ENCRYPTION_CERT,
            ),
            ("rsa", "demo eIDAS node signing", demo / "signing.key", demo / "signing.crt"),
        ]
        for kind, name, key_path, cert_path in wanted:
            key_path, cert_path = Path(key_path), Path(cert_path)
            if if_missing and key_path.exists() and cert_path.exists():
                continue
            write_pair(generate_pair(common_name=name, kind=kind), key_path, cert_path)
            self.stdout.write(f"wrote {key_path} and {cert_path}")
