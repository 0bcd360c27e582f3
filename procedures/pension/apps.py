from django.apps import AppConfig


class PensionConfig(AppConfig):
    name = "procedures.pension"
    label = "pension"

    def ready(self) -> None:
        from procedures.engine.registry import registry
        from procedures.pension.definition import PROCEDURE

        registry.register(PROCEDURE)
