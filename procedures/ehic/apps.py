from django.apps import AppConfig


class EhicConfig(AppConfig):
    name = "procedures.ehic"
    label = "ehic"

    def ready(self) -> None:
        from procedures.ehic.definition import PROCEDURE
        from procedures.engine.registry import registry

        registry.register(PROCEDURE)
