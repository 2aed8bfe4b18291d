"""The user's settings: a TOML file in the config directory.

```toml
[user]
login = "wang.lei"        # who I am; defaults to the OS user name
name = "Wang Lei"

[ui]
language = "zh_CN"        # en | zh_CN; empty = follow LANG
theme = "katerm-dark"

[tiers]
scheme = "revenue"        # revenue | fish | strategic | size

[keys]                    # remap any action by its binding id
"accounts.search" = "slash"
```
Unknown sections are kept as they are, so a newer katerm's settings survive an older one.
"""

from __future__ import annotations

import getpass
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from katerm.core.errors import ConfigProblem
from katerm.i18n import normalize_language

TIER_SCHEMES = ("revenue", "fish", "strategic", "size")
# Each scheme's tiers, as ``katerm.core.tiers.SCHEMES`` has them (a test holds them equal):
# the settings name tiers in ``serve.<scheme>.<tier>`` keys.
SCHEME_TIERS = {
    "revenue": ("A", "B", "C", "D"),
    "fish": ("whale", "dolphin", "shark", "minnow"),
    "strategic": ("strategic", "partner", "commercial", "general"),
    "size": ("super_large", "mid_large", "large"),
}
# A team member's grade (能级) for serving tiers: the fish scheme's best sellers (精兵强将),
# sellers with a year or more (1年以上员工), new sellers (新员工); the size scheme's GM,
# director and partner. Which grades serve each tier: ``katerm.core.tiers.DEFAULT_SERVE``.
GRADES = ("best", "experienced", "new", "gm", "director", "partner")
LOGIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")


@dataclass
class Settings:
    login: str
    name: str = ""
    language: str = ""
    theme: str = "katerm-dark"
    tier_scheme: str = "revenue"
    workdays: str = "china"  # katerm.core.workdays: "china" (holidays, 调休) or "mon-fri"
    keys: dict[str, str] = field(default_factory=dict)
    # Everything else in the file, untouched (sections later features own, e.g. [sync]).
    extra: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def section(self, name: str) -> dict[str, Any]:
        value = self.extra.get(name, {})
        return value if isinstance(value, dict) else {}


def os_login() -> str:
    """The OS user name, made into a valid login."""
    try:
        raw = getpass.getuser()
    except (KeyError, OSError):
        raw = ""
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "", raw)[:63].lstrip("._-")
    return cleaned or "me"


def validate_login(value: str) -> str:
    value = value.strip()
    if not LOGIN_RE.match(value):
        raise ConfigProblem("config.bad_login", value=value)
    return value


def _validate_language(value: str) -> str:
    if value.strip() == "":
        return ""
    lang = normalize_language(value)
    if lang is None:
        raise ConfigProblem("config.bad_language", value=value)
    return lang


def _validate_scheme(value: str) -> str:
    value = value.strip().lower()
    if value not in TIER_SCHEMES:
        raise ConfigProblem("config.bad_scheme", value=value, choices=tuple(TIER_SCHEMES))
    return value


def _validate_workdays(value: str) -> str:
    value = value.strip().lower()
    if value not in ("china", "mon-fri"):
        raise ConfigProblem("config.bad_workdays", value=value)
    return value


def _validate_theme(value: str) -> str:
    value = value.strip()
    if not value:
        raise ConfigProblem("config.bad_theme", value=value)
    return value


def _plain(value: str) -> str:
    return value.strip()


# key -> (section, name in section, validator)
KNOWN_KEYS: dict[str, tuple[str, str, Callable[[str], str]]] = {
    "user.login": ("user", "login", validate_login),
    "user.name": ("user", "name", _plain),
    "language": ("ui", "language", _validate_language),
    "theme": ("ui", "theme", _validate_theme),
    "tier_scheme": ("tiers", "scheme", _validate_scheme),
    "workdays": ("calendar", "workdays", _validate_workdays),
}
ALIASES = {
    "login": "user.login",
    "name": "user.name",
    "ui.language": "language",
    "ui.theme": "theme",
    "tiers.scheme": "tier_scheme",
    "lang": "language",
}


def _read_raw(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigProblem(
            "config.bad_toml", hint="config.bad_toml_hint", path=str(path), detail=str(exc)
        ) from exc
    except OSError as exc:
        raise ConfigProblem("config.unreadable", path=str(path), detail=exc.strerror) from exc


def load_settings(path: Path) -> Settings:
    """Read the config file; a missing file means defaults (login from the OS)."""
    raw = _read_raw(path)
    user = raw.get("user", {}) if isinstance(raw.get("user"), dict) else {}
    ui = raw.get("ui", {}) if isinstance(raw.get("ui"), dict) else {}
    tiers = raw.get("tiers", {}) if isinstance(raw.get("tiers"), dict) else {}
    keys = raw.get("keys", {}) if isinstance(raw.get("keys"), dict) else {}
    days = raw.get("calendar", {}) if isinstance(raw.get("calendar"), dict) else {}
    login = str(user.get("login") or "").strip() or os_login()
    settings = Settings(
        login=validate_login(login),
        name=str(user.get("name") or ""),
        language=_validate_language(str(ui.get("language") or "")),
        theme=str(ui.get("theme") or "katerm-dark"),
        tier_scheme=_validate_scheme(str(tiers.get("scheme") or "revenue")),
        workdays=_validate_workdays(str(days.get("workdays") or "china")),
        keys={str(k): str(v) for k, v in keys.items()},
        extra={k: v for k, v in raw.items() if k not in ("user", "ui", "tiers", "keys")},
        path=path,
    )
    return settings


def normalize_grades(value: str) -> tuple[str, ...] | None:
    """Grades typed as a comma-separated list (``best, experienced``; ``-`` or empty for
    none), in :data:`GRADES` order; None when one is not a grade."""
    parts = [p.strip().casefold() for p in value.replace("，", ",").split(",")]
    parts = [p for p in parts if p and p != "-"]
    if any(p not in GRADES for p in parts):
        return None
    return tuple(g for g in GRADES if g in parts)


def _serve_key(key: str) -> tuple[str, str] | None:
    """(scheme, tier) of a ``serve.<scheme>.<tier>`` key (who should serve that tier)."""
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "serve" and parts[2] in SCHEME_TIERS.get(parts[1], ()):
        return parts[1], parts[2]
    return None


def _validate_grades(value: str) -> str:
    grades = normalize_grades(value)
    if grades is None:
        raise ConfigProblem("config.bad_grades", value=value, known=tuple(GRADES))
    return ",".join(grades)


def canonical_key(key: str) -> str:
    key = key.strip()
    key = ALIASES.get(key, key)
    if key in KNOWN_KEYS or (key.startswith("keys.") and len(key) > 5) or _serve_key(key):
        return key
    raise ConfigProblem(
        "config.unknown_key",
        hint="config.unknown_key_hint",
        key=key,
        known=tuple(
            [
                *KNOWN_KEYS,
                "keys.<binding-id>",
                "serve.<scheme>.<tier>",
                "base_currency",
                "rates.<CODE>",
            ]
        ),
    )


def get_value(path: Path, key: str) -> str:
    key = canonical_key(key)
    settings = load_settings(path)
    if key.startswith("keys."):
        return settings.keys.get(key[5:], "")
    serve = _serve_key(key)
    if serve:
        given = settings.section("serve").get(serve[0], {})
        value = given.get(serve[1]) if isinstance(given, dict) else None
        return "" if value is None else str(value)
    attr = {"user.login": "login", "user.name": "name"}.get(key, key)
    return str(getattr(settings, attr))


def set_value(path: Path, key: str, value: str) -> str:
    """Validate and store one setting, keeping the rest of the file. Returns the stored value."""
    key = canonical_key(key)
    raw = _read_raw(path)
    if key.startswith("keys."):
        section, name, stored = "keys", key[5:], value.strip()
        if not stored:
            # An empty key means "the default again", as an empty rate forgets the rate.
            table = raw.get("keys")
            if isinstance(table, dict) and table.pop(name, None) is not None:
                if not table:
                    del raw["keys"]
                write_raw(path, raw)
            return ""
    elif serve := _serve_key(key):
        stored = _validate_grades(value)
        serving = raw.setdefault("serve", {})
        if not isinstance(serving, dict):
            raise ConfigProblem("config.bad_section", path=str(path), section="serve")
        table = serving.setdefault(serve[0], {})
        if not isinstance(table, dict):
            raise ConfigProblem("config.bad_section", path=str(path), section=f"serve.{serve[0]}")
        table[serve[1]] = stored
        write_raw(path, raw)
        return stored
    else:
        section, name, validator = KNOWN_KEYS[key]
        stored = validator(value)
    table = raw.setdefault(section, {})
    if not isinstance(table, dict):
        raise ConfigProblem("config.bad_section", path=str(path), section=section)
    table[name] = stored
    write_raw(path, raw)
    return stored


def write_raw(path: Path, raw: dict[str, Any]) -> None:
    """Write the whole file atomically: a crash leaves the old file or the new, never half."""
    import tomli_w

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(tomli_w.dumps(raw), encoding="utf-8")
    os.replace(tmp, path)


def ensure_config_file(path: Path, settings: Settings) -> bool:
    """On first run, write the config with the login we chose so it can be seen and edited."""
    if path.exists():
        return False
    raw: dict[str, Any] = {"user": {"login": settings.login}}
    if settings.name:
        raw["user"]["name"] = settings.name
    raw["ui"] = {"theme": settings.theme}
    raw["tiers"] = {"scheme": settings.tier_scheme}
    write_raw(path, raw)
    return True
