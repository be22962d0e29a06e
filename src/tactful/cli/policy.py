"""``tactful policy test --input posts.jsonl``: the decision and explanation for each post, nothing stored.

    tactful policy test --input posts.jsonl [--brand-handle @acme ...] [--config tactful.toml]
                        [--aspects airline] [--no-models] [--json]

The policy is the config's ``[policy]`` (the shipped default without a config);
brand handles come from ``--brand-handle`` or the config. Posts are analysed with
the fast models unless a line carries its own ``analysis`` or ``--no-models``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from tactful.cli._context import DEFAULT_CONFIG, ConfigOption
from tactful.cli.output import console, console_err
from tactful.config import Config, load_config
from tactful.engage.policy import Policy, build_policy
from tactful.engage.review import Reviewed, review
from tactful.errors import InputFormatError, ModelError

policy_app = typer.Typer(help="Review the engagement policy (docs/engagement.md).", no_args_is_help=True)


@policy_app.command("test")
def test(
    input: Annotated[Path, typer.Option("--input", "-i", help="JSON Lines with a 'text' per line.")],
    brand_handle: Annotated[
        list[str] | None,
        typer.Option("--brand-handle", help="A brand handle (repeatable); default: the config's."),
    ] = None,
    aspects: Annotated[
        str | None, typer.Option("--aspects", help="Aspect preset or file; default: the config's.")
    ] = None,
    no_models: Annotated[
        bool, typer.Option("--no-models", help="Do not analyse lines without 'analysis'.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per line instead of text.")
    ] = False,
    config: ConfigOption = DEFAULT_CONFIG,
) -> None:
    """Print what the policy would do with each post, and why. Nothing is stored or sent."""
    settings = load_config(config) if config.exists() else None
    policy = _policy(settings, config)
    for warning in policy.warnings:
        console_err.print(f"[bold yellow]warning:[/] {warning}", highlight=False)
    handles = brand_handle or (sorted(settings.brand.all_handles()) if settings else [])
    understander = None if no_models else _understander(handles, aspects or _aspects(settings))
    actions: Counter[str] = Counter()
    for item in review(_read_lines(input), policy, brand_handles=handles, understander=understander):
        actions[item.decision.action] += 1
        _print(item, as_json)
    summary = ", ".join(f"{action} {n:,}" for action, n in actions.most_common()) or "no posts"
    console_err.print(
        f"decided {sum(actions.values()):,} posts: {summary} (policy {policy.version})", highlight=False
    )


def _policy(settings: Config | None, path: Path) -> Policy:
    if settings is None:
        return build_policy({})
    return build_policy(settings.policy, source=str(path))


def _aspects(settings: Config | None) -> str:
    return settings.understand.aspects if settings else "software"


def _understander(handles: list[str], aspects: str) -> Any:
    """The fast models, or None (with a warning) when their artefacts are not built."""
    from tactful.understand.api import Understander

    understander = Understander(tier="fast", brand_handles=handles, aspects=aspects)
    try:
        understander.analyze(["warm up"])  # loads the models once, here, where a failure can be explained
    except ModelError as exc:
        console_err.print(f"[bold yellow]warning:[/] {exc.message}; lines without 'analysis' are decided "
                          "without one (never answered)", highlight=False)
        return None
    return understander


def _read_lines(path: Path) -> Any:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputFormatError(f"cannot read {path}: {exc.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError:
                raise InputFormatError(f"{path}: line {number} is not valid JSON") from None
            if not isinstance(data, dict) or not isinstance(data.get("text"), str):
                raise InputFormatError(f"{path}: line {number} has no 'text' string")
            yield data


def _print(item: Reviewed, as_json: bool) -> None:
    decision = item.decision
    if as_json:
        print(
            orjson.dumps(
                {
                    "line": item.line,
                    "id": item.id,
                    "action": decision.action,
                    "priority": decision.priority,
                    "team": decision.team,
                    "reasons": decision.reasons,
                    "explanation": decision.explanation,
                }
            ).decode()
        )
        return
    team = f" {decision.team}" if decision.team else ""
    console.print(
        f"line {item.line} ({item.id}): {decision.action}{team} p{decision.priority}: "
        f"{decision.explanation} [{', '.join(decision.reasons)}]",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(policy_app, name="policy")
