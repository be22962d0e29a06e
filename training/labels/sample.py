"""The deterministic draw behind intent_dev.csv: which posts were read, in which order.

Posts are ranked by sha256("<source>:<id>") after dropping near-empty ones (fewer than
three word tokens once @handles and links are removed). The first ``HASH_COUNTS[source]``
of each source form the first ``hash`` round; then the ``cue:suggestion`` passes take, in
the same rank order, the first posts matching a suggestion cue pattern that are not
already drawn, to give the rare suggestion class enough examples (a visible bias); then
the second ``hash`` round takes the rest of the first ``HASH_SAMPLE_SIZES[source]`` ranks,
skipping posts a cue pass already drew (they keep ``cue:suggestion``).
Rerunning ``draw`` reproduces the CSV's (source, id, sampling) triples exactly.

The unbiased sample is therefore the first ``HASH_SAMPLE_SIZES[source]`` ranks, which is
every ``hash`` row plus the few ``cue:suggestion`` rows inside those ranks: ``hash_sample``
returns its keys. Filtering on ``sampling == "hash"`` alone under-counts cue-word posts.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from training.labels.load import read_texts

MIN_WORDS = 3
HASH_COUNTS = {"support": 230, "airline": 300, "complaints": 120}
# The second hash round extends the hash sample to these many ranks per source.
HASH_SAMPLE_SIZES = {"support": 430, "airline": 500, "complaints": 170}

CUES_FIRST_PASS = re.compile(
    r"\b(should|please add|would be (?:great|nice|cool|awesome)|i wish|wish you|feature|bring back"
    r"|add (?:a|an|the)|option to|suggest|suggestion|idea|how about|why not|could you (?:add|make))\b",
    re.IGNORECASE,
)
CUES_SECOND_PASS = re.compile(
    r"\b(please add|would be (?:great|nice|cool|awesome|amazing)|would love|wish (?:you|spotify|there)"
    r"|you (?:guys )?should|bring back|add (?:a|an|the)|option to|suggest|feature request|how about"
    r"|why not|could you (?:add|make)|it'd be)\b",
    re.IGNORECASE,
)
# (source, cue pattern, how many) in the order the passes were drawn.
CUE_PASSES = (
    ("support", CUES_FIRST_PASS, 60),
    ("airline", CUES_FIRST_PASS, 45),
    ("complaints", CUES_FIRST_PASS, 40),
    ("support", CUES_SECOND_PASS, 60),
)


def word_count(text: str) -> int:
    """Word tokens left once @handles and links are removed."""
    return len(re.findall(r"\w+", re.sub(r"https?://\S+|@\w+", " ", text)))


def ranked_candidates(shared_data: Path, source: str) -> list[tuple[str, str]]:
    """(id, text) of every non-near-empty post of a source, in sha256 rank order."""
    kept = [(post_id, text) for post_id, text in read_texts(shared_data, source).items()
            if word_count(text) >= MIN_WORDS]
    return sorted(kept, key=lambda item: hashlib.sha256(f"{source}:{item[0]}".encode()).hexdigest())


def draw(shared_data: Path) -> list[tuple[str, str, str]]:
    """(source, id, sampling) for every post in intent_dev.csv, in drawing order."""
    ranked = {source: ranked_candidates(shared_data, source) for source in HASH_COUNTS}
    drawn = [(source, post_id, "hash") for source, count in HASH_COUNTS.items()
             for post_id, _ in ranked[source][:count]]
    taken = {(source, post_id) for source, post_id, _ in drawn}
    for source, cues, count in CUE_PASSES:
        matches = [post_id for post_id, text in ranked[source]
                   if cues.search(text) and (source, post_id) not in taken][:count]
        drawn += [(source, post_id, "cue:suggestion") for post_id in matches]
        taken.update((source, post_id) for post_id in matches)
    for source, size in HASH_SAMPLE_SIZES.items():
        extra = [post_id for post_id, _ in ranked[source][HASH_COUNTS[source]:size]
                 if (source, post_id) not in taken]
        drawn += [(source, post_id, "hash") for post_id in extra]
    return drawn


def hash_sample(shared_data: Path) -> set[tuple[str, str]]:
    """(source, id) of the unbiased sample: the first ``HASH_SAMPLE_SIZES[source]`` ranks of each source."""
    return {(source, post_id) for source, size in HASH_SAMPLE_SIZES.items()
            for post_id, _ in ranked_candidates(shared_data, source)[:size]}
