"""The ``tactful`` command line: thin typer commands that call the modules above.

Each command group lives in its own module here and exposes ``register(app)``;
modules are discovered automatically, so adding a command touches one file.
Errors print as one line (``error E101: ...``); ``--debug`` shows the traceback.
Startup stays quick: ``main()`` imports only the module named like the command it
runs (``tactful inbox list`` imports ``cli/inbox.py``), and every module only when
the whole tree is needed (root ``--help``, an unknown name, or ``tactful.cli.app``).
Exit codes: 0 ok, 2 bad input or usage, 1 internal error.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys

import typer

from tactful.cli.output import console_err
from tactful.errors import TactfulError
from tactful.log import configure_logging

_app = typer.Typer(
    name="tactful",
    help="Social listening people can trust: listen, understand, protect, engage with consent.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}


@_app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress events (to stderr)."),
) -> None:
    _state["debug"] = debug
    configure_logging(logging.INFO if verbose or debug else logging.WARNING)


def _command_modules() -> list[str]:
    names = (m.name for m in pkgutil.iter_modules(__path__))
    return [name for name in names if not name.startswith("_") and name != "output"]


def _register(module_name: str) -> None:
    register = getattr(importlib.import_module(f"{__name__}.{module_name}"), "register", None)
    if register is not None:
        register(_app)


def _registered_names() -> set[str]:
    commands = {
        info.name or (info.callback.__name__ if info.callback else "") for info in _app.registered_commands
    }
    groups = {info.name or "" for info in _app.registered_groups}
    return commands | groups


_discovered: set[str] = set()


def _discover(only: str | None = None) -> None:
    """Register the command modules: just ``only`` when it names a module that registers it, else all."""
    wanted = only.replace("-", "_") if only else None
    if wanted in _command_modules() and wanted not in _discovered:
        _discovered.add(wanted)
        _register(wanted)
        if only in _registered_names():
            return
    for name in _command_modules():
        if name not in _discovered:
            _discovered.add(name)
            _register(name)


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole command tree, for tests and the reference generator
        _discover()
        return _app
    raise AttributeError(name)


def _command_in(argv: list[str]) -> str | None:
    """The first argument that is not a root option: the command about to run."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main() -> None:
    _discover(_command_in(sys.argv[1:]))
    try:
        code = _app(standalone_mode=False)
    except TactfulError as exc:
        if _state["debug"]:
            raise
        console_err.print(f"[bold red]error {exc.code}:[/] {exc.message}", highlight=False, markup=True)
        sys.exit(exc.exit_code)
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", None)
        if code is None:
            code = getattr(exc, "code", 0)
        sys.exit(code or 0)
    except typer.Abort:
        console_err.print("aborted")
        sys.exit(1)
    except Exception as exc:  # usage errors from the parser, and everything unexpected
        if _is_click_exception(exc):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(getattr(exc, "exit_code", 2))
        if _state["debug"]:
            raise
        console_err.print(f"[bold red]internal error:[/] {type(exc).__name__} (run with --debug for details)")
        sys.exit(1)
    # Without standalone mode, typer returns the code of a raised typer.Exit instead of exiting.
    sys.exit(code if isinstance(code, int) else 0)


def _is_click_exception(exc: Exception) -> bool:
    # typer >= 0.20 vendors click as typer._click; older versions use click itself.
    return any(cls.__name__ == "ClickException" for cls in type(exc).__mro__)
