"""python3-saml's settings for the configured service provider and node."""

from onelogin.saml2.settings import OneLogin_Saml2_Settings

from portal.eidas import constants as c
from portal.eidas.config import ServiceProvider
from portal.eidas.node_metadata import NodeMetadata


def saml_settings(sp: ServiceProvider, node: NodeMetadata) -> OneLogin_Saml2_Settings:
    return OneLogin_Saml2_Settings(
        {
            "strict": True,
            "debug": False,
            "sp": {
                "entityId": sp.entity_id,
                "assertionConsumerService": {"url": sp.acs_url, "binding": c.BINDING_POST},
                "NameIDFormat": c.NAMEID_UNSPECIFIED,
                # python3-saml uses the SP key only to decrypt assertions; requests are signed with the
                # separate signing key (portal.eidas.xmlsign).
                "x509cert": sp.encryption.cert_pem,
                "privateKey": sp.encryption.key_pem,
            },
            "idp": node.idp_settings(),
            "security": {
                "authnRequestsSigned": False,
                "wantMessagesSigned": True,
                "wantAssertionsSigned": True,
                "wantAssertionsEncrypted": True,
                "wantNameId": True,
                "wantAttributeStatement": True,
                "requestedAuthnContext": [sp.required_loa],
                "requestedAuthnContextComparison": "minimum",
                # python3-saml compares levels by equality; ours is ordered (config.loa_at_least).
                "failOnAuthnContextMismatch": False,
                "rejectDeprecatedAlgorithm": True,
                "allowRepeatAttributeName": True,
            },
        },
        sp_validation_only=False,
    )
