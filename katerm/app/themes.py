"""Themes: the ones shipped in ``themes/`` and the user's own TOML files.

A theme file names Textual's base colours; everything katerm draws uses theme variables, so a
theme restyles the whole app. A broken file is reported (file and problem) and skipped: the
app always starts.

```toml
name = "my-theme"
dark = true
primary = "#3b82f6"
background = "#101418"
[variables]
block-cursor-background = "#3b82f6"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.theme import Theme

from katerm.i18n import has_key, t
from katerm.paths import shipped_themes_dir

COLOUR_KEYS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
OTHER_KEYS = ("name", "dark", "luminosity_spread", "text_alpha", "variables")
DEFAULT_THEME = "katerm-dark"


@dataclass(frozen=True)
class ThemeProblem:
    path: Path
    problem: str

    def __str__(self) -> str:
        return t("themes.problem", path=str(self.path), problem=self.problem)


def _colour(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(t("themes.not_text", key=key))
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(t("themes.bad_colour", key=key, value=value)) from None
    return value


def load_theme(path: Path) -> Theme:
    """Read one theme file; ValueError says what is wrong with it."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(t("themes.bad_toml", detail=str(exc))) from None
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    unknown = sorted(set(data) - set(COLOUR_KEYS) - set(OTHER_KEYS))
    if unknown:
        raise ValueError(t("themes.unknown_keys", keys=unknown))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(t("themes.no_name"))
    if "primary" not in data:
        raise ValueError(t("themes.no_primary"))
    colours: dict[str, Any] = {k: _colour(k, data[k]) for k in COLOUR_KEYS if k in data}
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ValueError(t("themes.bad_variables"))
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError(t("themes.bad_dark"))
    extras: dict[str, Any] = {}
    for key in ("luminosity_spread", "text_alpha"):
        if key in data:
            if not isinstance(data[key], int | float):
                raise ValueError(t("themes.not_number", key=key))
            extras[key] = float(data[key])
    return Theme(
        name=name.strip(),
        dark=dark,
        variables={str(k): str(v) for k, v in variables.items()},
        **colours,
        **extras,
    )


def discover(user_dir: Path | None) -> tuple[list[Theme], list[ThemeProblem]]:
    """Shipped themes, then the user's (a user theme may replace a shipped one by name)."""
    themes: dict[str, Theme] = {}
    problems: list[ThemeProblem] = []
    folders = [shipped_themes_dir()]
    if user_dir is not None and user_dir.is_dir():
        folders.append(user_dir)
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = load_theme(path)
            except ValueError as exc:
                problems.append(ThemeProblem(path, str(exc)))
                continue
            themes[theme.name] = theme
    return list(themes.values()), problems


def theme_title(name: str) -> str:
    """A theme's name as the picker shows it: katerm's own in the interface language
    (``themes.title.<id>``), a user's theme by the name its file gives."""
    key = f"themes.title.{name}"
    return t(key) if has_key(key) else name


class ThemePicker(Provider):
    """The theme picker (Ctrl+P → theme): the themes katerm offers, shipped and the user's,
    each by its title; choosing one sets the theme by its id, which the config keeps.
    Textual's own themes are left out: their names ("gruvbox", "nord") have no Chinese."""

    def _choices(self) -> list[tuple[str, str]]:
        offered = getattr(self.app, "offered_themes", ())
        return [(theme_title(name), name) for name in offered]  # shipped first, as found

    def _choose(self, name: str) -> None:
        self.app.theme = name

    async def discover(self) -> Hits:
        for title, name in self._choices():
            yield DiscoveryHit(title, partial(self._choose, name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, name in self._choices():
            score = max(matcher.match(title), matcher.match(name))
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._choose, name), title)
