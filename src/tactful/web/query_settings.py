"""Saving brand queries from the web: written back into ``tactful.toml``, safely, and audited.

    config = save_query(config, QueryChange("edit", "acme", group="brand", query="acme OR #acme",
                                            previous="acme"), actor="web:dana", engine=engine)

The config file stays the one source of truth (no database overlay to reconcile
with it): the file is read again, changed with ``tomlkit`` (so comments, order
and every other section are kept as they are), the whole result validated as
``load_config`` would, and written atomically (a temporary file in the same
folder, fsynced, then renamed over the old one, keeping its permissions). An
edit carries the query text the editor started from; if the file says something
else by then (someone changed it by hand, or in another tab) the save is refused
(409) instead of overwriting it. Each change is a ``config.change`` audit entry
with the actor, the time, and the query before and after (queries are search
terms, not personal data).

The web app uses the saved queries at once (the settings page, the webhook
intake's pipeline). ``tactful listen`` workers read the file when they start:
restart them for new ingestion to use the change.
"""

from __future__ import annotations

import os
import tempfile
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
import tomlkit
from pydantic import ValidationError
from tomlkit.items import AoT

import tactful
from tactful.config import Config, QueryConfig, parse_config
from tactful.errors import NotFound, UsageError
from tactful.privacy.audit import AuditLog
from tactful.query.parser import parse_query

EFFECT = (
    "Saved to the config file. The web app and its webhook intake use it now; "
    "restart `tactful listen` workers for their new ingestion to use it."
)
Op = Literal["add", "edit", "remove"]
PACKAGE = Path(tactful.__file__).resolve().parent  # shipped configs (the demo's) are never written
_lock = threading.Lock()  # one read-change-write at a time in this process


class ConfigConflict(UsageError):
    code = "E409"


class NoConfigFile(UsageError):
    code = "E101"


@dataclass(frozen=True)
class QueryChange:
    op: Op
    name: str
    group: str = "brand"
    query: str = ""
    previous: str | None = None  # for an edit: the text the editor started from


def save_query(config: Config, change: QueryChange, *, actor: str, engine: sa.Engine) -> Config:
    """Apply one change to the config file; return the config as now saved."""
    path = _path_of(config)
    if change.op != "remove":
        _check_new(change)
    with _lock:
        text = path.read_text(encoding="utf-8")
        document = tomlkit.parse(text)
        before, after = _apply(document, change)
        new_text = tomlkit.dumps(document)
        saved = parse_config(tomllib.loads(new_text), source=str(path))  # refuse what load_config would
        _atomic_write(path, new_text)
    AuditLog(engine).record(
        actor,
        "config.change",
        target=f"queries:{change.name}",
        detail={"key": "queries", "op": change.op, "file": path.name, "before": before, "after": after},
    )
    return saved


def why_not_savable(config: Config) -> str | None:
    """None when queries can be saved; else the reason (shown on the settings page)."""
    try:
        _path_of(config)
    except NoConfigFile as exc:
        return exc.message
    return None


def _path_of(config: Config) -> Path:
    if config.path is None or not config.path.is_file():
        raise NoConfigFile("this app was started without a config file, so queries cannot be saved")
    if config.path.resolve().is_relative_to(PACKAGE):
        raise NoConfigFile("this is a config shipped with tactful (the demo's): copy it to save queries")
    return config.path


def _check_new(change: QueryChange) -> None:
    if not change.name.strip() or not change.query.strip():
        raise UsageError("a query needs a name and a query")
    try:
        QueryConfig(name=change.name, group=change.group, query=change.query)  # the group's rule
    except ValidationError:
        raise UsageError("group must be 'brand', 'product' or 'competitor:<name>'") from None
    parse_query(change.query)  # QuerySyntaxError (E102) points at the column


def _apply(document: Any, change: QueryChange) -> tuple[dict[str, str] | None, dict[str, str] | None]:
    queries = document.get("queries")
    if queries is None:
        queries = document["queries"] = tomlkit.aot()
    index = next((i for i, q in enumerate(queries) if q.get("name") == change.name), None)
    fields = {"name": change.name, "group": change.group, "query": change.query}
    if change.op == "add":
        if index is not None:
            raise UsageError(f"there is already a query named {change.name!r}")
        queries.append(_new_entry(queries, fields))
        return None, fields
    if index is None:
        raise NotFound(f"no query named {change.name!r} in the config file")
    before = {k: str(queries[index].get(k, "brand" if k == "group" else "")) for k in fields}
    if change.op == "remove":
        del queries[index]
        return before, None
    if change.previous is not None and _same(change.previous) != _same(before["query"]):
        raise ConfigConflict(
            f"query {change.name!r} was changed in the config file since this page was loaded: reload it"
        )
    queries[index]["group"] = change.group
    queries[index]["query"] = change.query
    return before, fields


def _new_entry(queries: Any, fields: dict[str, str]) -> Any:
    entry = tomlkit.table() if isinstance(queries, AoT) else tomlkit.inline_table()
    entry.update(fields)
    return entry


def _same(text: str) -> str:
    return " ".join(text.split())  # the browser may turn line ends into CRLF


def _atomic_write(path: Path, text: str) -> None:
    mode = path.stat().st_mode & 0o777
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
