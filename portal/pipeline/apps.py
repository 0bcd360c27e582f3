from django.apps import AppConfig


class PipelineConfig(AppConfig):
    """The order after Send (no models: it calls the apps that own the data)."""

    name = "portal.pipeline"
    label = "pipeline"
