"""Run the benchmarks and regenerate docs/benchmarks.md from their results.

    python -m benchmarks.run                      # every suite (long: the 1M-post ingest alone is
                                                  # 10+ CPU minutes; TACTFUL_BENCH_DEADLINE_S caps it)
    python -m benchmarks.run --only ingest        # one suite (repeat --only for several)
    python -m benchmarks.run --quick              # small sizes: a smoke run (results not kept)
    python -m benchmarks.run --render             # only re-render the doc from the kept results

Each suite runs in a child process (some pin themselves to one core) and writes
``benchmarks/results/run-<suite>.json``: its figures, the machine, the load average
sampled while it ran, and when. The doc is rendered from those files, never edited
by hand. ``--quick`` writes to a temp dir and prints the doc instead.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import machine
from benchmarks.report import render
from benchmarks.suites import SUITES

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
PREFIX = "run-"


def run_suite(name: str, quick: bool) -> dict[str, Any]:
    """One suite in a child process, with the load average sampled meanwhile."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(name, quick, send))
    started = time.perf_counter()
    with machine.LoadSampler() as load:
        child.start()
        send.close()
        outcome = receive.recv()
        child.join()
    if "error" in outcome:
        raise SystemExit(f"suite {name} failed: {outcome['error']}")
    return {
        "suite": name,
        "quick": quick,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
        "load_average_1min": load.summary(),
        "machine": machine.describe(),
        **outcome,
    }


def _child(name: str, quick: bool, send: Any) -> None:
    try:
        send.send(SUITES[name](quick))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which stops the run
        send.send({"error": f"{type(exc).__name__}: {exc}"})
        raise


def load_results(folder: Path) -> dict[str, dict[str, Any]]:
    found = {}
    for path in sorted(folder.glob(f"{PREFIX}*.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        found[result["suite"]] = result
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(SUITES), help="run only this suite")
    parser.add_argument("--quick", action="store_true", help="small sizes; results go to a temp dir")
    parser.add_argument("--render", action="store_true", help="only render the doc from kept results")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="tactful-bench-")) if args.quick else RESULTS
    if not args.render:
        for name in args.only or list(SUITES):
            print(f"== {name}{' (quick)' if args.quick else ''}", file=sys.stderr, flush=True)
            result = run_suite(name, args.quick)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{PREFIX}{name}.json").write_text(
                json.dumps(result, indent=1) + "\n", encoding="utf-8"
            )
            print(f"   {name}: {result['seconds']:,.0f} s", file=sys.stderr, flush=True)
    doc = render(load_results(folder), suites=list(SUITES))
    if args.quick:
        print(doc)
    else:
        DOC.write_text(doc, encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
