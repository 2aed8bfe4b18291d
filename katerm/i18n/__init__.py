"""Message catalogues and the current interface language.

Every user-visible string comes from a catalogue: ``katerm/i18n/<lang>/*.toml``. The files of
one language are split by area only to keep them readable; keys are global and dotted
(``accounts.title``). English is the fallback for a key missing in another language, and a
test keeps the catalogues complete.
"""

from __future__ import annotations

import marshal
import os
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from katerm.i18n.plural import category, expand

LANGUAGES: tuple[str, ...] = ("en", "zh_CN")
DEFAULT_LANGUAGE = "en"
_CATALOGUE_DIR = Path(__file__).resolve().parent

_current = DEFAULT_LANGUAGE


def normalize_language(value: str | None) -> str | None:
    """Map what users type (``zh-CN``, ``zh_CN.UTF-8``, ``zh``, ``en_US``) to a language we ship.

    Returns None for anything we cannot place, so callers can say so.
    """
    if not value:
        return None
    base = value.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_").lower()
    if base in ("zh", "zh_cn", "zh_hans", "zh_sg", "zh_hans_cn", "cn", "chinese"):
        return "zh_CN"
    if base in ("en", "c", "posix") or base.startswith("en_") or base == "english":
        return "en"
    return None


def language_from_env(env: Mapping[str, str] | None = None) -> str | None:
    """The language the POSIX locale variables ask for (LC_ALL > LC_MESSAGES > LANG)."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return normalize_language(value) or DEFAULT_LANGUAGE
    return None


def choose_language(
    cli: str | None, config: str | None, env: Mapping[str, str] | None = None
) -> str:
    """Pick the interface language: command line, then config file, then the environment."""
    for candidate in (cli, config):
        lang = normalize_language(candidate)
        if lang:
            return lang
    return language_from_env(env) or DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _current
    normalized = normalize_language(lang)
    if normalized is None:
        raise ValueError(f"unsupported language: {lang!r}")
    _current = normalized


def current_language() -> str:
    return _current


def _flatten(prefix: str, table: Mapping[str, object], out: dict[str, str], source: Path) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            _flatten(full, value, out, source)
        elif isinstance(value, str):
            if full in out:
                raise ValueError(f"{source}: key {full!r} is defined twice")
            out[full] = value
        else:
            raise ValueError(f"{source}: key {full!r} must be text")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language, flattened to dotted keys.

    Parsing the TOML files takes ~20 ms of CPU per language at every start; the flattened
    catalogue is kept beside them like Python's own bytecode (``__pycache__``), keyed by the
    files' names, sizes and modification times, and read back in ~1 ms. A folder that cannot
    be written to just means parsing each time."""
    folder = _CATALOGUE_DIR / lang
    paths = sorted(folder.glob("*.toml"))
    stamp = repr([(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in paths])
    cached = _CATALOGUE_DIR / "__pycache__" / f"{lang}.catalogue"
    try:
        saved_stamp, saved = marshal.loads(cached.read_bytes())
        if saved_stamp == stamp and isinstance(saved, dict):
            return saved
    except (OSError, ValueError, EOFError, TypeError):
        pass
    messages: dict[str, str] = {}
    for path in paths:
        with path.open("rb") as fh:
            _flatten("", tomllib.load(fh), messages, path)
    try:
        cached.parent.mkdir(exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps((stamp, messages)))
        os.replace(partial, cached)  # whole or not at all, even with two katerms starting
    except OSError:
        pass
    return messages


def t(key: str, /, lang: str | None = None, **params: object) -> str:
    """The message for ``key`` in the current language, with ``{params}`` filled in. A list
    or tuple parameter (the choices a value may take) is joined with the language's list
    separator: "team, accounts" in English, "team、accounts" in Chinese."""
    lang = lang or _current
    text = catalogue(lang).get(key)
    if text is None:
        lang = DEFAULT_LANGUAGE
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    if params:
        if any(isinstance(v, (list, tuple)) for v in params.values()):
            params = {
                k: join_list(v, lang) if isinstance(v, (list, tuple)) else v
                for k, v in params.items()
            }
        try:
            if "plural" in text:  # ICU-style plural blocks: the branch each count calls for
                text = expand(text, params, lang)
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            # A translation with a wrong placeholder must not crash the app; show it raw.
            return text
    return text


def join_list(items: Iterable[object], lang: str | None = None) -> str:
    """Items of a list in a sentence, with the language's separator: "a, b" in English,
    "a、b" in Chinese. Every list of names or choices goes through here (or is passed to
    :func:`t` as a list), never through a hard-coded ", "."""
    lang = lang or _current
    sep = catalogue(lang).get("dialog.list_sep") or catalogue(DEFAULT_LANGUAGE).get(
        "dialog.list_sep", ", "
    )
    return sep.join(map(str, items))


def render(key: str, params: Mapping[str, object], lang: str | None = None) -> str:
    """Like :func:`t`, with the parameters as a mapping (for messages stored as key+params)."""
    return t(key, lang, **dict(params))


def tn(key: str, count: int, /, lang: str | None = None, **params: object) -> str:
    """A message with forms by count: the table ``key`` holds one message per CLDR plural
    category of the language (English ``one`` and ``other``; Chinese only ``other``)."""
    lang = lang or _current
    wanted = f"{key}.{category(lang, count)}"
    if wanted not in catalogue(lang):
        wanted = f"{key}.other"
    return t(wanted, lang=lang, count=count, **params)


class Term:
    """A catalogue word as a message parameter (a tier scheme's name, not its code), put into
    the language of the message when the message is: an error keeps key and parameters and is
    worded where it is shown."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params  # may hold terms (or anything formatting itself late) too

    def __str__(self) -> str:
        return t(self.key, None, **self.params)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Term({self.key!r})"


def has_key(key: str, lang: str | None = None) -> bool:
    return key in catalogue(lang or _current)
