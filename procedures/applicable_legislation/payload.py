"""Answers -> the structured part of the envelope the institution receives (field names follow PD A1)."""

from typing import Any

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


def _personal_numbers(answers: dict[str, Any]) -> list[dict[str, str]]:
    numbers = []
    if answers["about_you"].get("personal_code"):
        numbers.append({"country": "LT", "number": answers["about_you"]["personal_code"], "institution": ""})
    return numbers + list(answers.get("other_numbers", []))


def answers_payload(answers: dict[str, Any]) -> dict[str, Any]:
    situation = answers["situation"]
    employer = answers.get("employer", {})
    payload: dict[str, Any] = {
        "schema_version": 1,
        "request_type": situation["request_type"],
        "holder": {
            "personal_code": answers["about_you"].get("personal_code", ""),
            "nationality": answers["about_you"]["nationality"],
            "address": answers["about_you"]["address"],
            "details_differ": answers["about_you"].get("details_differ", ""),
            # A list, never a single "national ID" (the SED person section).
            "personal_numbers": _personal_numbers(answers),
        },
        "employer_or_self_employed_activity": {
            "name": employer.get("name", ""),
            "registration_number": employer.get("registration_number", ""),
            "country": employer.get("country", ""),
        },
        "member_state_whose_legislation_applies": "LT",
    }
    if "posting" in answers:
        posting = answers["posting"]
        payload["period"] = {"start": posting["start"], "end": posting["end"]}
        payload["posting"] = {
            key: posting[key] for key in ("replacing", "wages_paid_by_employer", "insured_before")
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
