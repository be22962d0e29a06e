"""Spike alerts: volume and negative-share anomalies against a rolling baseline.

Pure: given hourly (or any fixed-width) buckets, ``detect_spikes`` compares each
bucket with the ``baseline`` buckets before it (e.g. the previous 12 hours) and
raises an alert when it is more than ``sensitivity`` standard deviations above
the baseline mean. Alerts of the same kind within ``cooldown`` buckets of an
earlier one are merged into it (deduplicated), not repeated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

SpikeKind = Literal["volume", "negative_share"]


@dataclass(frozen=True, slots=True)
class Bucket:
    start: datetime
    volume: int
    negative: int


@dataclass(frozen=True, slots=True)
class SpikeSettings:
    baseline: int = 12  # buckets before the current one
    sensitivity: float = 3.0  # standard deviations above the baseline mean
    cooldown: int = 6  # buckets during which the same kind is not raised again
    min_volume: int = 10  # ignore buckets too small to mean anything


@dataclass(frozen=True, slots=True)
class Spike:
    kind: SpikeKind
    start: datetime
    observed: float
    expected: float
    zscore: float
    dedupe_key: str

    def describe(self) -> str:
        if self.kind == "volume":
            return (f"{self.observed:.0f} posts against about {self.expected:.0f} expected "
                    f"({self.zscore:.1f} sd)")
        return (f"{self.observed:.0%} negative against about {self.expected:.0%} expected "
                f"({self.zscore:.1f} sd)")


def detect_spikes(buckets: Sequence[Bucket], settings: SpikeSettings = SpikeSettings()) -> list[Spike]:
    spikes: list[Spike] = []
    last_raised: dict[SpikeKind, int] = {}
    for i in range(settings.baseline, len(buckets)):
        current, history = buckets[i], buckets[i - settings.baseline:i]
        if current.volume < settings.min_volume:
            continue
        for kind, observed, series in _signals(current, history):
            spike = _check(kind, observed, series, current.start, settings)
            if spike is None:
                continue
            if i - last_raised.get(kind, -10**9) <= settings.cooldown:
                continue
            last_raised[kind] = i
            spikes.append(spike)
    return spikes


def _signals(current: Bucket, history: Sequence[Bucket]) -> list[tuple[SpikeKind, float, list[float]]]:
    shares = [b.negative / b.volume for b in history if b.volume > 0]
    return [
        ("volume", float(current.volume), [float(b.volume) for b in history]),
        ("negative_share", current.negative / current.volume, shares),
    ]


def _check(kind: SpikeKind, observed: float, series: list[float], start: datetime,
           settings: SpikeSettings) -> Spike | None:
    if len(series) < max(3, settings.baseline // 2):
        return None
    mean = sum(series) / len(series)
    sd = math.sqrt(sum((x - mean) ** 2 for x in series) / len(series))
    floor = 1.0 if kind == "volume" else 0.05  # a flat baseline must not make every wobble a spike
    z = (observed - mean) / max(sd, floor)
    if z < settings.sensitivity:
        return None
    return Spike(kind, start, observed, mean, z, f"{kind}:{start.isoformat()}")
