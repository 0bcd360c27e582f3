"""Reading the card application's typed answers: whom it is for and what the registers said."""

import datetime
from typing import Any

Answers = dict[str, Any]
CHILD_CHOICES = ("my_child", "child_in_care")


def for_whom(answers: Answers) -> str:
    return str(answers.get("for_whom", {}).get("for_whom", ""))


def for_a_child(answers: Answers) -> bool:
    return for_whom(answers) in CHILD_CHOICES


def person(answers: Answers) -> dict[str, Any]:
    """The answers about the person the card is for: the child's page, or the applicant's own."""
    return answers.get("child", {}) if for_a_child(answers) else answers.get("about_you", {})


def beneficiary_code(answers: Answers) -> str:
    return str(person(answers).get("personal_code") or "")


def beneficiary_born(answers: Answers) -> datetime.date | None:
    born = person(answers).get("date_of_birth")
    return born if isinstance(born, datetime.date) else None


def link_verified(answers: Answers) -> bool:
    """True when the population register confirmed that the filer is the child's parent or guardian."""
    return bool(answers.get("child", {}).get("register_link"))


def insurance(answers: Answers) -> dict[str, Any]:
    return answers.get("insurance", {})


def request_kind(answers: Answers) -> str:
    return str(answers.get("request", {}).get("kind", ""))


def identity_confirmed(answers: Answers) -> bool:
    """True when the person the card is for is known for sure: the signed-in person's own code from the
    eID, or a child whose link to the signed-in person the population register confirmed. Only then may a
    register be asked about them, and only then can a certificate be issued at once."""
    if for_a_child(answers):
        return link_verified(answers)
    return bool(answers.get("about_you", {}).get("code_from_eid"))
