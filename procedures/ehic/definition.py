from django.utils.translation import gettext_lazy as _

from procedures.ehic.certificate import TITLE as CERTIFICATE_TITLE
from procedures.ehic.certificate import certificate_at_send
from procedures.ehic.flow import FLOW
from procedures.engine.registry import Procedure

PROCEDURE = Procedure(
    slug="ehic",
    title=_("Apply for a European Health Insurance Card"),
    summary=_(
        "The card lets you get medically necessary healthcare on the same terms as local people during a "
        "stay in another EU country, Iceland, Liechtenstein, Norway or Switzerland. If you need care "
        "abroad right now, you can get a provisional certificate at once instead."
    ),
    who_can_use=_(
        "People with health insurance in this country, and parents or guardians applying for a child."
    ),
    outcome=_("A card sent to you or ready at an office, or a provisional certificate as a PDF."),
    institution_code="vlk",
    flow=FLOW,
    issued_at_send=certificate_at_send,
    document_titles={"certificate": CERTIFICATE_TITLE},
    what_you_need=[
        _("the personal code of the person the card is for"),
        _("the address where the card should be sent, or the office where you will collect it"),
        _("for a provisional certificate: the country and dates of your stay"),
    ],
)
