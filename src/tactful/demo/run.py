"""``tactful demo``: ingest the demo data into a fresh SQLite database in a working folder.

The edge of the demo: it creates the working folder, a throwaway installation
secret for the privacy layer, and the database; then every demo file goes
through the same pipeline ``tactful ingest`` uses, one file at a time, and the
summary is built from what the store holds and what the pipeline counted.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

import structlog

from tactful.config import Config, load_config
from tactful.demo import DEMO_CONFIG, demo_files
from tactful.demo.summary import FileReport, SummaryInput
from tactful.engines.local import Stages, build_stages, pipeline_for, sync_inbox
from tactful.errors import UsageError
from tactful.pipeline import IngestReport
from tactful.sources.files import open_file_source
from tactful.store import Store, open_store

log = structlog.get_logger(__name__)

DEFAULT_WORKDIR = Path("tactful-demo")
DATABASE_NAME = "tactful.db"
SECRET_NAME = "demo-secret"  # a throwaway secret for this folder only; never use it for real data


def database_path(workdir: Path) -> Path:
    return workdir / DATABASE_NAME


def demo_config(workdir: Path) -> Config:
    """The shipped Skylark config, storing into the working folder's database."""
    config = load_config(DEMO_CONFIG)
    config.store.url = f"sqlite:///{database_path(workdir).resolve()}"
    return config


def prepare_workdir(workdir: Path, *, fresh: bool) -> bool:
    """Create the folder; with ``fresh``, delete an earlier demo database. Return whether one is reused."""
    if workdir.exists() and not workdir.is_dir():
        raise UsageError(f"--workdir {workdir}: exists and is not a folder")
    workdir.mkdir(parents=True, exist_ok=True)
    database = database_path(workdir)
    if fresh:
        for leftover in workdir.glob(DATABASE_NAME + "*"):  # the database and its -wal/-shm files
            leftover.unlink()
    return database.exists()


def ensure_secret(workdir: Path, env_name: str) -> None:
    """Pseudonyms need an installation secret: use the environment's, or one kept in the demo folder."""
    if os.environ.get(env_name):
        return
    path = workdir / SECRET_NAME
    if not path.exists():
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    os.environ[env_name] = path.read_text(encoding="utf-8").strip()


def run_demo(
    workdir: Path = DEFAULT_WORKDIR,
    *,
    fresh: bool = False,
    on_file: Callable[[FileReport], None] | None = None,
) -> SummaryInput:
    """Ingest every demo file; return what the summary needs."""
    reused = prepare_workdir(workdir, fresh=fresh)
    config = demo_config(workdir)
    ensure_secret(workdir, config.privacy.secret_env)
    log.info("demo.start", files=len(demo_files()), reused_database=reused)
    files: list[FileReport] = []
    with open_store(config.store.url) as store:
        # with the store, as 'tactful ingest' runs: opt-outs, tombstones and thread context honoured
        stages = build_stages(config, store=store)
        for path in demo_files():
            item = ingest_file(path, stages, store)
            files.append(item)
            if on_file is not None:
                on_file(item)
        posts = list(store.iter_posts())
        sync_inbox(store)  # so 'tactful inbox list --db' shows the demo's conversations
        erased = erased_by_optout_requests(store)
    return SummaryInput(
        files, posts, config.brand.all_handles(), fallbacks=list(stages.fallbacks), erased_after=erased
    )


def erased_by_optout_requests(store: Store) -> int:
    """Posts stored and then erased when their author asked the brand to stop listening (audited)."""
    try:
        from tactful.privacy.audit import AuditLog
    except ModuleNotFoundError:
        return 0
    return sum(
        int(entry.detail.get("erased", {}).get("posts", 0))
        for entry in AuditLog(store.engine).entries()
        if entry.action == "optout.add" and entry.detail.get("via") == "message"
    )


def ingest_file(path: Path, stages: Stages, store: Store) -> FileReport:
    source = open_file_source(path)
    report: IngestReport = pipeline_for(source, stages).run(source.read(), store)
    log.info("demo.file", file=path.name, read=report.read, stored=report.stored, rejected=report.rejected)
    return FileReport(path.name, source.format.name, report)
