"""Every top-level window and dialog fits a 1024x600 screen (issue 17, "Windows that fit").

The pytest process already has a QApplication with its own screen, so the windows are opened
in a child process on an offscreen screen of 1024x600 (tests/ui/fit_check.py), which reports
each window's size and whatever of it lies off the screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

WINDOWS = {
    "main window",
    "delete confirmation",
    "welcome (create)",
    "unlock",
    "settings",
    "change passphrase",
    "backup passphrase",
    "restore passphrase",
    "share (one)",
    "share (all)",
    "verify (wallet)",
    "verify (no wallet)",
    "receive",
    "respond",
    "respond (consent)",
    "export",
    "goal",
    "import results",
    "trust",
    "history of sharing",
}


def _report(tmp_path: Path, language: str) -> dict[str, dict[str, object]]:
    screen = tmp_path / "screen.json"
    screen.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "netbook",
                        "x": 0,
                        "y": 0,
                        "width": 1024,
                        "height": 600,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        LANGUAGE=language,
        LANG="de_DE.UTF-8" if language == "de" else "en_US.UTF-8",
        HOME=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, str(HERE / "fit_check.py"), language],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, dict[str, object]] = json.loads(done.stdout)
    return report


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_window_fits_1024x600(tmp_path: Path, language: str) -> None:
    report = _report(tmp_path, language)
    assert set(report) == WINDOWS
    off = {name: r["outside"] for name, r in report.items() if r["outside"]}
    assert off == {}
    for name, r in report.items():
        width, height = r["size"]  # type: ignore[misc]
        assert 0 < width <= 1024 and 0 < height <= 600, name


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_title_column_keeps_room_on_a_small_screen(tmp_path: Path, language: str) -> None:
    """At 1024x600 the other columns give way, so titles are not cut to "…"."""
    table = _report(tmp_path, language)["main window"]["table"]
    assert isinstance(table, dict)
    assert table["title"] >= 160
    assert table["title"] >= 0.3 * table["width"]
