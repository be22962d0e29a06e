import pytest

from tactful.understand.jsonl import parse_line


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b'{"text": "hi"}', None),
        (b'{"text": ""}', None),  # an empty text is still a text
        (b"{oops", "invalid_json"),
        (b'"just a string"', "not_an_object"),
        (b'{"id": 1}', "missing_text"),
        (b'{"text": null}', "text_not_string"),
        (b'{"text": ["a"]}', "text_not_string"),
    ],
)
def test_parse_line(raw: bytes, code: str | None) -> None:
    good, bad = parse_line(raw, 7)
    if code is None:
        assert good is not None and bad is None
    else:
        assert good is None and bad["error"]["code"] == code and bad["error"]["line"] == 7


def test_error_objects_keep_the_other_keys_but_never_echo_text_in_the_message() -> None:
    _, bad = parse_line(b'{"id": 9, "text": 5}', 3)
    assert bad["id"] == 9 and bad["error"]["message"] == "line 3: 'text' is not a string"
