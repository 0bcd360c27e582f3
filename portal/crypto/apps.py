from django.apps import AppConfig


class CryptoConfig(AppConfig):
    name = "portal.crypto"
    label = "crypto"
    verbose_name = "Encryption of personal data"
