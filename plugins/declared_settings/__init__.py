"""Plugin settings declared once, as frozen dataclasses, and checked once per build.

Each field carries its doc in `metadata={"doc": ...}` (the docs are checked
against it), and optionally a `Rule` on its value, the settings key it is read
from (`from` is no attribute name), the Pelican settings its default falls
back to (IDENTITY's `name`: AUTHOR, else SITENAME), or a `parse` that turns the
written value into the stored one (`function`: a "module:function" name imported
once, when the settings are loaded). `load(cls, raw, name)`
merges a settings dict over the declared defaults and reports every problem at
once: an unknown key (with the nearest known one), a missing required key, a
value of the wrong type or breaking its rule (a range, a pattern, a file that
must exist under PATH...), in a nested dataclass too (a sub-dict).

`declare(setting, cls, then)` (called from a plugin's `register()`) adds a
setting to the ones the one `initialized` handler, `on_initialized`, loads:
every problem of every declared setting (COMMENTS, RELATED_POSTS and the
theme's IDENTITY, READING, SHARE_CARDS, IMAGES, SEARCH) is listed in one
SettingsError, which stops the build before any work; each parsed object is
stored in Pelican's settings under `<setting>_SETTINGS` (the raw setting is
left as written), then each `then(settings, parsed)` runs, in declaration order.
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib
import re
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class SettingsError(ValueError):
    """Every problem of one or more settings dicts, in French, one per line."""

    exitcode = 1  # Pelican exits with it


@dataclasses.dataclass(frozen=True)
class Rule:
    """A rule on a value beyond its type: `expected` (French) is shown when the value breaks it.

    A rule that reads Pelican's settings names them in `uses`: it is called as
    `ok(value, settings)`, `expected` may show them ("{PATH}"), and it is checked only
    when the settings are given (at `initialized`, or `load(..., settings=)`)."""

    expected: str
    ok: Callable[..., bool]
    uses: tuple[str, ...] = ()

    def breaks(self, value: Any, settings: Mapping[str, Any] | None) -> bool:
        if not self.uses:
            return not self.ok(value)
        return settings is not None and not self.ok(value, settings)

    def text(self, settings: Mapping[str, Any] | None) -> str:
        if not self.uses or settings is None:
            return self.expected
        return self.expected.format_map({key: settings.get(key) for key in self.uses})


def at_least(low: float, expected: str | None = None, *, none: bool = False) -> Rule:
    """A number >= `low` (None allowed with `none`)."""
    text = expected or (f"entier supérieur ou égal à {low}" + (" ou None" if none else ""))
    return Rule(text, lambda v: (none and v is None) or (v is not None and v >= low))


def positive(expected: str = "nombre positif") -> Rule:
    """A number > 0."""
    return Rule(expected, lambda v: v > 0)


def between(low: float, high: float, expected: str | None = None) -> Rule:
    """A number from `low` to `high`, both included."""
    return Rule(expected or f"nombre entre {low} et {high}", lambda v: low <= v <= high)


def matching(pattern: str, expected: str) -> Rule:
    """A string matching the regular expression `pattern` as a whole."""
    compiled = re.compile(pattern)
    return Rule(expected, lambda v: compiled.fullmatch(v) is not None)


def file_under(setting: str) -> Rule:
    """None, or the path of an existing file under the folder Pelican's `setting` names (e.g. PATH)."""
    return Rule(f"fichier existant sous {{{setting}}}",
                lambda v, settings: v is None or (Path(settings[setting]) / v).is_file(), uses=(setting,))


def _http(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


HTTP_URL = Rule("adresse http(s):// ou None", lambda v: v is None or _http(v))
HTTP_ORIGINS = Rule("liste d’origines http(s)://hôte[:port]", lambda v: all(_http(o) for o in v))
NON_EMPTY = Rule("chaîne non vide", lambda v: bool(v))
NAME = Rule("nom", lambda v: bool(v) and not v.startswith("-"))


def function(none: Callable) -> Callable[[Any], Callable]:
    """A `parse` for a setting naming a function as "module:function" (or giving the function
    itself): the function, imported once; None gives `none`. ValueError says why not, in French."""
    def parse(value: Any) -> Callable:
        if value is None:
            return none
        if callable(value):
            return value
        if not isinstance(value, str) or value.count(":") != 1 or not all(value.split(":")):
            raise ValueError("attendu : « module:fonction » ou None")
        module_name, name = value.split(":")
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:  # noqa: BLE001 (ImportError, or whatever the module raises)
            raise ValueError(f"module « {module_name} » non importable : {type(exc).__name__}: {exc}") from exc
        found = getattr(module, name, None)
        if not callable(found):
            raise ValueError(f"pas de fonction « {name} » dans le module « {module_name} »")
        return found
    return parse


def doc(text: str, default: Any = dataclasses.MISSING, factory: Any = dataclasses.MISSING, *,
        rule: Rule | None = None, key: str | None = None, fallback: tuple[str, ...] = (),
        parse: Callable[[Any], Any] | None = None) -> Any:
    """A dataclass field with its documentation; no default (and no factory): a required key.

    `rule` checks the value once its type is right; `key` is the settings key when it is
    no Python name (e.g. "from"); when the key is missing or empty, the first non-empty of
    the Pelican settings `fallback` names stands for it (given the settings), else `default`;
    `parse` turns the written value into the stored one (its ValueError, in French, is the
    problem reported; it checks the value instead of the type)."""
    metadata = {"doc": text, "rule": rule, "key": key, "fallback": fallback, "parse": parse}
    if factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def _settings_class(hint: Any) -> type | None:
    """The dataclass among `hint` (itself or a member of its union), if any."""
    for candidate in (hint, *typing.get_args(hint)):
        if dataclasses.is_dataclass(candidate) and isinstance(candidate, type):
            return candidate
    return None


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
    if dataclasses.is_dataclass(hint):
        return isinstance(value, Mapping | hint)
    if origin in (tuple, list):
        (item, *_rest) = typing.get_args(hint) or (Any,)
        return isinstance(value, list | tuple) and all(_matches(v, item) for v in value)
    if origin in (dict, Mapping):
        key, item = typing.get_args(hint) or (Any, Any)
        return isinstance(value, Mapping) and all(
            _matches(k, key) and _matches(v, item) for k, v in value.items())
    return isinstance(value, origin or hint)


_WORDS = {int: "entier", float: "nombre", bool: "True ou False", str: "chaîne", type(None): "None"}


def describe(hint: Any) -> str:
    """`hint` in French words, for messages: "entier ou None", "liste de chaînes"."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " ou ".join(describe(arg) for arg in typing.get_args(hint))
    if origin in (tuple, list):
        (item, *_rest) = typing.get_args(hint) or (Any,)
        return "liste" if item is Any else f"liste de {describe(item)}s"
    if origin in (dict, Mapping) or dataclasses.is_dataclass(hint):
        return "dictionnaire"
    return _WORDS.get(hint, getattr(hint, "__name__", str(hint)))


def _key(field: dataclasses.Field) -> str:
    return field.metadata.get("key") or field.name


def _frozen(value: Any) -> Any:
    """Lists become tuples, nested ones too: the instance is frozen all the way down."""
    return tuple(_frozen(v) for v in value) if isinstance(value, list | tuple) else value


def _fallback(field: dataclasses.Field, settings: Mapping[str, Any] | None, value: Any) -> Any:
    """The first non-empty of the Pelican settings `field` falls back to, else `value`
    (MISSING when the key is missing: the default then)."""
    for setting in field.metadata.get("fallback") or ():
        if settings is not None and settings.get(setting):
            return settings[setting]
    return value


def _parse(cls: type[T], raw: Any, name: str, problems: list[str],
           settings: Mapping[str, Any] | None = None) -> T | None:
    """`cls` from `raw`, or None after adding each problem to `problems`; `settings`
    (Pelican's) for the fallbacks and the rules that read them."""
    if isinstance(raw, cls):
        return raw
    if not isinstance(raw, Mapping):
        problems.append(f"{name} : valeur invalide {raw!r} (attendu : dictionnaire)")
        return None
    fields = {_key(f): f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    refused: Mapping[str, str] = getattr(cls, "REFUSED", {})
    count = len(problems)
    for key in raw:
        if key in refused:
            problems.append(f"{name}[{key!r}] : {refused[key]}")
        elif key not in fields:
            near = difflib.get_close_matches(str(key), fields, n=1)
            hint = f" (vouliez-vous dire « {near[0]} » ?)" if near else ""
            problems.append(f"{name}[{key!r}] : clé inconnue{hint}")
    values = {}
    for key, field in fields.items():
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        value = raw.get(key, dataclasses.MISSING)
        if value is dataclasses.MISSING or (value in ("", None) and field.metadata.get("fallback")):
            value = _fallback(field, settings, value)
        if value is dataclasses.MISSING:
            if required:
                problems.append(f"{name}[{key!r}] : clé manquante")
            continue
        hint, rule = hints[field.name], field.metadata.get("rule")
        nested, parse = _settings_class(hint), field.metadata.get("parse")
        if parse is not None:
            try:
                value = parse(value)
            except ValueError as exc:
                problems.append(f"{name}[{key!r}] : valeur invalide {value!r} ({exc})")
        elif nested is not None and isinstance(value, Mapping):
            value = _parse(nested, value, f"{name}[{key!r}]", problems, settings)
        elif not _matches(value, hint) or (rule is not None and rule.breaks(value, settings)):
            expected = rule.text(settings) if rule is not None else describe(hint)
            problems.append(f"{name}[{key!r}] : valeur invalide {value!r} (attendu : {expected})")
        values[field.name] = _frozen(value)
    if len(problems) > count:
        return None
    return cls(**values)


def load(cls: type[T], raw: Mapping[str, Any] | None, name: str, settings: Mapping[str, Any] | None = None) -> T:
    """`cls` built from `raw` (missing keys take their defaults); SettingsError lists every problem.

    Without Pelican's `settings`, the fallbacks and the rules that read them are left out."""
    problems: list[str] = []
    result = _parse(cls, {} if raw is None else raw, name, problems, settings)
    if problems:
        raise SettingsError("\n".join(problems))
    return result


def docs(cls: type) -> dict[str, str]:
    """Each settings key's documentation, for the docs test."""
    return {_key(f): f.metadata.get("doc", "") for f in dataclasses.fields(cls)}


def stored_key(setting: str) -> str:
    """Where `on_initialized` stores the parsed `setting` in Pelican's settings."""
    return f"{setting}_SETTINGS"


# setting name -> (its dataclass, what to do with the parsed object once every setting is valid)
_DECLARED: dict[str, tuple[type, Callable[[dict, Any], None] | None]] = {}


def declare(setting: str, cls: type, then: Callable[[dict, Any], None] | None = None) -> None:
    """Have `on_initialized` load Pelican's `setting` as `cls`; `then(settings, parsed)` runs after."""
    from pelican import signals

    _DECLARED[setting] = (cls, then)
    signals.initialized.connect(on_initialized)  # connected once, whatever the number of settings


def load_declared(settings: dict) -> None:
    """Parse every declared setting of `settings` and store each under `<setting>_SETTINGS`;
    SettingsError lists the problems of all of them."""
    problems: list[str] = []
    parsed = {setting: _parse(cls, {} if settings.get(setting) is None else settings[setting], setting, problems,
                              settings)
              for setting, (cls, _then) in _DECLARED.items()}
    if problems:
        raise SettingsError("Réglages invalides :\n" + "\n".join(problems))
    for setting, value in parsed.items():
        settings[stored_key(setting)] = value
    for setting, (_cls, then) in _DECLARED.items():
        if then is not None:
            then(settings, parsed[setting])


def on_initialized(pelican: Any) -> None:
    """Pelican's `initialized`: every declared setting is checked here, once, before any work."""
    load_declared(pelican.settings)
