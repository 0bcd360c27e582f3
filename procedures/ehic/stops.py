"""The pages that explain why the card cannot be asked for here, and what to do instead."""

from django.utils.translation import gettext_lazy as _

from procedures.ehic import checks
from procedures.engine.definition import Stop

STOPS = [
    Stop(
        key="too-young-to-apply",
        title=_("A parent or guardian applies for you"),
        explanation=_(
            "You can apply for your own card from the age of 16. Until then, your parent or guardian "
            'applies for you: they sign in with their own eID and choose "My child".'
        ),
        applies=checks.too_young_to_apply,
    ),
    Stop(
        key="child-over-age-cap",
        title=_("Adults apply for their own card"),
        explanation=_(
            "A parent or guardian can apply for a child under 18. From 18, the person applies for their own "
            "card: they sign in with their own eID. Young people can also apply themselves from 16."
        ),
        applies=checks.child_over_age_cap,
        alternative_label=_("Change the child's date of birth"),
        alternative_step="child",
    ),
    Stop(
        key="not-insured",
        title=_("The card is only for people with health insurance in Lithuania"),
        explanation=_(
            "The card shows that Lithuanian health insurance pays for necessary healthcare abroad. "
            "Without it, we cannot issue a card. If you think you should be insured, or want to know how "
            "to become insured, contact your territorial health insurance fund or the National Health "
            "Insurance Fund (VLK) by phone or at an office. If you work or live in another country, ask "
            "the health insurance institution there: it may issue your card."
        ),
        applies=checks.not_insured,
    ),
    Stop(
        key="covered-elsewhere",
        title=_("Another country issues your card"),
        explanation=_(
            "The country whose social security covers you issues the card. If you work in another "
            "country without a certificate A1 from Lithuania, or another country issued your form S1, "
            "E106, E109 or E121, ask the health insurance institution of that country for the card. If "
            "Lithuania should cover you, ask Sodra for a certificate A1 first."
        ),
        applies=checks.covered_elsewhere,
    ),
    Stop(
        key="stay-outside-the-area",
        title=_("The certificate is not accepted in that country"),
        explanation=_(
            "The card and the certificate only work in the EU, Iceland, Liechtenstein, Norway and "
            "Switzerland, and in the United Kingdom under its agreement with the EU. For a stay anywhere "
            "else, take out travel insurance before you go."
        ),
        applies=checks.stay_not_covered,
        alternative_label=_("Change the country of the stay"),
        alternative_step="prc_stay",
    ),
    Stop(
        key="stay-in-this-country",
        title=_("You do not need a certificate for care in Lithuania"),
        explanation=_(
            "The card and the certificate are for healthcare during a stay in another country. In "
            "Lithuania, your health insurance covers you as it is: show your identity document at the "
            "doctor's or the hospital."
        ),
        applies=checks.stay_in_this_country,
        alternative_label=_("Change the country of the stay"),
        alternative_step="prc_stay",
    ),
    Stop(
        key="card-valid-too-briefly",
        title=_("A card would be valid for too short a time: ask for a certificate instead"),
        explanation=_(
            "The insurance end date, the age or the kind of insurance would make a card valid for a very "
            "short time, shorter than a card can be issued for. A provisional certificate covers the same "
            "healthcare for the dates of the stay abroad."
        ),
        applies=checks.card_too_short_for,
        alternative_label=_("Ask for a provisional certificate instead"),
        alternative_step="request",
    ),
]
