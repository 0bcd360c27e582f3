from django.utils.translation import gettext_lazy as _

from procedures.engine.registry import Procedure
from procedures.pension.flow import FLOW
from procedures.pension.receipt import receipt_facts

PROCEDURE = Procedure(
    slug="pension",
    receipt_facts=receipt_facts,
    flow=FLOW,
    title=_("Claim an old-age pension or pre-retirement benefit"),
    summary=_(
        "Claim your pension here if you live in this country, or if you worked here last and were never "
        "insured where you live now. We pass your claim to every other country where you were insured, "
        "and the date you claim here counts for all of them."
    ),
    who_can_use=_(
        "People who have reached, or will soon reach, pension age, including after working abroad."
    ),
    outcome=_("A receipt with the date of your claim, and later a decision from each country."),
    institution_code="sodra",
    what_you_need=[
        _("the dates and countries where you worked or were insured"),
        _("your personal numbers from other countries, if you had them"),
        _("the IBAN of the bank account for your pension"),
    ],
)
