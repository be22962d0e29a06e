"""Social-text normalisation shared by training and inference.

The TweetEval val/test text has every handle as ``@user`` and links removed,
while the SemEval training text is raw; normalising both the same way keeps
the models from learning the difference. Emoji are kept (they carry
sentiment); case is kept too (VADER reads ALL CAPS as emphasis) and the
featurizer lowercases on its own.

    >>> normalise_text("@Delta sooooo late!!! http://t.co/x #NeverAgain &amp; 😡")
    '@user sooo late!!! http #NeverAgain (never again) & 😡'
"""

from __future__ import annotations

import html
import re

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@])@\w{1,50}")
_ELONGATION = re.compile(r"(\S)\1{3,}")  # a character repeated 4+ times
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."})


def normalise_text(text: str) -> str:
    """The one normal form every model sees, at training and at inference time."""
    text = html.unescape(text).translate(_QUOTES)
    text = _URL.sub("http", text)
    text = _HANDLE.sub("@user", text)
    text = _ELONGATION.sub(r"\1\1\1", text)
    text = _HASHTAG.sub(_split_hashtag, text)
    return _SPACES.sub(" ", text).strip()


def _split_hashtag(match: re.Match[str]) -> str:
    """``#NeverAgain`` -> ``#NeverAgain (never again)``: the words of a camel-cased tag.

    All-lowercase tags stay whole: segmenting them needs a dictionary and
    the character n-grams already see their pieces.
    """
    tag = match.group(1)
    words = _CAMEL.findall(tag)
    if len(words) < 2:
        return match.group(0)
    return f"#{tag} ({' '.join(w.lower() for w in words)})"
