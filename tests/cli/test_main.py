import subprocess
import sys


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tactful", *args], capture_output=True, text=True)


def test_version_prints_the_package_version():
    import tactful

    result = run_cli("version")
    assert result.returncode == 0
    assert tactful.__version__ in result.stdout


def test_unknown_command_is_a_usage_error_with_exit_2():
    result = run_cli("no-such-command")
    assert result.returncode == 2


def test_a_command_raising_typer_exit_keeps_its_exit_code(monkeypatch):
    import typer

    from tactful import cli

    @cli.app.command("exit-three", hidden=True)
    def _exit_three() -> None:
        raise typer.Exit(3)

    monkeypatch.setattr("sys.argv", ["tactful", "exit-three"])
    try:
        cli.main()
    except SystemExit as exc:
        assert exc.code == 3
    else:
        raise AssertionError("main() must exit")
