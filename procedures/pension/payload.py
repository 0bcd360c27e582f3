"""Answers -> the structured part of the envelope the pension institution receives (schema version 1).

``answers`` are the typed answers made JSON-ready; ``found`` is what the rules found from the typed
answers (checks.outcome's payload: the states, each state's age, the insured time per state)."""

from typing import Any

from procedures.pension.rules import Benefit


def sed_hints(benefit: str, child_raising: bool) -> list[str]:
    """The SEDs the institution starts from: an old-age claim is a P2000 with the P4000 insurance
    record (and the P1000 on child-raising periods); a pre-retirement claim is an M040."""
    if benefit == Benefit.PRE_RETIREMENT:
        return ["M040"]
    return ["P2000", "P4000", *(["P1000"] if child_raising else [])]


def personal_numbers(answers: dict[str, Any]) -> list[dict[str, str]]:
    numbers = []
    code = answers["about_you"].get("personal_code")
    if code:
        numbers.append({"country": "LT", "number": code, "institution": ""})
    numbers += [
        {"country": item["country"], "number": item["number"], "institution": item.get("institution", "")}
        for item in answers.get("foreign_numbers", [])
        if item
    ]
    return numbers


def _periods(answers: dict[str, Any], found: dict[str, Any]) -> list[dict[str, Any]]:
    refused = set(found.get("refused_periods", []))
    return [
        {
            "country": item["country"],
            "from": item["start"],
            "to": item.get("end"),
            "type": item["kind"],
            "employer": {"name": item.get("employer", ""), "address": item.get("employer_address", "")},
            "institution": item.get("institution", ""),
            "number": item.get("number", ""),
            "counted": index not in refused,
        }
        for index, item in enumerate(answers.get("periods", []))
        if item
    ]


def answers_payload(answers: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    about, claim = answers["about_you"], answers["benefit"]
    other = answers.get("other_benefits_question", {})
    partner_question = answers.get("partner_question")
    payload: dict[str, Any] = {
        "schema_version": 1,
        "person": {
            "marital_status": about["marital_status"],
            "previous_names": answers["birth"].get("previous_names", ""),
            "details_differ": about.get("details_differ", ""),
        },
        "benefit": {
            "type": claim["benefit"],
            "start": claim["start"],
            "working": answers.get("working", {}).get("working"),
            "defer_in": answers.get("age_check", {}).get("defer", []),
        },
        "states": found.get("states", []),
        "bilateral_states": found.get("bilateral_states", []),
        "ages": found.get("ages", []),
        "insurance_here": {
            "insured": answers["insured_here"]["insured_here"],
            "missing_from_records": answers["insured_here"].get("differences", ""),
        },
        "periods": _periods(answers, found),
        "insured_time": found.get("insured_time", {}),
        "record_right": answers.get("record", {}).get("right"),
        "record_differences": answers.get("record", {}).get("differences", ""),
        "children": answers.get("children", []),
        "other_benefits": answers.get("other_benefits", []) if other.get("other_benefits") == "yes" else [],
        "payment": answers["payment"],
    }
    if partner_question is not None:
        payload["family"] = {
            "partner": answers.get("partner") if partner_question.get("partner") == "yes" else None
        }
    return payload
