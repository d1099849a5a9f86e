"""Logs are rotated, and everything the app writes goes to the platform's per-user folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from wallet import cli, paths


def test_append_log_rotates_and_keeps_n_files(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "errors.log"
    for i in range(12):
        paths.append_log(log, f"entry {i:02d} " + "x" * 40 + "\n", max_bytes=120, keep=3)
    names = sorted(p.name for p in log.parent.iterdir())
    assert names == ["errors.log", "errors.log.1", "errors.log.2", "errors.log.3"]
    assert all(p.stat().st_size <= 120 for p in log.parent.iterdir())
    assert "entry 11" in log.read_text()
    assert "entry 09" in (log.parent / "errors.log.1").read_text()
    assert "entry 00" not in "".join(p.read_text() for p in log.parent.iterdir())


def test_one_entry_larger_than_the_limit_is_still_written(tmp_path: Path) -> None:
    log = tmp_path / "crash.log"
    paths.append_log(log, "a\n", max_bytes=10)
    paths.append_log(log, "b" * 50 + "\n", max_bytes=10)
    assert log.read_text() == "b" * 50 + "\n"
    assert (tmp_path / "crash.log.1").read_text() == "a\n"


def test_cli_crash_log_is_rotated(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(paths, "log_dir", lambda: tmp_path)
    monkeypatch.setattr(paths, "LOG_MAX_BYTES", 200)
    monkeypatch.setattr(paths.append_log, "__kwdefaults__", {"max_bytes": 200, "keep": 2})
    for _ in range(5):
        try:
            raise RuntimeError("x" * 150)
        except RuntimeError:
            assert cli._log_crash() == tmp_path / "crash.log"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crash.log", "crash.log.1", "crash.log.2"]


def test_wallet_and_logs_live_in_the_users_folders_not_beside_the_program() -> None:
    home = Path(os.environ["XDG_DATA_HOME"]).parent  # tests/conftest.py points XDG_* here
    program = Path(sys.executable).resolve().parent
    package = Path(paths.__file__).resolve().parent.parent
    for where in (paths.data_dir(), paths.log_dir(), paths.default_wallet(), paths.demo_wallet()):
        assert home in where.parents, where
        assert program not in where.parents and package not in where.parents
