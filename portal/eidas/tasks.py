import logging

from celery import shared_task

from portal.eidas.node_metadata import NodeMetadataError, node_metadata_refresh

logger = logging.getLogger(__name__)


@shared_task(name="portal.eidas.tasks.node_metadata_refresh")
def node_metadata_refresh_task() -> None:
    """Keep a fresh copy of the node's metadata; an old copy stays in use only until it expires."""
    try:
        node_metadata_refresh()
    except NodeMetadataError as exc:
        logger.error("eIDAS node metadata refresh failed: %s", exc)
