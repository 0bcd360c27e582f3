"""Keys and certificates of the service provider (and of the demo node), kept as PEM files.

The SP signs with an EC P-256 key (ECDSA-SHA256) and decrypts assertions with an RSA key (RSA-OAEP key
transport needs RSA). ``manage.py eidas_keys`` creates self-signed development material; production
points the settings at keys issued under the national eIDAS node's onboarding.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class KeyPair:
    key_pem: str
    cert_pem: str

    @property
    def cert_base64(self) -> str:
        """The certificate body as it appears inside ds:X509Certificate."""
        lines = [line for line in self.cert_pem.strip().splitlines() if "-----" not in line]
        return "".join(lines)


def read_pair(key_path: Path, cert_path: Path) -> KeyPair:
    return KeyPair(key_path.read_text(), cert_path.read_text())


def generate_pair(*, common_name: str, kind: str, days: int = 730) -> KeyPair:
    """A new private key (``kind`` "ec" or "rsa") with a self-signed certificate."""
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    key = ec.generate_private_key(ec.SECP256R1()) if kind == "ec" else rsa.generate_private_key(65537, 3072)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return KeyPair(key_pem, certificate.public_bytes(serialization.Encoding.PEM).decode())


def write_pair(pair: KeyPair, key_path: Path, cert_path: Path) -> None:
    key_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_text(pair.key_pem)
    key_path.chmod(0o600)
    cert_path.write_text(pair.cert_pem)
