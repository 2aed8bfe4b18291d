"""Bad environments give one clear paragraph and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest


def test_a_locked_database_is_reported_after_the_timeout(cli, katerm_home):
    assert cli("whoami").code == 0
    db = katerm_home / "data" / "katerm.db"
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        result = cli("config", "set", "user.name", "Wang Lei")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert result.code == 4
    assert "in use by another program" in result.err and "Traceback" not in result.err


def test_a_database_path_that_is_a_folder(cli, tmp_path):
    result = cli("--db", str(tmp_path), "whoami")
    assert result.code == 4 and "is a folder" in result.err


def test_a_broken_settings_file_is_named(cli, katerm_home):
    config = katerm_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[user\nlogin = ", encoding="utf-8")
    result = cli("whoami")
    assert result.code == 2
    assert str(config) in result.err and "Traceback" not in result.err


def test_an_unknown_language_option_is_refused(cli):
    result = cli("--lang", "klingon", "whoami")
    assert result.code == 2 and "klingon" in result.err


def test_debug_shows_the_traceback(cli, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 1000)
    result = cli("--debug", "--db", str(bad), "whoami")
    assert result.code == 4 and "Traceback" in result.err


def _as_unprivileged() -> list[str] | None:
    """Command prefix that runs as a user who cannot write where root can."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"]


def test_a_read_only_folder_is_explained(tmp_path):
    prefix = _as_unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: root may write anywhere")
    # A world-readable place the unprivileged user can reach, with a read-only data folder.
    root = Path(tempfile.mkdtemp(prefix="katerm-ro-"))
    try:
        root.chmod(0o755)
        data = root / "readonly"
        data.mkdir()
        data.chmod(0o555)
        home = root / "home"
        home.mkdir()
        home.chmod(0o777)
        env = {**os.environ, "KATERM_HOME": str(home), "LANG": "C.UTF-8"}
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", "import katerm"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=str(root),
        )
        if probe.returncode != 0:
            pytest.skip("the unprivileged user cannot read this Python environment")
        # A command that makes a new database (any other says there is none at that path).
        rows = root / "accounts.csv"
        rows.write_text("name\nAcme\n", encoding="utf-8")
        rows.chmod(0o644)
        command = [*prefix, sys.executable, "-m", "katerm", "--db", str(data / "k.db")]
        result = subprocess.run(
            [*command, "import", "accounts", str(rows)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=str(root),
        )
        assert result.returncode == 4, result.stderr
        assert "read-only" in result.stderr and "Traceback" not in result.stderr
        assert not (data / "k.db").exists()
    finally:
        (root / "readonly").chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)
