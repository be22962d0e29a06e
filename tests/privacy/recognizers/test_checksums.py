"""The checksums and validity rules the number recognizers rest on."""

from __future__ import annotations

import pytest

from tactful.privacy.recognizers.credit_card import luhn_ok
from tactful.privacy.recognizers.iban import iban_ok
from tactful.privacy.recognizers.us_ssn import ssn_ok


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("4111111111111111", True),
        ("4111111111111112", False),
        ("378282246310005", True),
        ("6011111111111117", True),
        ("5555555555554444", True),
        ("5555555555554445", False),
    ],
)
def test_luhn(digits: str, ok: bool):
    assert luhn_ok(digits) is ok


@pytest.mark.parametrize(
    ("iban", "ok"),
    [
        ("GB82WEST12345698765432", True),
        ("GB83WEST12345698765432", False),
        ("DE89370400440532013000", True),
        ("DE8937040044053201300", False),  # one digit short for Germany
        ("NL91ABNA0417164300", True),
        ("XX91ABNA0417164300", False),
        ("gb82west12345698765432", True),
    ],
)
def test_iban_checksum_and_country_length(iban: str, ok: bool):
    assert iban_ok(iban) is ok


@pytest.mark.parametrize(
    ("parts", "ok"),
    [
        (("123", "45", "6789"), True),
        (("000", "45", "6789"), False),
        (("666", "45", "6789"), False),
        (("900", "45", "6789"), False),
        (("123", "00", "6789"), False),
        (("123", "45", "0000"), False),
    ],
)
def test_ssn_never_issued_numbers_are_rejected(parts, ok: bool):
    assert ssn_ok(*parts) is ok
