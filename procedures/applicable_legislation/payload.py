"""Answers -> the structured part of the envelope the institution receives (field names follow PD A1)."""

from typing import Any

from django.conf import settings

from procedures.applicable_legislation.rules import MULTI_STATE_TYPES, POSTING_TYPES, SPECIAL_TYPES

SED_HINTS = {"posting": ["A009"], "multi_state": ["A003"], "exception": ["A001"]}


def sed_hints(request_type: str) -> list[str]:
    if request_type in POSTING_TYPES:
        return SED_HINTS["posting"]
    if request_type in MULTI_STATE_TYPES:
        return SED_HINTS["multi_state"]
    if request_type in SPECIAL_TYPES:
        return []  # the institution chooses the exchange for these cases
    return SED_HINTS["exception"]


def personal_numbers(answers: dict[str, Any]) -> list[dict[str, str]]:
    numbers = []
    if answers["about_you"].get("personal_code"):
        numbers.append({"country": "LT", "number": answers["about_you"]["personal_code"], "institution": ""})
    return numbers + list(answers.get("other_numbers", []))


def answers_payload(answers: dict[str, Any], *, outcome: dict[str, Any]) -> dict[str, Any]:
    """``outcome`` is the indicative outcome the check page showed (the engine computes it once)."""
    situation = answers["situation"]
    employer = answers.get("employer", {})
    payload: dict[str, Any] = {
        "schema_version": 1,
        "request_type": situation["request_type"],
        "holder": {
            "personal_code": answers["about_you"].get("personal_code", ""),
            "nationality": answers["about_you"]["nationality"],
            "other_nationality": answers.get("birth", {}).get("other_nationality", ""),
            "sex": answers.get("birth", {}).get("sex", ""),
            "family_name_at_birth": answers.get("birth", {}).get("family_name_at_birth", ""),
            "place_of_birth": {
                "town": answers.get("birth", {}).get("birth_town", ""),
                "country": answers.get("birth", {}).get("birth_country", ""),
            },
            "address": answers["about_you"]["address"],
            "details_differ": answers["about_you"].get("details_differ", ""),
            # A list, never a single "national ID" (the SED person section).
            "personal_numbers": personal_numbers(answers),
        },
        "contact": answers.get("contact", {}),
        "employer_or_self_employed_activity": {
            "name": employer.get("name", ""),
            "registration_number": employer.get("registration_number", ""),
            "registration_type": employer.get("registration_type", ""),
            "country": employer.get("country", ""),
            "address": employer.get("address"),
        },
        # The state asked to confirm its legislation; the institution decides which one applies.
        "member_state_whose_legislation_is_requested": settings.PORTAL_COUNTRY,
        "indicative_outcome": outcome.get("country") or None,
        "indicative_outcome_basis": {
            "rule": outcome.get("rule", ""),
            "marginal_states_left_out": outcome.get("marginal_states_left_out", []),
        },
    }
    if "posting" in answers:
        posting = answers["posting"]
        payload["period"] = {"start": posting["start"], "end": posting["end"]}
        payload["posting"] = {
            key: posting[key] for key in ("replacing", "wages_paid_by_employer", "insured_before")
        }
        payload["posting"]["host_country"] = posting["host_country"]
    if "employer_activity" in answers:
        payload["employer_substantial_activity"] = {
            "attested_by_worker": answers["employer_activity"]["substantial_activity"]
        }
    if "employer_turnover" in answers:
        payload["employer_substantial_activity"] = {
            "turnover_share_percent": answers["employer_turnover"]["turnover_share"]
        }
    if "exception_request" in answers:
        exception = answers["exception_request"]
        payload["period"] = {"start": exception["start"], "end": exception["end"]}
        payload["exception"] = {"host_country": exception["host_country"], "reasons": exception["reasons"]}
    if "special_case" in answers:
        payload["special_case"] = answers["special_case"]
    if "self_employed" in answers:
        payload["self_employed_activity"] = {"started": answers["self_employed"]["since"]}
    if "places" in answers:
        payload["places_of_work"] = answers["places"]
    payload["earlier_postings"] = answers.get("earlier_postings", [])
    if "work_split" in answers:
        payload["work_split"] = answers["work_split"]
    return payload
