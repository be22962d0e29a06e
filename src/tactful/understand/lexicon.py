"""VADER lexicon scores as a dense feature block (neg, neu, pos, compound).

VADER reads the normalised text with its case kept (ALL CAPS is emphasis to it).
It adds measured points to the sentiment and emotion heads on val data.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

VADER_COLUMNS = ("neg", "neu", "pos", "compound")


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def vader_features(normalised: Sequence[str]) -> np.ndarray:
    """(n, 4) scores of texts already passed through ``normalise_text``."""
    score = _analyzer().polarity_scores
    rows = [score(t) for t in normalised]
    return np.array([[r[c] for c in VADER_COLUMNS] for r in rows], dtype=np.float32).reshape(-1, 4)
