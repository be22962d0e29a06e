import pytest

from tactful.understand.analyzers.addressed import addressed
from tactful.understand.batch import Request

BRAND = frozenset({"acme", "acmehelp"})


@pytest.mark.parametrize(
    ("request_", "label", "reason"),
    [
        (Request("hi", is_direct_message=True), True, "direct message"),
        (Request("yes please", reply_to_author="AcmeHelp"), True, "replies to the brand"),
        (Request("yes please", replies_to_brand=True), True, "replies to the brand"),
        (Request("@Acme my order is late"), True, "mentions @acme"),
        (Request("hey there", mentions=["acmehelp"]), True, "mentions @acmehelp"),
        (Request("@acme is great", mentions=["friend"]), False, "does not mention or reply to the brand"),
        (Request("acme is down again"), False, "does not mention or reply to the brand"),
        (Request("mail me at bob@acme"), False, "does not mention or reply to the brand"),
        (Request("yes", reply_to_author="someone"), False, "does not mention or reply to the brand"),
    ],
)
def test_addressed(request_: Request, label: bool, reason: str) -> None:
    result = addressed(request_, BRAND)
    assert (result.label, result.reason) == (label, reason)


def test_without_brand_handles_nothing_is_addressed_and_it_says_why() -> None:
    assert addressed(Request("@acme help"), frozenset()).reason == "no brand handles configured"


def test_request_from_dict_normalises_handles_and_ignores_bad_context() -> None:
    request = Request.from_value({"text": "x", "mentions": ["@ACME"], "reply_to_author": "@Bob"})
    assert (request.mentions, request.reply_to_author) == (["acme"], "bob")
    assert Request.from_value({"text": "x", "mentions": "acme"}).mentions == []
