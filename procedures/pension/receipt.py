"""What the receipt of a pension claim says besides the common facts: the claim date and time, and the
countries the institution passes the claim to."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.formats.dates import human_date
from procedures.engine.fields import country_name
from procedures.engine.registry import ReceiptFacts, SentApplication


def claim_moment(application: SentApplication) -> datetime.datetime:
    """The moment that counts as the claim: Send, or for a claim filed at an office, the moment the
    caseworker confirmed that the signed declaration was received (however late it was delivered)."""
    envelope = application.payload
    signed = (envelope.get("assisted") or {}).get("declaration_signed_at")
    return datetime.datetime.fromisoformat(signed or envelope["submitted_at"])


def moment_text(moment: datetime.datetime) -> str:
    """ "30 November 2026 at 10:15 (UTC+02:00)": in the portal's time zone, with its offset."""
    local = timezone.localtime(moment, timezone.get_default_timezone())
    offset = local.strftime("%z")
    return f"{human_date(local)} (UTC{offset[:3]}:{offset[3:]})"


def receipt_facts(application: SentApplication) -> ReceiptFacts:
    answers = application.payload.get("answers", {})
    home = settings.PORTAL_COUNTRY
    states = [country_name(state) for state in answers.get("states", []) if state != home]
    bilateral = [
        _("%(country)s (under an agreement on social security)") % {"country": country_name(state)}
        for state in answers.get("bilateral_states", [])
    ]
    contacted = "\n".join([*states, *bilateral]) or _("None: only the institution here deals with your claim")
    moment = claim_moment(application)
    return ReceiptFacts(
        claim_at=moment,
        rows=(
            (_("Claim date and time"), moment_text(moment)),
            (_("Countries we pass your claim to"), contacted),
        ),
    )
