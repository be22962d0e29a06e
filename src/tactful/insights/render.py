"""Writing a report: self-contained HTML (charts inlined as PNG) or PDF (matplotlib's PdfPages)."""

from __future__ import annotations

import base64
import io
import textwrap
from pathlib import Path

import jinja2
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from tactful.insights import charts
from tactful.insights.report import ReportData, summary

TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("tactful.insights", "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
)
A4 = (8.27, 11.69)


def title(data: ReportData) -> str:
    days = (data.until - data.since).days
    kind = "Weekly" if days <= 7 else "Monthly" if days <= 31 else "Listening"
    return f"{kind} report: {data.brand}"


def _png(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    return base64.b64encode(buffer.getvalue()).decode()


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _net(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def html(data: ReportData) -> str:
    figures = charts.all_charts(data)
    try:
        images = {name: _png(figure) for name, figure in figures.items()}
    finally:
        _close(figures.values())
    return TEMPLATES.get_template("report.html").render(
        title=title(data),
        period=f"{data.since:%Y-%m-%d} to {data.until:%Y-%m-%d}",
        sentences=summary(data),
        charts=images,
        brand=data.brand,
        interval="day" if (data.until - data.since).days <= 62 else "week",
        voices=data.voices,
        drivers=data.drivers,
        topics=data.topics,
        spikes=data.spikes,
        sla=data.sla,
        pct=_pct,
        net=_net,
    )


def pdf(data: ReportData, output: Path) -> None:
    figures = charts.all_charts(data)
    try:
        with PdfPages(output, metadata={"Title": title(data), "Creator": "tactful"}) as pages:
            pages.savefig(_summary_page(data, figures.pop("volume")))
            for figure in figures.values():
                pages.savefig(figure)
            pages.savefig(_tables_page(data))
    finally:
        _close(figures.values())


def _summary_page(data: ReportData, volume: Figure) -> Figure:
    """Page 1: title, period, the written summary and the volume chart (drawn again at page width)."""
    page = Figure(figsize=A4)
    page.text(0.08, 0.95, title(data), fontsize=18, weight="bold", va="top")
    page.text(
        0.08,
        0.915,
        f"{data.since:%Y-%m-%d} to {data.until:%Y-%m-%d} (UTC)",
        fontsize=10,
        color="#555555",
        va="top",
    )
    y = 0.88
    for sentence in summary(data):
        wrapped = textwrap.fill(sentence, 95)
        page.text(0.08, y, "\u2022 " + wrapped, fontsize=9.5, va="top")
        y -= 0.022 * (wrapped.count("\n") + 1) + 0.008
    chart = page.add_axes((0.1, 0.08, 0.82, max(0.2, y - 0.14)))
    source = volume.axes[0]
    for line in source.get_lines():
        chart.plot(line.get_xdata(), line.get_ydata(), marker="o", markersize=2, label=line.get_label())
    chart.set_title("Posts per query group", loc="left", fontsize=11)
    if source.get_lines():
        chart.legend(fontsize=8, frameon=False)
    chart.tick_params(axis="x", labelrotation=30, labelsize=8)
    _close([volume])
    return page


def _tables_page(data: ReportData) -> Figure:
    page = Figure(figsize=A4)
    lines = ["Emerging topics"] + [
        f"  {t.topic.phrase}: {t.topic.current} posts ({t.topic.baseline} before), "
        f"net {_net(t.topic.net_sentiment)}"
        for t in data.topics
    ] or ["  none"]
    lines += ["", "Spike alerts"] + ([f"  {a.summary()}" for a in data.spikes] or ["  none in this period"])
    lines += ["", "Inbox SLA"]
    if data.sla is None:
        lines.append("  The inbox is not set up in this database, so there are no SLA figures.")
    else:
        s = data.sla
        wait = "-" if s.median_first_reply_minutes is None else f"{s.median_first_reply_minutes:.0f} min"
        lines.append(
            f"  opened {s.opened}, answered {s.answered}, resolved {s.resolved}, median first reply {wait}"
        )
    page.text(
        0.08,
        0.95,
        "\n".join(textwrap.shorten(line, 110) if line else "" for line in lines),
        fontsize=9,
        va="top",
        family="monospace",
    )
    return page


def _close(figures: object) -> None:
    import matplotlib.pyplot as plt

    for figure in list(figures):  # type: ignore[call-overload]
        plt.close(figure)
