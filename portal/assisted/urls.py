"""Assisted mode's URLs: the caseworker's pages and, for every procedure that can be filled in online,
its wizard for a case (the same steps and rules, another frame)."""

from typing import cast

from django.urls import URLPattern, path

from portal.assisted import declaration_views, eid, handover, home, search, views
from portal.assisted.wizard import AssistedWizard, assisted_flow
from procedures.engine.registry import registry
from procedures.engine.urls import wizard_condition


def _wizard_patterns() -> list[URLPattern]:
    patterns = []
    for procedure in registry.all():
        if procedure.flow is None:
            continue
        flow = assisted_flow(procedure.flow)
        wizard = cast(
            type[AssistedWizard],
            type(
                f"Assisted{procedure.slug.title().replace('-', '')}Wizard",
                (AssistedWizard,),
                {"procedure": procedure, "flow": flow},
            ),
        )
        view = wizard.as_view(
            form_list=[(step.name, step.form_class) for step in flow.all_steps],
            condition_dict={step.name: wizard_condition(step) for step in flow.all_steps if step.condition},
            url_name=f"assisted:{procedure.slug}-step",
            done_step_name="done",
        )
        patterns.append(
            path(
                f"<uuid:case_id>/{procedure.slug}/<uuid:draft_id>/<slug:step>/",
                view,
                name=f"{procedure.slug}-step",
            )
        )
    return patterns


app_name = "assisted"
urlpatterns = [
    path("", home.home, name="home"),
    path("search/", search.search, name="search"),
    path("new/", views.identify, name="identify"),
    path("new/eid/", eid.identify_with_eid, name="identify-eid"),
    path("<uuid:case_id>/eid/", eid.case_eid, name="eid"),
    path("<uuid:case_id>/representative/", views.representative, name="representative"),
    path("<uuid:case_id>/contact/", views.contact, name="contact"),
    path("<uuid:case_id>/procedure/", views.procedure, name="procedure"),
    path("<uuid:case_id>/stop/<slug:rule>/", views.stop, name="stop"),
    path("<uuid:case_id>/declaration/", declaration_views.declaration, name="declaration"),
    path("<uuid:case_id>/handover/", handover.handover, name="handover"),
    path("<uuid:case_id>/documents/<uuid:document_id>/", handover.document_download, name="document"),
    *_wizard_patterns(),
]
