"""Nothing left behind, and the operating system's refusals read as one clear paragraph."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.io.helpers import write


def dead_pid() -> int:
    """The id of a process that has finished (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_demos_temporary_files_are_removed_on_the_next_start(cli, katerm_home):
    assert cli("whoami").code == 0
    data = katerm_home / "data"
    gone = dead_pid()
    stale = [data / f"katerm.db.demo-{gone}.tmp", data / f"katerm.db.demo-{gone}.tmp-journal"]
    running = data / f"katerm.db.demo-{os.getpid()}.tmp"  # this process: still at work
    other = data / f"other.db.demo-{gone}.tmp"  # another database's: not ours to judge
    for path in (*stale, running, other):
        path.write_bytes(b"half a demo")
    assert cli("whoami").code == 0
    assert not any(p.exists() for p in stale)
    assert running.exists() and other.exists()


@pytest.mark.parametrize("content", [b"", b"this is a shopping list, not a database\n"])
def test_an_empty_or_foreign_katerm_db_is_reported_and_never_replaced(cli, katerm_home, content):
    db = katerm_home / "data" / "katerm.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(content)
    result = cli("whoami")
    assert result.code == 4 and "Traceback" not in result.err
    if content:
        assert "is damaged or is not a katerm database" in result.err
    else:
        assert "is empty (0 bytes)" in result.err and "delete the empty file" in result.err
    assert db.read_bytes() == content


def test_an_empty_katerm_db_names_the_backups_beside_it(cli, katerm_home):
    db = katerm_home / "data" / "katerm.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    (db.parent / "katerm.db.backup-0008-20261120-090000").write_bytes(b"x")
    result = cli("whoami")
    assert "katerm.db.backup-0008-20261120-090000" in result.err


def _limited(limit: int) -> None:
    # The file-size limit stands in for a full disk; writing past it fails with EFBIG
    # instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def katerm_limited(home: Path, limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KATERM_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "katerm", *args],
        env=env,
        text=True,
        capture_output=True,
        preexec_fn=lambda: _limited(limit),
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("target", ["team.xlsx", "accounts.csv", "accounts.xlsx"])
def test_an_export_to_a_full_disk_ends_with_one_paragraph_and_no_traceback(
    cli, katerm_home, tmp_path, target
):
    assert cli("demo", "--accounts", "300", "--no-open").code == 0
    kind = "all" if target == "team.xlsx" else "accounts"
    out = tmp_path / target
    out.write_bytes(b"the previous export")
    # Room for the database's 32 KB shared-memory file, not for the export.
    result = katerm_limited(katerm_home, 33_000, "export", kind, "-o", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert f"{out} cannot be written: File too large." in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2  # the problem, then what to do
    assert out.read_bytes() == b"the previous export"  # left as it was
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_an_import_into_a_full_disk_says_so_and_changes_nothing(cli, katerm_home, tmp_path):
    assert cli("whoami").code == 0
    size = (katerm_home / "data" / "katerm.db").stat().st_size
    rows = "".join(
        f"Account number {i} with a long enough name to fill pages,North\n" for i in range(3000)
    )
    path = write(tmp_path / "a.csv", "name,region\n" + rows)
    result = katerm_limited(katerm_home, size + 8192, "import", "accounts", str(path))
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert "Free some disk space" in result.stderr
    assert cli("export", "accounts").out.count("\n") == 1  # the header: nothing came in


def test_an_os_error_reaching_the_command_line_is_one_paragraph():
    import errno

    from katerm.core.errors import os_problem

    full = os_problem(OSError(errno.ENOSPC, "No space left on device", "/mnt/usb/team.xlsx"))
    assert full.exit_code == 1 and "/mnt/usb/team.xlsx" in full.message
    assert "The disk is full" in full.hint
    assert "may not write there" in os_problem(PermissionError(errno.EACCES, "denied")).hint


def test_an_export_never_replaces_a_device_or_a_pipe(cli, katerm_home, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = cli("export", "accounts", "-o", str(fifo))
    assert result.code == 2 and "is a device or a pipe" in result.err
    assert fifo.is_fifo()
