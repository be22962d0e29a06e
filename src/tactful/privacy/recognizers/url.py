"""URL: links that carry personal tokens (query keys such as token=, email=, key=, session ids,
unsubscribe/reset/verify links, mail-tracking ids, an email address anywhere in the link,
long random path tokens). Plain links are not PII and are left alone."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, recognizers

_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"'`]+")
_TRAILING = ".,;:!?)]}'\"…"
PERSONAL_QUERY_KEYS = frozenset(
    [
        "token",
        "access_token",
        "id_token",
        "auth",
        "auth_token",
        "authtoken",
        "key",
        "api_key",
        "apikey",
        "secret",
        "password",
        "pwd",
        "pass",
        "session",
        "sessionid",
        "session_id",
        "sid",
        "phpsessid",
        "jsessionid",
        "aspsessionid",
        "sessid",
        "email",
        "e-mail",
        "mail",
        "email_address",
        "emailaddress",
        "e",
        "user",
        "userid",
        "user_id",
        "uid",
        "username",
        "login",
        "phone",
        "tel",
        "mobile",
        "name",
        "firstname",
        "first_name",
        "lastname",
        "last_name",
        "code",
        "otp",
        "reset",
        "reset_token",
        "invite",
        "invite_code",
        "ticket",
        "signature",
        "sig",
        "hash",
        "verify",
        "verification",
        "unsubscribe",
        "unsub",
        "subscriber",
        "subscriber_id",
        "recipient",
        "rid",
        "mc_eid",
        "mkt_tok",
        "_hsenc",
        "_hsmi",
        "trk",
        "trkid",
        "vero_id",
        "oly_enc_id",
        "ml_subscriber",
        "ml_subscriber_hash",
        "ck_subscriber_id",
        "__s",
        "ref_id",
    ]
)
_PERSONAL_PATH = re.compile(
    r"/(?:unsubscribe|unsub|opt-?out|reset[-_]?password|password[-_]?reset|verify|verification|confirm|"
    r"magic[-_]?link|invite|invitation|activate|login[-_]?link|track/click)(?:/|$|\?)",
    re.IGNORECASE,
)
# A path segment of 24+ URL-safe characters mixing letters and digits reads as a secret.
_TOKEN_SEGMENT = re.compile(r"^(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}$")
_EMAIL_IN_URL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")


def url_at(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The link's span without the sentence punctuation that follows it."""
    start, end = match.start(), match.end()
    while end > start and text[end - 1] in _TRAILING:
        if text[end - 1] == ")" and text[start:end].count("(") >= text[start:end].count(")"):
            break
        end -= 1
    return start, end


def find_urls(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text.lower():
        return []
    return [url_at(text, m) for m in _URL.finditer(text)]


def personal_parts(url: str) -> tuple[list[str], bool]:
    """(query keys that carry personal tokens, whether the path itself is personal)."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    keys = [k for k, v in parse_qsl(parts.query, keep_blank_values=True) if _personal_param(k, v)]
    fragment_keys = [k for k, v in parse_qsl(parts.fragment) if _personal_param(k, v)]
    path = unquote(parts.path)
    personal_path = bool(
        _PERSONAL_PATH.search(path)
        or _EMAIL_IN_URL.search(path)
        or any(_TOKEN_SEGMENT.match(seg) for seg in path.split("/"))
    )
    return keys + fragment_keys, personal_path


def _personal_param(key: str, value: str) -> bool:
    return key.lower() in PERSONAL_QUERY_KEYS or _EMAIL_IN_URL.search(unquote(value)) is not None


def is_personal(url: str) -> bool:
    keys, personal_path = personal_parts(url)
    return bool(keys) or personal_path


@recognizers.register("url")
class PersonalUrlRecognizer(Recognizer):
    name = "url"
    entity_types = ("URL",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        return [
            self.span("URL", start, end, 0.9)
            for start, end in find_urls(text)
            if is_personal(text[start:end])
        ]
