"""Names and algorithm lists of the eIDAS SAML profile (eIDAS Message Format and Crypto Requirements)."""

# Countries whose citizens can log in through eIDAS (eIDAS codes: EL is Greece): EU-27, IS, LI, NO.
EIDAS_COUNTRY_CODES = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "EL", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
)  # fmt: skip

NS_SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
NS_SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
NS_MD = "urn:oasis:names:tc:SAML:2.0:metadata"
NS_DS = "http://www.w3.org/2000/09/xmldsig#"
NS_XENC = "http://www.w3.org/2001/04/xmlenc#"
NS_EIDAS = "http://eidas.europa.eu/saml-extensions"
NS_ALG = "urn:oasis:names:tc:SAML:metadata:algsupport"

BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
NAME_FORMAT_URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
NAMEID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"

ATTRIBUTE_PREFIX = "http://eidas.europa.eu/attributes/naturalperson/"
PERSON_IDENTIFIER = ATTRIBUTE_PREFIX + "PersonIdentifier"
FAMILY_NAME = ATTRIBUTE_PREFIX + "CurrentFamilyName"
GIVEN_NAME = ATTRIBUTE_PREFIX + "CurrentGivenName"
DATE_OF_BIRTH = ATTRIBUTE_PREFIX + "DateOfBirth"
BIRTH_NAME = ATTRIBUTE_PREFIX + "BirthName"
PLACE_OF_BIRTH = ATTRIBUTE_PREFIX + "PlaceOfBirth"
CURRENT_ADDRESS = ATTRIBUTE_PREFIX + "CurrentAddress"
GENDER = ATTRIBUTE_PREFIX + "Gender"

MANDATORY_ATTRIBUTES = {
    PERSON_IDENTIFIER: "PersonIdentifier",
    FAMILY_NAME: "FamilyName",
    GIVEN_NAME: "FirstName",
    DATE_OF_BIRTH: "DateOfBirth",
}
OPTIONAL_ATTRIBUTES = {
    "BirthName": (BIRTH_NAME, "BirthName"),
    "PlaceOfBirth": (PLACE_OF_BIRTH, "PlaceOfBirth"),
    "CurrentAddress": (CURRENT_ADDRESS, "CurrentAddress"),
    "Gender": (GENDER, "Gender"),
}

LOA_LOW = "http://eidas.europa.eu/LoA/low"
LOA_SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial"
LOA_HIGH = "http://eidas.europa.eu/LoA/high"
LOA_ORDER = [LOA_LOW, LOA_SUBSTANTIAL, LOA_HIGH]

# Allowed algorithms (eIDAS Cryptographic Requirements v1.2+). Anything else in a response is refused.
SIGNATURE_ALGORITHMS = frozenset(
    {
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
        "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
        "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1",
        "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1",
        # RSA PKCS#1 v1.5 with SHA-256 is not in the eIDAS list, but Debian's xmlsec1 (used by many
        # national nodes and by the demo node) cannot produce RSA-PSS; see README "Connecting a real node".
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
    }
)
DIGEST_ALGORITHMS = frozenset(
    {
        "http://www.w3.org/2001/04/xmlenc#sha256",
        "http://www.w3.org/2001/04/xmldsig-more#sha384",
        "http://www.w3.org/2001/04/xmlenc#sha512",
    }
)
DATA_ENCRYPTION_ALGORITHMS = frozenset(
    {
        "http://www.w3.org/2009/xmlenc11#aes128-gcm",
        "http://www.w3.org/2009/xmlenc11#aes192-gcm",
        "http://www.w3.org/2009/xmlenc11#aes256-gcm",
    }
)
KEY_TRANSPORT_ALGORITHMS = frozenset(
    {
        "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
        "http://www.w3.org/2009/xmlenc11#rsa-oaep",
    }
)
SIGNING_ALGORITHM_EC = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
DIGEST_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
