"""``tactful eval``: a task's official metric (and a per-class report) for a labelled JSON Lines file."""

from __future__ import annotations

from pathlib import Path

import orjson
import typer
from rich.table import Table

from tactful.cli.output import console, print_json
from tactful.errors import InputFormatError
from tactful.understand.api import Understander
from tactful.understand.evaluation import TASKS, evaluate


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        task: str = typer.Option(..., "--task", help=f"One of: {', '.join(TASKS)}."),
        input: Path = typer.Option(..., "--input", "-i", help="Labelled JSON Lines file (text + label)."),  # noqa: B008
        label_field: str = typer.Option(None, "--label-field", help="Field holding the gold label."),
        aspects: str = typer.Option(None, "--aspects", help="Aspect preset or file (aspects task: airline)."),
        tier: str = typer.Option("fast", "--tier", help="Model tier: fast or accurate."),
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    ) -> None:
        """Score the models on your own labelled posts with the task's official metric."""
        rows = _read_rows(input)
        taxonomy = aspects or ("airline" if task in ("aspects", "airline") else "software")
        result = evaluate(task, rows, Understander(tier=tier, aspects=taxonomy), label_field)
        if as_json:
            print_json(result.to_dict())
            return
        table = Table("class", "precision", "recall", "f1", "support")
        for c in result.classes:
            table.add_row(c.label, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.support))
        console.print(table)
        console.print(
            f"{task}: {result.metric} = {result.value:.4f} over {result.n} posts ({result.unscored} unscored)"
        )


def _read_rows(path: Path) -> list[dict[str, object]]:
    try:
        lines = path.read_bytes().splitlines()
    except OSError as exc:
        raise InputFormatError(f"cannot read {path}: {exc.strerror}") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
        except orjson.JSONDecodeError:
            raise InputFormatError(f"{path.name} line {number}: not valid JSON") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InputFormatError(f"{path.name} line {number}: needs an object with a string 'text'")
        rows.append(row)
    return rows
