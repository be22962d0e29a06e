"""Live ingestion speed: the Jetstream client and runner over a loopback replay, full pipeline.

    PYTHONPATH=src:. python benchmarks/bench_live_jetstream.py [--events 10000] [--url sqlite:///bench.db]

Prints events/s from the first event to the last committed cursor, with the
pipeline ``tactful listen`` runs (the stages installed, the consent gate, the
privacy layer's deletion sync; the pipeline logs any fallback it takes).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time

from tests.sources.livekit import TEST_SECRET, config_data
from tests.sources.replay import JetstreamReplay, jetstream_events

from tactful.config import parse_config
from tactful.engines.local import build_stages, pipeline_for
from tactful.sources.jetstream import JetstreamSource, cursor_time
from tactful.sources.listen import privacy_eraser
from tactful.sources.live import Link
from tactful.sources.runner import LiveRunner
from tactful.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=250)
    parser.add_argument("--url")
    args = parser.parse_args()
    os.environ.setdefault("TACTFUL_SECRET", TEST_SECRET)
    with tempfile.TemporaryDirectory() as scratch:
        url = args.url or f"sqlite:///{scratch}/bench.db"
        frames, expected = jetstream_events(args.events, seed=1)
        config = parse_config(config_data(url))
        with JetstreamReplay(frames) as server, open_store(url) as store:
            stages = build_stages(config, store=store)  # as tactful listen: opt-outs and tombstones checked
            table = {
                "type": "jetstream",
                "url": server.url,
                "batch_size": args.batch_size,
                "idle_seconds": 0.2,
                "check_labels": False,
            }
            source = JetstreamSource.from_config("bench", table)
            link = Link()
            runner = LiveRunner(
                source, pipeline_for(source, stages), store, link=link, erase=privacy_eraser(config, store)
            )
            thread = threading.Thread(target=runner.run, daemon=True)
            started = time.perf_counter()
            thread.start()
            last = str(frames[-1][0])
            while str(cursor_time(store.get_cursor("bench"))) != last:
                time.sleep(0.05)
            elapsed = time.perf_counter() - started
            link.stop.set()
            thread.join()
            print(
                f"{args.events} events, {len(expected.posts)} posts kept, {store.dialect}: "
                f"{elapsed:.1f} s, {args.events / elapsed:,.0f} events/s (batch {args.batch_size})"
            )


if __name__ == "__main__":
    main()
