"""``tactful analyze`` (JSON Lines in, the same lines plus ``analysis`` out) and its contract.

    tactful analyze --input IN.jsonl --output OUT.jsonl [--brand-handle @x ...]
                    [--aspects PRESET|FILE] [--tier fast|accurate]

``-`` reads stdin / writes stdout. Input order is kept, other keys pass through;
a bad line gets an ``error`` object in its place and the command exits 2 when
any line was bad. A progress bar goes to stderr for long files on a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import typer

from tactful.cli.output import console_err
from tactful.errors import InputFormatError
from tactful.understand.api import Understander
from tactful.understand.jsonl import LineCounts, analyze_lines

PROGRESS_MIN_BYTES = 1_000_000


def register(app: typer.Typer) -> None:
    @app.command()
    def analyze(
        input: str = typer.Option(
            ..., "--input", "-i", help="JSON Lines file with a 'text' per line, or '-'."
        ),
        output: str = typer.Option("-", "--output", "-o", help="Where to write the analysed lines, or '-'."),
        brand_handle: list[str] = typer.Option([], "--brand-handle", help="A brand handle (repeatable)."),  # noqa: B008
        aspects: str = typer.Option("software", "--aspects", help="Aspect preset name or TOML file."),
        tier: str = typer.Option("fast", "--tier", help="Model tier: fast or accurate."),
    ) -> None:
        """Analyse posts: sentiment, emotion, intent, complaint, irony, toxicity, aspects, language."""
        understander = Understander(tier=tier, brand_handles=brand_handle, aspects=aspects)
        counts = LineCounts()
        with _open_input(input) as source, _open_output(output) as sink:
            for line in analyze_lines(_with_progress(source, input), understander, counts):
                sink.write(line)
        if counts.bad:
            console_err.print(f"{counts.bad} of {counts.lines} lines were bad (see their 'error' objects)")
            # SystemExit, not typer.Exit: the app runs with standalone_mode=False, where click
            # turns typer.Exit into a return value that would be lost.
            raise SystemExit(2)


@contextmanager
def _open_input(path: str) -> Iterator[BinaryIO]:
    if path == "-":
        yield sys.stdin.buffer
        return
    try:
        handle = Path(path).open("rb")  # noqa: SIM115 (closed by the with below; the open alone may fail)
    except OSError as exc:
        raise InputFormatError(f"cannot read {path}: {exc.strerror}") from None
    with handle:
        yield handle


@contextmanager
def _open_output(path: str) -> Iterator[BinaryIO]:
    if path == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with Path(path).open("wb") as handle:
        yield handle


def _with_progress(source: BinaryIO, path: str) -> Iterator[bytes]:
    size = Path(path).stat().st_size if path != "-" else 0
    if size < PROGRESS_MIN_BYTES or not console_err.is_terminal:
        yield from source
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    with Progress(
        "analysing", BarColumn(), DownloadColumn(), TimeRemainingColumn(), console=console_err, transient=True
    ) as progress:
        task = progress.add_task("analyse", total=size)
        for line in source:
            progress.advance(task, len(line))
            yield line
