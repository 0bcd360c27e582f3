"""How the pension is paid, as the claimant sees it: the IBAN and BIC the payment page accepts or
refuses, and the warnings on the check page and in what the institution receives when the account is
outside the SEPA area or in someone else's name."""

import pytest
from stdnum import iban

from tests.procedures.applicable_legislation.journey import post_step
from tests.procedures.pension.journey import (
    PAYMENT,
    begin,
    envelope,
    errors_on,
    page_text,
    page_url,
    pensioner_signed_in,
    send,
    send_acknowledging,
    statuses,
    step,
    whole_claim,
)

pytestmark = pytest.mark.django_db

# A Brazilian account (the IBAN registry's example): a real IBAN, outside the SEPA area.
BRAZIL = "BR18 0036 0305 0000 1000 9795 493C 1"
HOLDER_WARNING = "The account holder's name is not the same as yours."
SEPA_WARNING = "Your account is outside the SEPA area."


def _check_page(client, tasks: str, payment: dict[str, str]) -> str:
    """A whole claim whose payment page is answered again with ``payment``: the check page's text."""
    step(client, tasks, "payment", payment)
    assert statuses(client, tasks)["How we pay you"] == "Completed"
    page = client.get(page_url(tasks, "check"))
    assert page.status_code == 200
    return page_text(page)


def test_an_iban_typed_with_spaces_and_in_lower_case_is_kept_compact(client):
    assert PAYMENT["payment-iban"] == "lt12 1000 0111 0100 1000"
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    text = page_text(client.get(page_url(tasks, "check")))
    assert "LT12 1000 0111 0100 1000" in text
    assert HOLDER_WARNING not in text and SEPA_WARNING not in text
    send(client, tasks)
    sent = envelope()
    assert sent["answers"]["payment"]["iban"] == "LT121000011101001000"
    assert sent["warnings"] == []


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        (
            {"payment-iban": "LT13 1000 0111 0100 1000"},  # one check digit wrong
            "Enter a real IBAN, as on your bank statement, like LT12 1000 0111 0100 1000",
        ),
        (
            {"payment-iban": "LT12 1000 0111 0100 100"},  # a digit short for a Lithuanian IBAN
            "Enter a real IBAN, as on your bank statement, like LT12 1000 0111 0100 1000",
        ),
        (
            {"payment-bic": "HABALT2"},  # 7 characters
            "Enter a real BIC (SWIFT code): 8 or 11 letters and digits",
        ),
        (
            {"payment-bic": "HAB1LT22"},  # a digit in the bank's code
            "Enter a real BIC (SWIFT code): 8 or 11 letters and digits",
        ),
        ({"payment-iban": BRAZIL}, "Enter the BIC: your account is outside the SEPA area"),
        ({"payment-holder": ""}, "Enter the name of the account holder"),
    ],
)
def test_the_payment_page_refuses_an_account_it_cannot_pay_into(client, typed, error):
    pensioner_signed_in(client)
    tasks = begin(client)
    response = post_step(client, page_url(tasks, "payment"), "payment", {**PAYMENT, **typed})
    assert response.status_code == 200
    assert errors_on(response) == [error]
    assert error in page_text(response).split("There is a problem", 1)[1]  # in the error summary too
    assert statuses(client, tasks)["How we pay you"] == "Not started"


def test_an_account_outside_sepa_with_its_bic_is_accepted_and_the_check_page_says_so(client):
    assert iban.is_valid(BRAZIL)
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    text = _check_page(client, tasks, {**PAYMENT, "payment-iban": BRAZIL, "payment-bic": "brasbrrj"})
    assert SEPA_WARNING in text
    assert "BRASBRRJ" in text
    send_acknowledging(client, tasks)
    sent = envelope()
    assert sent["answers"]["payment"] == {
        "holder": "PETRAITIENE ONA",
        "iban": "BR1800360305000010009795493C1",
        "bic": "BRASBRRJ",
    }
    assert sent["warnings"] == ["account_outside_sepa"]


def test_a_sepa_account_needs_no_bic(client):
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    text = _check_page(client, tasks, {**PAYMENT, "payment-iban": "DE89 3704 0044 0532 0130 00"})
    assert SEPA_WARNING not in text and "DE89 3704 0044 0532 0130 00" in text


@pytest.mark.parametrize(
    "holder", ["PETRAITIENE ONA", "ona petraitienė", "Petraitienė, Ona", "Ona  PETRAITIENĖ"]
)
def test_the_claimants_own_name_however_the_bank_writes_it_gives_no_warning(client, holder):
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    text = _check_page(client, tasks, {**PAYMENT, "payment-holder": holder})
    assert HOLDER_WARNING not in text
    send(client, tasks)
    assert envelope()["warnings"] == []


@pytest.mark.parametrize("holder", ["Jonas Petraitis", "Ona Petraitienė Jonas", "Ona"])
def test_an_account_in_another_name_is_warned_on_the_check_page_and_sent_with_a_warning(client, holder):
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    text = _check_page(client, tasks, {**PAYMENT, "payment-holder": holder})
    assert (
        "The account holder's name is not the same as yours. The pension is paid only into your own "
        "account, so the institution will check it with you." in text
    )
    send_acknowledging(client, tasks)  # a warning, not a stop: the claim is sent
    sent = envelope()
    assert sent["warnings"] == ["account_holder_differs"]
    assert sent["answers"]["payment"]["holder"] == holder
