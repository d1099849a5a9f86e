"""Issue 13, item 18: `./scripts/demo` on a machine with no display draws the window into
screenshots/demo.png, as the README promises, instead of Qt aborting on xcb.

The script itself runs (its own copy in a scratch checkout, so the real screenshots/ folder is
left alone), with DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM removed from its environment as
on a CI machine. Its `setup.sh` is replaced by one line putting this checkout's .venv on PATH:
the set-up (apt, pip) is tested by running the real script in .ci/run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def test_demo_script_without_a_display_draws_the_window(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "demo", checkout / "scripts" / "demo")
    bin_dir = Path(sys.executable).parent
    (checkout / "scripts" / "setup.sh").write_text(f'export PATH="{bin_dir}:$PATH"\n')
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }

    run = subprocess.run(
        [str(checkout / "scripts" / "demo")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    assert "drawn off screen into screenshots/demo.png" in run.stdout
    shot = checkout / "screenshots" / "demo.png"
    with Image.open(shot, formats=["PNG"]) as img:
        assert img.format == "PNG" and img.size == (1280, 800)
        assert len(img.convert("L").getcolors(256) or []) > 20  # a window, not a blank
