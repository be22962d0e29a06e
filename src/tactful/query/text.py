"""Splitting text into the tokens queries match: words, hashtags, handles, emoji.

Posts and queries go through the same rules so that a query term and the text
it should find always agree:

* text is lowercased (NFC), curly apostrophes become ``'``, and emoji
  variation selectors and skin-tone modifiers are dropped (``👍🏽`` is ``👍``);
* a word is a run of letters, digits, ``_`` and combining marks, joined by
  inner apostrophes (``don't``); a trailing possessive ``'s`` is dropped, so
  ``Apple's`` is the word ``apple``;
* ``#tag`` and ``@handle`` are tokens of their own kind (handles may contain
  ``.`` and ``-``, e.g. ``@acme.bsky.social``, and ``@user@instance``);
* each emoji (or emoji sequence joined by zero-width joiners, or flag) is a token;
* Chinese and Japanese characters are one token each, since those scripts put
  no spaces between words (a query word in them becomes a phrase of characters).

Every token value is a substring of the prepared text, starting and ending at
a word boundary (see ``is_boundary``); the prefilter relies on that.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Literal

TokenKind = Literal["word", "tag", "handle"]

# Combining marks that Python's \w leaves out but words are made of (accents, Indic vowel signs).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u0e00-\u0e7f"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_EMOJI_BASE = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21ff\u2300-\u23ff\u24c2\u25a0-\u27bf"
    "\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001f1e5\U0001f200-\U0001faff"
)
_EMOJI_MODIFIERS = "\ufe0f\U0001f3fb-\U0001f3ff"
_EMOJI = (
    f"[\U0001f1e6-\U0001f1ff]{{2}}"  # a flag: two regional indicators
    f"|[{_EMOJI_BASE}][{_EMOJI_MODIFIERS}]*(?:\u200d[{_EMOJI_BASE}][{_EMOJI_MODIFIERS}]*)*"
)
_PREPARE = str.maketrans({"\u2019": "'", "\u2018": "'", "\ufe0f": None}
                         | {chr(c): None for c in range(0x1F3FB, 0x1F400)})


def _token_pattern(word_char: str) -> re.Pattern[str]:
    w = word_char
    handle = f"{w}(?:[{w[1:-1]}.\\-]*{w})?"
    return re.compile(
        f"(?<!{w})#(?P<tag>{w}+)"
        f"|(?<!{w})@(?P<handle>{handle}(?:@{handle})?)"
        f"|(?P<word>{w}+(?:'{w}+)*)"
        f"|(?P<emoji>{_EMOJI})"
    )


WORD_CHAR = f"[\\w{_MARKS}]"
# Query text may also hold the wildcards * and ? inside a word.
QUERY_WORD_CHAR = f"[\\w{_MARKS}*?]"
_TEXT_TOKENS = _token_pattern(WORD_CHAR)
_QUERY_TOKENS = _token_pattern(QUERY_WORD_CHAR)
_WORD_CHAR_RE = re.compile(WORD_CHAR)
_CJK_RE = re.compile(f"[{_CJK}]")
_CJK_SPLIT_RE = re.compile(f"[{_CJK}]|[^{_CJK}]+")


def prepare_text(text: str) -> str:
    """The normalised form every matching step works on."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.translate(_PREPARE)
    return text.lower()


def tokenize(prepared: str) -> list[tuple[TokenKind, str]]:
    """The tokens of already-prepared text, in order; one position each."""
    # The hot path of matching: findall avoids a Match object per token (about 2x faster than _scan).
    tokens: list[tuple[TokenKind, str]] = []
    for tag, handle, word, emoji in _TEXT_TOKENS.findall(prepared):
        if word:
            if "'" in word:
                word = _drop_possessive(word)
            if word.isascii() or _CJK_RE.search(word) is None:
                tokens.append(("word", word))
            else:
                tokens.extend((kind, value) for kind, value, _ in _split_cjk(word, 0))
        elif tag:
            tokens.append(("tag", tag))
        elif handle:
            tokens.append(("handle", handle))
        else:
            tokens.append(("word", emoji))
    return tokens


def tokenize_query_text(raw: str) -> list[tuple[TokenKind, str, int]]:
    """Tokens of a piece of query text, with wildcards kept and each token's offset in ``raw``."""
    if not raw.isascii() and not unicodedata.is_normalized("NFC", raw):
        raw = unicodedata.normalize("NFC", raw)  # as prepare_text does; offsets may shift in rare scripts
    prepared = [(kind, prepare_text(value), offset) for kind, value, offset in _scan(_QUERY_TOKENS, raw)]
    return [token for token in prepared if token[1]]  # a lone skin-tone modifier prepares to nothing


def is_boundary(prepared: str, index: int) -> bool:
    """True when ``prepared[index]`` cannot continue a word (or is out of range)."""
    return index < 0 or index >= len(prepared) or is_boundary_char(prepared[index])


@functools.cache
def is_boundary_char(char: str) -> bool:
    """Cached: the prefilter asks this for every hit, and texts reuse few distinct characters."""
    return not is_word_char(char)


def is_word_char(char: str) -> bool:
    """Letters, digits, ``_`` and combining marks, except Chinese/Japanese (one token per character)."""
    return _WORD_CHAR_RE.match(char) is not None and _CJK_RE.match(char) is None


def _scan(pattern: re.Pattern[str], text: str) -> list[tuple[TokenKind, str, int]]:
    tokens: list[tuple[TokenKind, str, int]] = []
    for match in pattern.finditer(text):
        kind = match.lastgroup or ""
        value, start = match.group(kind), match.start(kind)
        if kind == "tag":
            tokens.append(("tag", value, start))
        elif kind == "handle":
            tokens.append(("handle", value, start))
        elif kind == "emoji" or value.isascii() or _CJK_RE.search(value) is None:
            tokens.append(("word", _drop_possessive(value), start))
        else:
            tokens.extend(_split_cjk(value, start))
    return tokens


def _drop_possessive(word: str) -> str:
    if len(word) > 2 and (word.endswith("'s") or word.endswith("'S")):
        return word[:-2]
    return word


def _split_cjk(word: str, start: int) -> list[tuple[TokenKind, str, int]]:
    pieces: list[tuple[TokenKind, str, int]] = []
    for match in _CJK_SPLIT_RE.finditer(word):
        piece = match.group().strip("'")
        if piece:
            pieces.append(("word", _drop_possessive(piece), start + match.start()))
    return pieces
