"""Plugin settings declared once, as frozen dataclasses, and checked once per build.

Each field carries its doc in `metadata={"doc": ...}` (the docs are checked
against it). `load(cls, raw, name)` merges a settings dict over the declared
defaults and reports every problem at once: an unknown key (with the nearest
known one), a value of the wrong type. Used by the theme's plugins (identity,
share_cards, search, images, reading).
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")


class SettingsError(ValueError):
    """Every problem of one settings dict, in French, one per line."""


def doc(text: str, default: Any = dataclasses.MISSING, factory: Any = dataclasses.MISSING) -> Any:
    """A dataclass field with its documentation."""
    if factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=factory, metadata={"doc": text})
    return dataclasses.field(default=default, metadata={"doc": text})


def _matches(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin in (tuple, list):
        (item, *_rest) = typing.get_args(hint) or (Any,)
        return isinstance(value, list | tuple) and all(_matches(v, item) for v in value)
    if origin in (dict, Mapping):
        key, item = typing.get_args(hint) or (Any, Any)
        return isinstance(value, Mapping) and all(
            _matches(k, key) and _matches(v, item) for k, v in value.items())
    return isinstance(value, origin or hint)


def load(cls: type[T], raw: Mapping[str, Any] | None, name: str) -> T:
    """`cls` built from `raw` (missing keys take their defaults); SettingsError lists every problem."""
    raw = dict(raw or {})
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    problems = []
    for key in raw:
        if key not in fields:
            near = difflib.get_close_matches(key, fields, n=1)
            hint = f" (vouliez-vous dire « {near[0]} » ?)" if near else ""
            problems.append(f"{name}[{key!r}] : clé inconnue{hint}")
    for key, value in raw.items():
        if key in fields and not _matches(value, hints[key]):
            problems.append(f"{name}[{key!r}] : {value!r} n’est pas du type attendu ({hints[key]})")
    if problems:
        raise SettingsError("\n".join(problems))
    # Lists become tuples: the instance is frozen all the way down.
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    return cls(**values)


def docs(cls: type) -> dict[str, str]:
    """Each field's documentation, for the docs test."""
    return {f.name: f.metadata.get("doc", "") for f in dataclasses.fields(cls)}
