"""The report's charts, drawn with matplotlib (Agg: no display needed), one figure per section."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first
from matplotlib.figure import Figure  # noqa: E402

from tactful.insights.report import ReportData  # noqa: E402

SIZE = (8.0, 3.2)
COLOURS = {"positive": "#2e7d32", "neutral": "#9e9e9e", "negative": "#c62828", "unanalysed": "#d7ccc8"}


def _figure(title: str) -> tuple[Figure, plt.Axes]:
    figure, axes = plt.subplots(figsize=SIZE, layout="constrained")
    axes.set_title(title, loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _empty(axes: plt.Axes, message: str) -> None:
    axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes, color="#555555")
    axes.set_xticks([])
    axes.set_yticks([])


def volume(data: ReportData) -> Figure:
    figure, axes = _figure("Posts per query group")
    by_group: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    for point in data.series:
        by_group[point.group].append((point.start, point.posts))
    for group, values in sorted(by_group.items()):
        days = [d for d, _ in values]  # matplotlib converts datetimes; its stubs only admit numbers
        axes.plot(days, [n for _, n in values], marker="o", markersize=3, label=group)  # type: ignore[arg-type]
    if by_group:
        axes.legend(fontsize=8, frameon=False)
        figure.autofmt_xdate()
    else:
        _empty(axes, "no posts in this period")
    return figure


def sentiment(data: ReportData) -> Figure:
    figure, axes = _figure(f"Sentiment of {data.brand} posts")
    points = [p for p in data.series if p.group == data.brand]
    bottom = [0] * len(points)
    for label in ("negative", "neutral", "positive", "unanalysed"):
        heights = [p.sentiment.get(label, 0) for p in points]
        if any(heights):
            starts = [p.start for p in points]  # datetimes: matplotlib converts them, its stubs disagree
            axes.bar(
                starts,  # type: ignore[arg-type]
                heights,
                bottom=bottom,
                color=COLOURS[label],
                label=label,
                width=0.8,
            )
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    if points:
        axes.legend(fontsize=8, frameon=False)
        figure.autofmt_xdate()
    else:
        _empty(axes, "no brand posts in this period")
    return figure


def share_of_voice(data: ReportData) -> Figure:
    figure, axes = _figure("Share of voice")
    voices = [v for v in data.voices if v.share is not None]
    if voices:
        percents = [(v.share or 0.0) * 100 for v in voices]
        axes.barh([v.group for v in voices][::-1], percents[::-1], color="#1565c0")
        axes.set_xlabel("% of posts")
    else:
        _empty(axes, "no brand or competitor posts in this period")
    return figure


def drivers(data: ReportData) -> Figure:
    figure, axes = _figure("Complaint drivers: negative mentions by aspect")
    if data.drivers:
        names = [d.aspect for d in data.drivers][::-1]
        axes.barh(
            names,
            [d.previous.get("negative", 0) for d in data.drivers][::-1],
            color="#ef9a9a",
            label="previous period",
            height=0.4,
            align="edge",
        )
        axes.barh(
            names,
            [d.negative for d in data.drivers][::-1],
            color=COLOURS["negative"],
            label="this period",
            height=-0.4,
            align="edge",
        )
        axes.legend(fontsize=8, frameon=False)
    else:
        _empty(axes, "no aspects mentioned in this period")
    return figure


def all_charts(data: ReportData) -> dict[str, Figure]:
    return {
        "volume": volume(data),
        "sentiment": sentiment(data),
        "share_of_voice": share_of_voice(data),
        "drivers": drivers(data),
    }
