"""The GUI's error log (wallet.ui.crash) is rotated: a crash loop cannot fill the disk."""

from __future__ import annotations

from pathlib import Path

from wallet import paths
from wallet.ui import crash


def test_write_log_rotates(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(paths.append_log, "__kwdefaults__", {"max_bytes": 600, "keep": 2})
    monkeypatch.setattr(crash.append_log, "__kwdefaults__", {"max_bytes": 600, "keep": 2})
    for i in range(10):
        try:
            raise ValueError(f"bug number {i} " + "y" * 200)
        except ValueError as e:
            written = crash.write_log(ValueError, e, e.__traceback__, tmp_path)
    assert written == tmp_path / crash.LOG_NAME
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        crash.LOG_NAME,
        f"{crash.LOG_NAME}.1",
        f"{crash.LOG_NAME}.2",
    ]
    assert "bug number 9" in written.read_text()
    assert all(p.stat().st_size <= 600 for p in tmp_path.iterdir())
