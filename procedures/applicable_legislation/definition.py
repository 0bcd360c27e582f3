from django.utils.translation import gettext_lazy as _

from procedures.applicable_legislation.flow import FLOW
from procedures.engine.registry import Procedure

PROCEDURE = Procedure(
    slug="applicable-legislation",
    title=_("Find out which country's social security covers you (certificate A1)"),
    summary=_(
        "If you work in more than one country, or your employer sends you to work abroad for a while, "
        "only one country's social security covers you. Ask us which one. If it is this country, we "
        "send you a certificate A1 to show at work abroad."
    ),
    who_can_use=_(
        "Employees sent to work in another country, people who work in two or more countries, "
        "self-employed people, and employers filing for their workers."
    ),
    outcome=_("A decision, and a certificate A1 if this country's social security covers you."),
    institution_code="sodra",
    flow=FLOW,
    what_you_need=[
        _("your employer's name, address and company code"),
        _("where and when you will work abroad"),
        _("dates of any earlier certificates A1 or E101"),
    ],
)
