"""Every file location katerm uses, decided in one place.

By default the platform's conventions apply (platformdirs). ``KATERM_HOME=/some/dir`` puts
everything under that one directory, which is what tests, demos and portable installs want.
``--db PATH`` on the command line overrides only the database file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

APP_NAME = "katerm"
HOME_ENV = "KATERM_HOME"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    cache_dir: Path
    log_dir: Path
    themes_dir: Path
    db_file: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "katerm.log"

    def with_db(self, db: str | os.PathLike[str] | None) -> Paths:
        """The same locations, but with the database file the user named."""
        if db is None:
            return self
        return replace(self, db_file=Path(db).expanduser().absolute())


def resolve_paths(env: Mapping[str, str] | None = None) -> Paths:
    """Work out where everything lives, from the environment."""
    env = os.environ if env is None else env
    home = env.get(HOME_ENV, "").strip()
    if home:
        root = Path(home).expanduser().absolute()
        data, config, cache, log = root / "data", root / "config", root / "cache", root / "log"
    else:
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        data = Path(dirs.user_data_dir)
        config = Path(dirs.user_config_dir)
        cache = Path(dirs.user_cache_dir)
        log = Path(dirs.user_log_dir)
    return Paths(
        data_dir=data,
        config_dir=config,
        cache_dir=cache,
        log_dir=log,
        themes_dir=config / "themes",
        db_file=data / "katerm.db",
    )


def shipped_themes_dir() -> Path:
    """The ``themes/`` folder shipped with katerm (inside the wheel, or the source checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "_themes"
    if installed.is_dir():
        return installed
    return here.parent / "themes"
