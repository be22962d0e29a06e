"""The demo's offer: the dashboard on localhost, with the demo data and a demo user.

The demo user is an admin (it sees every page) with a password made once per
demo folder and kept there (``demo-web-password``, mode 600), like the demo's
pseudonym secret: fine for fictional data on loopback, never for real data.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from tactful.web.users import add_user, check_password

DEMO_USER = "demo"
PASSWORD_FILE = "demo-web-password"
DEFAULT_PORT = 8000


@dataclass(frozen=True)
class DemoOffer:
    url: str
    username: str
    password: str

    def lines(self, *, serving: bool) -> list[str]:
        start = (
            "Serving the dashboard"
            if serving
            else "See it in the dashboard: run 'tactful demo --serve', then open"
        )
        return [
            f"{start} {self.url}",
            f"Sign in as {self.username} with password {self.password} (demo user, local only)",
        ]


def demo_password(workdir: Path) -> str:
    path = workdir / PASSWORD_FILE
    if not path.exists():
        path.write_text(secrets.token_urlsafe(12), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def ensure_demo_user(engine: sa.Engine, workdir: Path, *, port: int = DEFAULT_PORT) -> DemoOffer:
    password = demo_password(workdir)
    if check_password(engine, DEMO_USER, password) is None:
        add_user(engine, DEMO_USER, password, role="admin")
    return DemoOffer(f"http://127.0.0.1:{port}/", DEMO_USER, password)
