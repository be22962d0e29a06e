"""The vocabulary of rule conditions: one small predicate per key of a rule's ``when`` table.

Every key a policy file may use is listed here with its meaning; an unknown key
is a config error. All conditions of a rule must hold (AND); write two rules for OR.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tactful.engage.facts import PostFacts

Predicate = Callable[[PostFacts, Any], bool]

CONDITIONS: dict[str, tuple[Predicate, str]] = {
    "addressed": (lambda f, v: f.addressed is bool(v),
                  "true: the post speaks to the brand (mention, reply or direct message)"),
    "intent": (lambda f, v: f.intent in _as_list(v),
               "the primary intent is one of these (complaint, question, suggestion, praise, other, "
               "unscored)"),
    "toxic": (lambda f, v: f.toxic is bool(v),
              "true: offensive or hateful language (probability at least 0.8, chosen for precision)"),
    "sensitive": (lambda f, v: bool(f.sensitive) is bool(v),
                  "true: the author reveals a sensitive category (health, religion, ...)"),
    "no_bots": (lambda f, v: f.no_bots is bool(v),
                "true: the author's account asks not to be indexed or answered by bots"),
    "direct_message": (lambda f, v: f.direct_message is bool(v), "true: a direct message to the brand"),
    "group": (lambda f, v: bool(set(f.groups) & set(_as_list(v))),
              "the post matched a query in one of these groups (brand, product, competitor:<name>)"),
    "lang_scored": (lambda f, v: f.lang_scored is bool(v),
                    "false: the models do not cover the post's language, so its intent is unknown"),
    "min_complaint": (lambda f, v: f.complaint >= float(v), "complaint probability at least this"),
    "min_negative": (lambda f, v: f.negative >= float(v), "negative sentiment score at least this"),
}


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple | set) else [value]


def holds(when: dict[str, Any], facts: PostFacts) -> bool:
    return all(CONDITIONS[key][0](facts, value) for key, value in when.items())
