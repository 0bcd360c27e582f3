"""Connectors deliver a package (the envelope and the PDFs) to an institution; a registry by name."""

from portal.backoffice.connectors.base import Connector, Package, PermanentFailure, TemporaryFailure
from portal.backoffice.connectors.email import EmailConnector
from portal.backoffice.connectors.filedrop import FileDropConnector
from portal.backoffice.connectors.rest import RestConnector

CONNECTORS: dict[str, Connector] = {
    connector.name: connector for connector in (RestConnector(), EmailConnector(), FileDropConnector())
}


def connector_get(name: str) -> Connector:
    return CONNECTORS[name]


__all__ = ["CONNECTORS", "Connector", "Package", "PermanentFailure", "TemporaryFailure", "connector_get"]
