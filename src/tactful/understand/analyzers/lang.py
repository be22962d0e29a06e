"""``lang``: language id, offline, and which posts the models may score.

The models were trained on English only. A post identified with confidence as
another language gets its language code and every model field ``unscored``
(no confident wrong label). Identification is honest about what it cannot
tell: a post with too few letters (``lol``, emoji only) is ``und`` and still
scored, since the models read emoji and short English well enough.

py3langid costs ~0.5 ms a post, a quarter of the fast tier's budget, so a
cheap check runs first: a post with several common English function words is
English without asking py3langid. A language declared by the platform is used
as given.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

from tactful.records import Analysis
from tactful.understand.analyzers.base import Analyzer, Settings, analyzers
from tactful.understand.batch import Batch, Request

SCORED_LANGUAGES = frozenset({"en"})
MIN_LETTERS = 12  # below this, language id is a guess
MIN_CONFIDENCE = 0.9
# Function words that are (nearly) never words of another language written in Latin script.
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "you",
        "your",
        "you're",
        "is",
        "are",
        "was",
        "were",
        "my",
        "this",
        "that",
        "with",
        "for",
        "have",
        "has",
        "had",
        "not",
        "what",
        "when",
        "why",
        "how",
        "just",
        "but",
        "it's",
        "i'm",
        "don't",
        "can't",
        "won't",
        "didn't",
        "doesn't",
        "isn't",
        "they",
        "we",
        "our",
        "would",
        "should",
        "could",
        "been",
        "from",
        "there",
        "their",
        "about",
        "get",
        "got",
        "all",
        "any",
        "out",
        "if",
        "or",
        "be",
        "to",
        "of",
        "it",
        "on",
        "at",
        "by",
        "up",
        "did",
        "yes",
        "please",
        "thanks",
        "thank",
        "still",
        "today",
        "been",
        "will",
        "can",
        "who",
        "which",
        "them",
        "then",
        "than",
        "into",
        "because",
        "really",
        "know",
        "want",
        "need",
        "more",
        "some",
        "even",
        "much",
        "only",
        "also",
        "after",
        "back",
        "now",
        "over",
        "very",
        "here",
        "where",
        "being",
        "every",
        "got",
        "going",
        "never",
        "always",
    ]
)
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_STRIP = re.compile(r"@user|http|#\w+")
# A wide set of languages, without the English-based creoles that py3langid
# confuses with tweet English (e.g. Nigerian Pidgin).
CANDIDATES = [
    "en",
    "es",
    "fr",
    "de",
    "it",
    "pt",
    "nl",
    "tr",
    "ar",
    "ru",
    "ja",
    "ko",
    "zh",
    "hi",
    "id",
    "ms",
    "tl",
    "pl",
    "sv",
    "da",
    "no",
    "fi",
    "ca",
    "el",
    "he",
    "th",
    "vi",
    "uk",
    "cs",
    "ro",
    "hu",
    "fa",
    "ur",
    "bn",
    "ta",
    "sw",
]


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(CANDIDATES)
    return identifier


def identify(prepared: str) -> tuple[str, bool]:
    """(language code or ``und``, whether the models may score it) for a prepared text."""
    text = _STRIP.sub(" ", prepared)
    words = _WORDS.findall(text)
    if sum(w in ENGLISH_WORDS for w in words) >= 2:
        return "en", True
    letters = sum(len(w) for w in words)
    if letters < MIN_LETTERS:
        return "und", True
    code, confidence = _identifier().classify(text)
    if confidence < MIN_CONFIDENCE:
        return "und", True
    return code, code in SCORED_LANGUAGES


def declared(request: Request) -> tuple[str, bool] | None:
    if not request.lang:
        return None
    code = unicodedata.normalize("NFC", request.lang).split("-")[0].lower()
    return code, code in SCORED_LANGUAGES


@analyzers.register("lang")
class LangAnalyzer(Analyzer):
    name = "lang"
    version = "1.0.0"
    labels = ("en", "und", "<ISO 639-1 code>")

    def load(self, settings: Settings) -> None:
        _identifier()

    def analyze(self, batch: Batch, analyses: list[Analysis]) -> None:
        scored = []
        for request, prepared, analysis in zip(batch.requests, batch.prepared, analyses, strict=True):
            code, ok = declared(request) or identify(prepared)
            analysis.lang = code
            analysis.versions[self.name] = self.version
            scored.append(ok)
        batch.scored = np.array(scored, dtype=bool)
