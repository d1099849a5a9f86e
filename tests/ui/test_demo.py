"""The README's run command: `learner-wallet demo` opens a window listing the demo credentials."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from wallet import cli, demo, formats
from wallet.ui import app as app_module
from wallet.verify.checks import eu_elements


def test_demo_command_opens_a_window_listing_every_demo_credential(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}
    real_grab = app_module._grab_and_quit

    def look_then_grab(window: object, path: Path) -> None:
        seen["titles"] = window.model.titles()  # type: ignore[attr-defined]
        seen["banner"] = window.banner.text() if window.banner.isVisible() else ""  # type: ignore[attr-defined]
        seen["window_title"] = window.windowTitle()  # type: ignore[attr-defined]
        real_grab(window, path)

    monkeypatch.setattr(app_module, "_grab_and_quit", look_then_grab)
    shot = tmp_path / "demo.png"
    assert cli.main(["demo", "--screenshot", str(shot)]) == 0

    files = demo.demo_credential_files()
    assert len(files) >= 10
    expected = sorted(formats.parse(f.read_bytes(), f.name).credential.title for f in files)
    assert sorted(seen["titles"]) == expected  # type: ignore[arg-type]
    assert "DEMO WALLET" in seen["banner"]  # type: ignore[operator]
    assert "[DEMO]" in seen["window_title"]  # type: ignore[operator]
    with Image.open(shot, formats=["PNG"]) as img:
        assert img.size == (1280, 800)
        assert len(img.convert("L").getcolors(256) or []) > 20  # drawn, not blank


def test_demo_set_is_realistic(tmp_path: Path) -> None:
    """Micro-credentials with credits and levels, plain badges, an expired and a revoked one."""
    parsed = [
        formats.parse(f.read_bytes(), f.name).credential for f in demo.demo_credential_files()
    ]
    micro = [c for c in parsed if c.credits and c.level]
    assert len(micro) >= 3
    assert all(5 <= c.credits.value <= 40 for c in micro)  # type: ignore[union-attr]
    assert {c.level.framework for c in micro} >= {"NZQF", "EQF"}  # type: ignore[union-attr]
    assert any(c.valid_until and c.valid_until < "2026" for c in parsed)  # an expired one
    assert all("DEMO" in (c.issuer.name or "") for c in parsed)
    assert len({c.format for c in parsed}) >= 3
    complete = [c.title for c in micro if all(eu_elements(c).values())]
    assert "Data Analysis with Python" in complete  # every EU micro-credential element
