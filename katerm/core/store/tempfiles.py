"""Temporary files a killed katerm leaves beside the database, and removing them.

``katerm demo`` builds its database beside the real one (``katerm.db.demo-<pid>.tmp``) and
swaps it in at the end; a demo killed midway leaves that file (89 MB at 8,000 accounts) and
its journal. Opening the database removes the ones whose process is gone.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

# Temporary databases katerm builds beside the real one (``katerm.db.demo-<pid>.tmp``, and
# their journals); a killed process leaves them behind.
_TEMP = re.compile(r"^(?P<db>.+)\.(?:demo|import)-(?P<pid>\d+)\.tmp(?:-journal|-wal|-shm)?$")


def remove_stale_temp_files(db_path: Path) -> list[Path]:
    """Delete the temporary files beside the database whose process is gone; returns them.

    A file whose process still runs (a demo being built in another terminal) is left alone.
    Removal is best-effort: a file that cannot be removed now is tried again next time.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(db_path.parent)
    except OSError:
        return removed  # a folder we cannot list holds no temp files we made
    for name in names:
        match = _TEMP.match(name)
        if match is None or match["db"] != db_path.name or _running(int(match["pid"])):
            continue
        stale = db_path.parent / name
        try:
            stale.unlink()
        except FileNotFoundError:
            continue  # another katerm removed it first
        except OSError:
            continue  # not ours to remove (permissions): left for its owner
        removed.append(stale)
    return removed


def _running(pid: int) -> bool:
    """Whether a katerm process with this id still runs (a reused id is not ours)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: assume it is theirs and busy
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): the process exists, so it may be ours
    return b"katerm" in command
