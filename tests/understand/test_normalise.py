import pytest

from tactful.understand.normalise import normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("@Delta hi", "@user hi"),
        ("hi @delta_air and @x", "hi @user and @user"),
        ("mail me at a@b.com", "mail me at a@b.com"),  # an e-mail address is not a handle
        ("see http://t.co/abc now", "see http now"),
        ("see https://example.com/a?b=c", "see http"),
        ("www.example.com rocks", "http rocks"),
        ("soooooo good!!!!!!", "sooo good!!!"),
        ("cool", "cool"),  # two repeats are spelling, not elongation
        ("#NeverAgain", "#NeverAgain (never again)"),
        ("#fail", "#fail"),
        ("fish &amp; chips &lt;3", "fish & chips <3"),
        ("I’m “fine”", 'I\'m "fine"'),
        ("love it 😍😍", "love it 😍😍"),
        ("  many   spaces\n\there ", "many spaces here"),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_raw_and_tweeteval_forms_meet() -> None:
    raw = "@SouthwestAir thanks!!!! http://t.co/xyz"
    tweeteval = "@user thanks!!!!"
    assert normalise_text(raw).replace(" http", "") == normalise_text(tweeteval)
