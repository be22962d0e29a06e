import pytest

from tactful.sources.signatures import SignatureError, SignatureVerifier, sign

SECRET = b"s3cret"
BODY = b'{"text": "hello"}'
NOW = 1_772_366_400


def verifier(**kw):
    return SignatureVerifier((SECRET,), **kw)


def test_a_fresh_correctly_signed_request_is_accepted():
    verifier().verify(BODY, str(NOW), sign(SECRET, NOW, BODY), now=NOW + 3)


@pytest.mark.parametrize(
    ("body", "timestamp", "signature", "message"),
    [
        (BODY, None, sign(SECRET, NOW, BODY), "missing"),
        (BODY, str(NOW), None, "missing"),
        (BODY, "yesterday", sign(SECRET, NOW, BODY), "Unix time"),
        (BODY, str(NOW - 301), sign(SECRET, NOW - 301, BODY), "window"),
        (BODY, str(NOW + 301), sign(SECRET, NOW + 301, BODY), "window"),
        (b'{"text": "tampered"}', str(NOW), sign(SECRET, NOW, BODY), "does not match"),
        (BODY, str(NOW), sign(b"other", NOW, BODY), "does not match"),
        (BODY, str(NOW - 5), sign(SECRET, NOW, BODY), "does not match"),
    ],
)
def test_bad_requests_are_refused_with_a_reason(body, timestamp, signature, message):
    with pytest.raises(SignatureError, match=message):
        verifier().verify(body, timestamp, signature, now=NOW)


def test_a_replayed_request_is_refused_even_when_fresh():
    v = verifier()
    sig = sign(SECRET, NOW, BODY)
    v.verify(BODY, str(NOW), sig, now=NOW)
    with pytest.raises(SignatureError, match="replay"):
        v.verify(BODY, str(NOW), sig, now=NOW + 1)


def test_previous_secret_keeps_working_during_rotation():
    v = SignatureVerifier((b"new", SECRET))
    v.verify(BODY, str(NOW), sign(SECRET, NOW, BODY), now=NOW)


def test_memory_of_seen_signatures_is_bounded():
    v = verifier(max_remembered=10)
    for i in range(50):
        body = f"{i}".encode()
        v.verify(body, str(NOW), sign(SECRET, NOW, body), now=NOW)
    assert len(v._seen) <= 10
