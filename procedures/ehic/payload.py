"""Answers -> the structured part of the envelope the health insurance fund receives (schema version 1)."""

from typing import Any

from procedures.ehic.answers import CHILD_CHOICES

REQUEST_TYPES = {"first_card": "card", "replacement": "replacement_card", "prc": "provisional_certificate"}


def personal_numbers(person: dict[str, Any]) -> list[dict[str, str]]:
    code = person.get("personal_code")
    return [{"country": "LT", "number": code, "institution": ""}] if code else []


def answers_payload(
    answers: dict[str, Any], *, card_valid_until: str | None, instant_issue: bool, earlier: str
) -> dict[str, Any]:
    """``answers``: the typed answers made JSON-ready; the rest is what the rules found from them."""
    for_whom = answers["for_whom"]["for_whom"]
    person = answers["child"] if for_whom in CHILD_CHOICES else answers["about_you"]
    insurance = answers["insurance"]
    kind = answers["request"]["kind"]
    payload: dict[str, Any] = {
        "schema_version": 1,
        "card_for": {"me": "self", "my_child": "child", "child_in_care": "child_in_care"}[for_whom],
        "holder": {
            "personal_code": person["personal_code"],
            "nationality": person["nationality"],
            "address": person["address"],
            "personal_numbers": personal_numbers(person),
            "residence_status": answers.get("residence_status", {}).get("status", ""),
        },
        "insurance": {
            "insured": insurance["insured"] == "yes",
            "category": insurance.get("category", ""),
            "insured_until": insurance.get("insured_until"),
            "source": insurance["source"],  # "register" (checked) or "declared" (to check)
        },
        "competence": {
            "work_abroad": answers["work_abroad"]["work_abroad"],
            "entitlement_document": answers["entitlement_document"]["entitlement_document"],
        },
        "request": {"type": REQUEST_TYPES[kind]},
        "delivery": {"method": answers["delivery"]["method"]},
        "earlier_application": earlier or None,
    }
    if for_whom in CHILD_CHOICES:
        payload["parent_child_link"] = {
            "claimed": "parent" if for_whom == "my_child" else "guardian",
            "register": answers["child"].get("register_link") or None,  # None: not confirmed by a register
        }
    if "replacement" in answers:
        payload["request"]["replacement_reason"] = answers["replacement"]["reason"]
    card_number = answers.get("replacement", answers.get("prc_validity", {})).get("card_number")
    if card_number:
        payload["request"]["card_number"] = card_number
    if card_valid_until:
        payload["request"]["card_valid_until"] = card_valid_until
    if kind == "prc":
        stay, validity = answers["prc_stay"], answers["prc_validity"]
        payload["provisional_certificate"] = {
            "state_of_stay": stay["state_of_stay"],
            "stay": {"from": stay["stay_from"], "to": stay["stay_to"]},
            "reason": validity["reason"],
            "valid_from": validity["valid_from"],
            "valid_to": validity["valid_to"],
            # Asked while staying abroad: the institutions exchange S044/S045; the portal sends no SED.
            "requested_from_abroad": stay["there_now"] == "yes",
            "instant_issue": instant_issue,
        }
    if "delivery_office" in answers:
        payload["delivery"]["office"] = answers["delivery_office"]["office"]
    if "delivery_address" in answers:
        payload["delivery"]["address"] = answers["delivery_address"]["address"]
    return payload
