"""The claim's soft rules (warnings), its one stop (too early everywhere) and the indicative outcome."""

from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from procedures.engine.definition import Answers, Outcome, Stop
from procedures.engine.fields import country_name
from procedures.engine.summary import date_display
from procedures.pension import answers as read
from procedures.pension.payment import holder_is_claimant, in_sepa
from procedures.pension.periods import Severity, insured_time
from procedures.pension.reference import reference
from procedures.pension.rules import AgeCheck, Benefit, StateAge

WARNING_TEXTS = {
    "period_overlap": _(
        "Two of your periods in the same country overlap. The institution there will check the dates."
    ),
    "period_before_minimum_age": _(
        "A period starts when you were very young. The institution will check the dates."
    ),
    "period_refused": _(
        "A period in a country without an agreement on social security cannot count for this claim. "
        "We send the rest of your claim."
    ),
    "record_differs": _("You told us something about your insurance abroad is missing or wrong."),
    "early_while_working": _(
        "An early old-age pension is not paid while you work. Tell us when you stop working."
    ),
    "account_holder_differs": _(
        "The account holder's name is not the same as yours. The pension is paid only into your own "
        "account, so the institution will check it with you."
    ),
    "account_outside_sepa": _(
        "Your account is outside the SEPA area. The institution will confirm with you how it pays."
    ),
}


def warnings(answers: Answers) -> list[str]:
    found: list[str] = []
    if read.abroad_answered(answers) and read.worked_abroad(answers):
        check = read.record(answers).check
        codes = {finding.code for finding in check.warnings}
        if "overlap" in codes:
            found.append("period_overlap")
        if "before_minimum_age" in codes:
            found.append("period_before_minimum_age")
        if check.of(Severity.REFUSED):
            found.append("period_refused")
        if answers.get("record", {}).get("right") == "no":
            found.append("record_differs")
    if read.benefit(answers) == Benefit.EARLY_OLD_AGE and answers.get("working", {}).get("working") == "yes":
        found.append("early_while_working")
    payment = answers.get("payment")
    if payment:
        person = answers.get("about_you", {})
        if not holder_is_claimant(
            payment["holder"], person.get("given_name", ""), person.get("family_name", "")
        ):
            found.append("account_holder_differs")
        if not in_sepa(payment["iban"][:2]):
            found.append("account_outside_sepa")
    return found


def advance_window_text() -> str:
    """ "up to 3 months before", with the deployment's advance window."""
    months = reference().configuration.advance_window_months
    return ngettext("up to %(count)d month before", "up to %(count)d months before", months) % {
        "count": months
    }


def _too_early_explanation() -> str:
    return str(
        _(
            "You can claim %(window)s you reach pension age in one of the countries where you were "
            "insured, or the early pension age where there is one. By the date you asked for, you do not "
            "reach it in any of them. Change the date your pension should start, or come back later. If "
            "you think this is wrong, contact us."
        )
        % {"window": advance_window_text()}
    )


def too_early(answers: Answers) -> bool:
    """No state in the claim reaches its pension age (or early age) within the advance window of the
    start asked for. Asked once the periods abroad are known: a period may add a state that pays."""
    if not read.abroad_answered(answers):
        return False
    check = read.ages(answers)
    return check is not None and check.stopped


STOPS = [
    Stop(
        key="too-early",
        title=_("It is too early to claim"),
        explanation=lazy(lambda: _too_early_explanation(), str)(),
        applies=too_early,
        alternative_label=_("Change the start date"),
        alternative_step="benefit",
    ),
]


def state_line(result: StateAge) -> str:
    """What one state says: from when it can pay, or that it decides."""
    name = country_name(result.state)
    if result.reached is None:
        return str(_("%(country)s decides when it can pay you.") % {"country": name})
    date = date_display(result.reached)
    if result.possible is False:
        return str(
            _("%(country)s can pay you from %(date)s at the earliest: you can claim there later.")
            % {"country": name, "date": date}
        )
    if result.early:
        return str(
            _("%(country)s can pay your early pension from %(date)s.") % {"country": name, "date": date}
        )
    return str(_("%(country)s can pay you from %(date)s.") % {"country": name, "date": date})


def age_lines(check: AgeCheck | None) -> list[str]:
    if check is None or check.skipped:
        return []
    return [state_line(result) for result in check.states]


def outcome(answers: Answers) -> Outcome | None:
    """Where the claim goes and, per state, from when it can pay (never a decision)."""
    if not read.abroad_answered(answers) or "benefit" not in answers:
        return None
    found = read.record(answers)
    states = read.claim_states(answers, found)
    bilateral = read.bilateral_states(answers, found)
    names = ", ".join(country_name(state) for state in [*states, *bilateral])
    summary = (
        _("The day you send this claim is your claim date. We pass it to: %(countries)s.")
        % {"countries": names}
        if names
        else _("The day you send this claim is your claim date. We check where you were insured.")
    )
    check = read.ages(answers)
    payload: dict[str, Any] = {
        "states": states,
        "bilateral_states": bilateral,
        "insured_time": {
            state: {
                "days": time.days,
                "years": time.years,
                "months": time.months,
                "extra_days": time.extra_days,
            }
            for state, time in insured_time(found.counted()).items()
        },
        "refused_periods": found.check.refused,
        "child_raising": read.child_raising(answers),
    }
    if check is not None and not check.skipped:
        payload["ages"] = [
            {
                "state": result.state,
                "from": result.reached.isoformat() if result.reached else None,
                "early": result.early,
                "possible": result.possible,
            }
            for result in check.states
        ]
    return Outcome(summary=summary, explanations=tuple(age_lines(check)), payload=payload)
