"""The indicative outcome of the A1 request for the check page and the payload: which state's legislation
is likely to apply, by which rule, and which states were left out as marginal. Never a decision."""

from django.conf import settings
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from procedures.applicable_legislation.rules import (
    MULTI_STATE_TYPES,
    POSTING_TYPES,
    RULE_EMPLOYED_ACTIVITY,
    RULE_EMPLOYER_SEAT,
    RULE_RESIDENCE_SHARE,
    RULE_SINGLE_STATE,
    IndicativeLegislation,
    StateShare,
    indicative_legislation,
)
from procedures.engine.definition import Answers, Outcome
from procedures.engine.fields import country_name


def request_type(answers: Answers) -> str:
    """The kind of request the person chose on the "Your situation" page ("" before that)."""
    return str(answers.get("situation", {}).get("request_type", ""))


def _legislation(answers: Answers) -> IndicativeLegislation | None:
    """The indicative state for a multi-state worker, from the split of the work (None otherwise)."""
    kind = request_type(answers)
    if kind not in MULTI_STATE_TYPES:
        return None
    return indicative_legislation(
        request_type=kind,
        residence=(answers.get("about_you", {}).get("address") or {}).get("country", ""),
        shares=[
            StateShare(country=item["country"], working_time=item["working_time"], pay=item["pay"])
            for item in answers.get("work_split", [])
        ],
        employer_country=answers.get("employer", {}).get("country", ""),
    )


def _countries(codes: tuple[str, ...]) -> str:
    return ", ".join(country_name(code) for code in codes)


def _rule_explanation(found: IndicativeLegislation) -> Promise | str:
    country = country_name(found.country) if found.country else ""
    if found.rule == RULE_SINGLE_STATE:
        return format_lazy(
            _("Apart from marginal work, you work only in {country}, so its legislation applies."),
            country=country,
        )
    if found.rule == RULE_EMPLOYED_ACTIVITY:
        return _(
            "When you are employed in one country and self-employed in another, the legislation of the "
            "country where you are employed applies (Regulation (EC) 883/2004, Article 13(3))."
        )
    if found.rule == RULE_RESIDENCE_SHARE:
        return gettext(
            "You do %(share)s%% of your work in %(country)s, where you live. A quarter (25%%) or more "
            "there makes its legislation apply (Regulation (EC) 883/2004, Article 13(1)(a) and (2)(a))."
        ) % {"share": found.residence_share, "country": country}
    if found.rule == RULE_EMPLOYER_SEAT:
        return gettext(
            "You do less than a quarter (25%%) of your work in the country where you live, so the "
            "legislation of the country where your employer has its registered office applies: "
            "%(country)s (Regulation (EC) 883/2004, Article 13(1)(b)(i))."
        ) % {"country": country}
    return _(
        "You do less than a quarter (25%) of your work in the country where you live. The institution "
        "decides from the centre of your activities (Regulation (EC) 883/2004, Article 13(2)(b))."
    )


def _likely(country: str) -> Promise | str:
    return format_lazy(
        _("From your answers, the legislation of this country is likely to apply to you: {country}."),
        country=country_name(country),
    )


def indicative_outcome(answers: Answers) -> Outcome | None:
    if request_type(answers) in POSTING_TYPES:
        country = str(settings.PORTAL_COUNTRY)
        return Outcome(
            summary=_likely(country),
            explanations=(
                _(
                    "During a posting of up to 24 months you stay covered by the country that sends you "
                    "(Regulation (EC) 883/2004, Article 12)."
                ),
            ),
            payload={"country": country, "rule": "posting", "marginal_states_left_out": []},
        )
    found = _legislation(answers)
    if found is None:
        return None
    explanations: list[Promise | str] = []
    if found.marginal:
        explanations.append(
            gettext(
                "We left out %(countries)s: less than 5%% of your working time there is marginal work and "
                "does not count (Regulation (EC) 987/2009, Article 14(5b))."
            )
            % {"countries": _countries(found.marginal)}
        )
    explanations.append(_rule_explanation(found))
    if found.country:
        summary: Promise | str = _likely(found.country)
    else:
        summary = _(
            "From your answers, the institution has to weigh your whole situation to decide which "
            "country's legislation applies to you."
        )
    return Outcome(
        summary=summary,
        explanations=tuple(explanations),
        payload={
            "country": found.country,
            "rule": found.rule,
            "marginal_states_left_out": list(found.marginal),
        },
    )
