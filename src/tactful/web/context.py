"""What every handler needs, built once per app: config, store, inbox, policy, keyring, templates."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates

from tactful.config import Config
from tactful.engage.inbox import Inbox
from tactful.engage.policy import Policy, build_policy
from tactful.engage.replies import load_templates
from tactful.engage.sending import SendSettings
from tactful.privacy.pseudonyms import Keyring, load_keyring
from tactful.store import Store
from tactful.web.ratelimit import FailureLimiter

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class WebContext:
    config: Config
    store: Store
    dev: bool = False
    limiter: FailureLimiter = field(default_factory=lambda: FailureLimiter(secrets.token_bytes(32)))
    templates: Jinja2Templates = field(default_factory=lambda: Jinja2Templates(directory=str(TEMPLATES)))

    @cached_property
    def inbox(self) -> Inbox:
        return Inbox(
            self.store.engine, sla=self.config.inbox.sla, brand_handles=self.config.brand.all_handles()
        )

    @cached_property
    def policy(self) -> Policy:
        return build_policy(self.config.policy or None)

    @cached_property
    def reply_templates(self) -> list[Any]:
        return load_templates([t.model_dump() for t in self.config.inbox.templates])

    @cached_property
    def send_settings(self) -> SendSettings:
        return SendSettings.from_config(self.config.inbox)

    def keyring(self) -> Keyring:
        return load_keyring(self.config.privacy.secret_env, dev=self.dev)


def context_of(request: Request) -> WebContext:
    return request.app.state.web  # type: ignore[no-any-return]
