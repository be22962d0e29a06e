import pytest

from tactful.understand.analyzers.lang import declared, identify
from tactful.understand.batch import Request
from tactful.understand.features import prepare


@pytest.mark.parametrize(
    ("text", "code", "scored"),
    [
        ("where is my luggage? I have been waiting for hours", "en", True),
        ("can I change my seat online?", "en", True),
        ("Merci beaucoup pour votre aide, le vol était parfait", "fr", False),
        ("Das ist wirklich unglaublich schlecht, nie wieder diese Firma", "de", False),
        ("El servicio es terrible, nunca más vuelvo a volar con ustedes", "es", False),
        ("飛行機が遅れて、荷物もなくなりました。最悪です。", "ja", False),
        ("lol", "und", True),  # too short to tell: scored, not guessed
        ("😍😍😍", "und", True),
        ("@user @user http", "und", True),
    ],
)
def test_identify(text: str, code: str, scored: bool) -> None:
    assert identify(prepare(text)) == (code, scored)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ("en", True)),
        ("en-GB", ("en", True)),
        ("pt-BR", ("pt", False)),
        (None, None),
    ],
)
def test_declared_language_is_used_as_given(lang: str | None, expected: tuple[str, bool] | None) -> None:
    assert declared(Request("text", lang=lang)) == expected
