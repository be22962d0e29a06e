"""Aspect taxonomies: what a post is about, per industry.

A taxonomy is a TOML file with ``name`` and a list of ``[[aspect]]`` tables,
each with ``name``, ``keywords`` (whole words; a trailing ``*`` matches any
ending) and ``phrases`` (word sequences). Presets ship here
(``airline``, ``telecom``, ``retail``, ``software``, ``banking``); a config
may point at its own file instead. ``load_taxonomy`` accepts either.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tactful.errors import ConfigError

PRESETS_DIR = Path(__file__).resolve().parent

# The airline dataset's negative reasons (Twitter US Airline Sentiment) mapped to the
# airline preset's names: what the airline aspect head is trained on and evaluated
# against. "Can't Tell" has no aspect and is left out.
AIRLINE_REASON_ASPECTS = {
    "Late Flight": "delay",
    "Cancelled Flight": "cancellation",
    "Customer Service Issue": "customer_service",
    "Lost Luggage": "baggage",
    "Damaged Luggage": "baggage",
    "Flight Booking Problems": "booking",
    "Flight Attendant Complaints": "crew",
    "longlines": "queues",
    "Bad Flight": "inflight",
}


@dataclass(frozen=True)
class Aspect:
    name: str
    pattern: re.Pattern[str]  # matches any keyword or phrase in prepared (lowercased) text

    def hits(self, prepared: str) -> list[re.Match[str]]:
        return list(self.pattern.finditer(prepared))


@dataclass(frozen=True)
class Taxonomy:
    name: str
    aspects: tuple[Aspect, ...]

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.aspects]


def presets() -> list[str]:
    return sorted(p.stem for p in PRESETS_DIR.glob("*.toml"))


def load_taxonomy(preset_or_path: str | Path) -> Taxonomy:
    """A preset by name, or a TOML file by path; ``ConfigError`` names what is wrong."""
    path = Path(preset_or_path)
    if not path.suffix:
        known = presets()
        if not known:  # e.g. tactful imported from a zip (spark-submit --py-files): no files beside it
            raise ConfigError(
                f"aspect preset {str(preset_or_path)!r}: no presets found beside the package; install "
                "tactful (pip install) rather than importing it from a zip"
            )
        if str(preset_or_path) not in known:
            raise ConfigError(f"unknown aspect preset {str(preset_or_path)!r} (known: {', '.join(known)})")
        path = PRESETS_DIR / f"{preset_or_path}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such aspect taxonomy file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_taxonomy(data, source=str(path))


def parse_taxonomy(data: dict[str, object], *, source: str = "<taxonomy>") -> Taxonomy:
    entries = data.get("aspect")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{source}: needs at least one [[aspect]] table")
    aspects = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ConfigError(f"{source}: every [[aspect]] needs a string 'name'")
        terms = [*entry.get("keywords", []), *entry.get("phrases", [])]
        if not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise ConfigError(f"{source}: aspect {entry['name']!r} needs non-empty keywords or phrases")
        aspects.append(Aspect(entry["name"], _compile(terms)))
    return Taxonomy(str(data.get("name", Path(source).stem)), tuple(aspects))


def _compile(terms: list[str]) -> re.Pattern[str]:
    alternatives = sorted({_term_pattern(t.lower().strip()) for t in terms}, key=lambda p: (-len(p), p))
    return re.compile(r"(?<![\w$])(?:" + "|".join(alternatives) + r")(?![\w$])")


def _term_pattern(term: str) -> str:
    if term.endswith("*"):
        return r"\s+".join(map(re.escape, term[:-1].split())) + r"\w*"
    return r"\s+".join(map(re.escape, term.split()))
