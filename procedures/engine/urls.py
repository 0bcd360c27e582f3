"""URLs of every registered procedure: its public start page, the wizard, the eligibility pages."""

from collections.abc import Callable
from typing import cast

from django.urls import URLPattern, path

from procedures.engine import views
from procedures.engine.definition import Step
from procedures.engine.registry import registry
from procedures.engine.wizard import ProcedureWizard


def _wizard_patterns() -> list[URLPattern]:
    patterns = []
    for procedure in registry.all():
        if procedure.flow is None:
            continue
        # One wizard class per procedure (formtools keeps the form list on the class); type() returns
        # the subclass it makes, which mypy only knows as "type".
        wizard = cast(
            type[ProcedureWizard],
            type(
                f"{procedure.slug.title().replace('-', '')}Wizard",
                (ProcedureWizard,),
                {"procedure": procedure, "flow": procedure.flow},
            ),
        )
        view = wizard.as_view(
            form_list=[(step.name, step.form_class) for step in procedure.flow.all_steps],
            condition_dict={
                step.name: wizard_condition(step) for step in procedure.flow.all_steps if step.condition
            },
            url_name=f"procedures:{procedure.slug}-step",
            done_step_name="done",
        )
        patterns.append(
            path(f"{procedure.slug}/<uuid:draft_id>/<slug:step>/", view, name=f"{procedure.slug}-step")
        )
    return patterns


def wizard_condition(step: Step) -> Callable[[ProcedureWizard], bool]:
    """formtools asks each step's condition; the answer comes from the wizard's typed answers."""
    return lambda wizard: step.name in wizard.walk().applicable


app_name = "procedures"
urlpatterns = [
    *_wizard_patterns(),
    path("<slug:slug>/begin/", views.procedure_begin, name="begin"),
    path("<slug:slug>/<uuid:draft_id>/stop/<slug:rule>/", views.procedure_stop, name="stop"),
    path("<slug:slug>/", views.procedure_start, name="start"),
]
