"""PII detection: tactful side by side with Microsoft Presidio on the same labelled set.

    /work/venv/bin/python benchmarks/bench_pii.py [--presidio-python /work/venv-presidio/bin/python]

What is compared (docs/privacy.md has the table and the caveats):

* The labelled set: tests/privacy/cases (PII table, non-PII table, realistic posts),
  each text with its gold spans (type, start, end).
* tactful: ``detect_pii`` in this process, brand handles = the tables' brand handles.
* Presidio: ``presidio-analyzer``'s ``AnalyzerEngine`` with its default recognizer
  registry, run by another virtualenv's python (presidio is not a tactful dependency)
  on the same file. The official spaCy English models are not distributed on PyPI, so
  Presidio's NLP engine is a *blank* spaCy English pipeline: its pattern, checksum and
  context recognizers run as usual; its NER-based PERSON/LOCATION recognizer finds
  nothing. Presidio types are mapped onto tactful's (EMAIL_ADDRESS -> EMAIL, ...).
* Scoring: a predicted span is a true positive when it overlaps an unmatched gold
  span of the same type. Spans of types tactful does not have (DATE_TIME, US_BANK_NUMBER,
  ...) count as 'other' false alarms. Presidio is scored at score >= 0 (its default)
  and at >= 0.5.
* Throughput: posts per second over the labelled set and over real customer tweets
  (../shared/data/support/spotify_requests.jsonl, when present), single thread, after a
  warm-up, best of 7 rounds (the machine is shared).

The same file runs as Presidio's worker (``--presidio-worker IN OUT``): that mode
imports only the standard library and presidio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED_TWEETS = ROOT.parent / "shared" / "data" / "support" / "spotify_requests.jsonl"
PRESIDIO_TYPES = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "PERSON": "PERSON",
    "URL": "URL",
    "LOCATION": "STREET_ADDRESS",
}
TYPES = (
    "EMAIL",
    "PHONE",
    "CREDIT_CARD",
    "IBAN",
    "US_SSN",
    "IP_ADDRESS",
    "STREET_ADDRESS",
    "PERSON",
    "HANDLE",
    "URL",
    "BOOKING_REFERENCE",
)
Span = tuple[str, int, int]


# --- the Presidio worker (runs in the other virtualenv) -------------------------------


def presidio_worker(src: Path, dst: Path, tweets: Path | None) -> None:
    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    blank_dir = Path(tempfile.mkdtemp()) / "blank_en"
    spacy.blank("en").to_disk(blank_dir)
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": str(blank_dir)}],
        }
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    texts = [json.loads(line)["text"] for line in src.open(encoding="utf-8")]
    predictions = [
        [(r.entity_type, r.start, r.end, r.score) for r in engine.analyze(t, language="en")] for t in texts
    ]
    result = {
        "predictions": predictions,
        "posts_per_s": _rate(lambda t: engine.analyze(t, language="en"), texts),
    }
    if tweets is not None:
        sample = [json.loads(line)["text"] for line in tweets.open(encoding="utf-8")]
        result["tweets_per_s"] = _rate(lambda t: engine.analyze(t, language="en"), sample)
        result["tweets"] = len(sample)
        result["tweet_types"] = dict(
            Counter(r.entity_type for t in sample for r in engine.analyze(t, language="en"))
        )
    dst.write_text(json.dumps(result), encoding="utf-8")


ROUNDS = int(os.environ.get("TACTFUL_BENCH_PII_ROUNDS", "7"))  # fewer on a busy machine (benchmarks.run)


def _rate(analyze: Any, texts: list[str], rounds: int = ROUNDS, min_round_s: float = 0.3) -> float:
    """Best-of-rounds posts/s: the machine is shared, so the fastest round is the least disturbed one."""
    for text in texts[:50]:  # warm-up: caches, lazy imports
        analyze(text)
    best = 0.0
    for _ in range(rounds):
        done, started = 0, time.perf_counter()
        while time.perf_counter() - started < min_round_s:
            for text in texts:
                analyze(text)
            done += len(texts)
        best = max(best, done / (time.perf_counter() - started))
    return best


# --- the labelled set and scoring ------------------------------------------------------


def labelled_set() -> list[tuple[str, list[Span], str]]:
    """(text, gold spans, slice name) for every case in tests/privacy/cases."""
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    from tests.privacy.cases.blind_cases import BLIND_CASES
    from tests.privacy.cases.non_pii_cases import all_non_pii_cases
    from tests.privacy.cases.pii_cases import all_pii_cases
    from tests.privacy.cases.realistic_cases import REALISTIC_CASES

    rows = [(c.text, _gold(c), "pii") for c in all_pii_cases()]
    rows += [(t, [], "non-pii") for t in all_non_pii_cases()]
    rows += [(c.text, _gold(c), "realistic") for c in REALISTIC_CASES]
    rows += [(c.text, _gold(c), "blind") for c in BLIND_CASES]
    return rows


def _gold(case: Any) -> list[Span]:
    spans, cursor = [], 0
    for pii_type, value in case.expected:
        start = case.text.index(value, cursor)
        spans.append((pii_type, start, start + len(value)))
        cursor = start + len(value)
    return spans


def score(gold: list[list[Span]], predicted: list[list[Span]]) -> dict[str, Counter[str]]:
    """Per type: tp, fp, fn, and exact (true positives with identical offsets)."""
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for gold_spans, predicted_spans in zip(gold, predicted, strict=True):
        unmatched = list(gold_spans)
        for ptype, start, end in predicted_spans:
            hit = next((g for g in unmatched if g[0] == ptype and g[1] < end and start < g[2]), None)
            if hit is None:
                tally[ptype if ptype in TYPES else "other"]["fp"] += 1
                continue
            unmatched.remove(hit)
            tally[ptype]["tp"] += 1
            tally[ptype]["exact"] += (hit[1], hit[2]) == (start, end)
        for gtype, _, _ in unmatched:
            tally[gtype]["fn"] += 1
    return tally


# --- running both -----------------------------------------------------------------------


def run_tactful(texts: list[str], brand: tuple[str, ...], tweets: list[str]) -> tuple[list[list[Span]], dict]:
    from tactful.privacy.detect import detect_pii

    predicted = [[(s.type, s.start, s.end) for s in detect_pii(t, brand)] for t in texts]
    speed = {"posts_per_s": _rate(lambda t: detect_pii(t, brand), texts)}
    if tweets:
        speed["tweets_per_s"] = _rate(lambda t: detect_pii(t, ("spotifycares",)), tweets)
        speed["tweet_types"] = dict(Counter(s.type for t in tweets for s in detect_pii(t, ("spotifycares",))))
    return predicted, speed


def run_presidio(python: str, texts: list[str], tweets_file: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.jsonl", Path(tmp) / "out.json"
        src.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        args = [python, str(Path(__file__).resolve()), "--presidio-worker", str(src), str(dst)]
        if tweets_file is not None:
            args += ["--tweets-file", str(tweets_file)]
        env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": ""}
        done = subprocess.run(args, env=env, capture_output=True, text=True)
        if done.returncode != 0:  # presidio's own warnings (e.g. tldextract offline) only matter then
            sys.exit(f"presidio worker failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
        return json.loads(dst.read_text(encoding="utf-8"))


def presidio_spans(raw: list[list[Any]], threshold: float) -> list[list[Span]]:
    return [[(PRESIDIO_TYPES.get(t, t), s, e) for t, s, e, sc in row if sc >= threshold] for row in raw]


def table(tallies: dict[str, dict[str, Counter[str]]]) -> str:
    names = list(tallies)
    head = "| type | gold | " + " | ".join(f"{n} P | {n} R" for n in names) + " |"
    lines = [head, "|" + "---|" * (2 + 2 * len(names))]
    for pii_type in (*TYPES, "all", "other"):
        cells = []
        for name in names:
            t = _total(tallies[name]) if pii_type == "all" else tallies[name].get(pii_type, Counter())
            if pii_type == "other":
                cells += [f"{t['fp']} false alarms", ""]
                continue
            cells += [_ratio(t["tp"], t["tp"] + t["fp"]), _ratio(t["tp"], t["tp"] + t["fn"])]
        first = tallies[names[0]]
        gold = _total(first) if pii_type == "all" else first.get(pii_type, Counter())
        n_gold = "" if pii_type == "other" else str(gold["tp"] + gold["fn"])
        lines.append(f"| {pii_type} | {n_gold} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _total(tally: dict[str, Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for pii_type, counts in tally.items():
        if pii_type in TYPES or pii_type == "other":
            total.update(counts)
    return total


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presidio-python", default="/work/venv-presidio/bin/python")
    parser.add_argument(
        "--tweets", type=int, default=5000, help="real tweets for the throughput row (0: none)"
    )
    parser.add_argument(
        "--presidio-worker", nargs=2, type=Path, metavar=("IN", "OUT"), help=argparse.SUPPRESS
    )
    parser.add_argument("--tweets-file", dest="tweets_file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.presidio_worker:
        presidio_worker(*args.presidio_worker, args.tweets_file)
        return
    compare(args.presidio_python, args.tweets)


def compare(presidio_python: str, n_tweets: int) -> None:
    rows = labelled_set()
    texts, gold = [r[0] for r in rows], [r[1] for r in rows]
    from tests.privacy.cases.non_pii_cases import BRAND_HANDLES as NON_PII_BRAND
    from tests.privacy.cases.pii_cases import BRAND_HANDLES

    brand = tuple(dict.fromkeys(BRAND_HANDLES + NON_PII_BRAND))

    tweets: list[str] = []
    tweets_file = None
    if n_tweets and SHARED_TWEETS.exists():
        with SHARED_TWEETS.open(encoding="utf-8") as f:
            tweets = [json.loads(line)["text"] for _, line in zip(range(n_tweets), f, strict=False)]
        tweets_file = Path(tempfile.mkstemp(suffix=".jsonl")[1])
        tweets_file.write_text("".join(json.dumps({"text": t}) + "\n" for t in tweets), encoding="utf-8")
    predicted, ours = run_tactful(texts, brand, tweets)
    theirs = run_presidio(presidio_python, texts, tweets_file)
    slices = Counter(r[2] for r in rows)
    print(
        f"labelled set: {len(rows)} texts ({dict(slices)}), "
        f"{sum(len(g) for g in gold)} gold spans; real tweets for speed: {len(tweets)}\n"
    )
    tallies = {
        "tactful": score(gold, predicted),
        "presidio": score(gold, presidio_spans(theirs["predictions"], 0.0)),
        "presidio>=0.5": score(gold, presidio_spans(theirs["predictions"], 0.5)),
    }
    print(table(tallies))
    flagged = sum(bool(p) for p, r in zip(predicted, rows, strict=True) if r[2] == "non-pii")
    flagged_p = sum(
        bool(p)
        for p, r in zip(presidio_spans(theirs["predictions"], 0.0), rows, strict=True)
        if r[2] == "non-pii"
    )
    print(
        f"\nnon-PII texts with any span: tactful {flagged}/{slices['non-pii']}, "
        f"presidio {flagged_p}/{slices['non-pii']}"
    )
    print("\n| slice | texts | " + " | ".join(f"{n} P | {n} R" for n in tallies) + " |")
    print("|---|---|" + "---|---|" * len(tallies))
    presidio_rows = {
        "presidio": presidio_spans(theirs["predictions"], 0.0),
        "presidio>=0.5": presidio_spans(theirs["predictions"], 0.5),
        "tactful": predicted,
    }
    for name in ("pii", "realistic", "blind"):
        keep = [i for i, r in enumerate(rows) if r[2] == name]
        cells = []
        for system in tallies:
            t = _total(score([gold[i] for i in keep], [presidio_rows[system][i] for i in keep]))
            cells += [_ratio(t["tp"], t["tp"] + t["fp"]), _ratio(t["tp"], t["tp"] + t["fn"])]
        print(f"| {name} | {len(keep)} | " + " | ".join(cells) + " |")
    other = Counter(t for row in theirs["predictions"] for t, *_ in row if t not in PRESIDIO_TYPES)
    print(f"\npresidio spans of types tactful does not have: {dict(other.most_common())}")
    if "tweet_types" in ours:
        print(
            f"spans on {len(tweets)} real support tweets (unlabelled; brand @SpotifyCares): "
            f"tactful {ours['tweet_types']}, presidio {theirs.get('tweet_types')}"
        )
    exact = _total(tallies["tactful"])["exact"], _total(tallies["tactful"])["tp"]
    print(f"tactful true positives with exact offsets: {exact[0]}/{exact[1]}")
    print("\n| throughput (posts/s, 1 thread, best of 7 rounds) | tactful | presidio | ratio |")
    print("|---|---|---|---|")
    for key, label in (("posts_per_s", "labelled set"), ("tweets_per_s", "real support tweets")):
        if key in ours and key in theirs:
            print(f"| {label} | {ours[key]:,.0f} | {theirs[key]:,.0f} | {ours[key] / theirs[key]:.1f}x |")


if __name__ == "__main__":
    main()
