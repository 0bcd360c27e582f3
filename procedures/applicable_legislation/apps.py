from django.apps import AppConfig


class ApplicableLegislationConfig(AppConfig):
    name = "procedures.applicable_legislation"
    label = "applicable_legislation"

    def ready(self) -> None:
        from procedures.applicable_legislation.definition import PROCEDURE
        from procedures.engine.registry import registry

        registry.register(PROCEDURE)
