"""The ``tactful`` command line: thin typer commands that call the modules above.

Each command group lives in its own module here and exposes ``register(app)``;
modules are discovered automatically, so adding a command touches one file.
Errors print as one line (``error E101: ...``); ``--debug`` shows the traceback.
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

app = typer.Typer(
    name="tactful",
    help="Social listening people can trust: listen, understand, protect, engage with consent.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress events (to stderr)."),
) -> None:
    _state["debug"] = debug
    configure_logging(logging.INFO if verbose or debug else logging.WARNING)


def _discover_commands() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("_") or module.name == "output":
            continue
        mod = importlib.import_module(f"{__name__}.{module.name}")
        register = getattr(mod, "register", None)
        if register is not None:
            register(app)


_discover_commands()


def main() -> None:
    try:
        code = app(standalone_mode=False)
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
