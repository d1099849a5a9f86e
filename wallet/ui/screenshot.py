"""Screenshots of windows, for documentation and for looking at layouts in headless runs."""

from __future__ import annotations

from pathlib import Path

from wallet.ui.qt import QtWidgets


def grab(
    widget: QtWidgets.QWidget, path: Path | str, *, size: tuple[int, int] | None = None
) -> Path:
    """Render `widget` (resized to `size` first, if given) to a PNG at `path`; returns the path.

    Works on the offscreen platform too; layouts are settled before rendering so the picture
    shows what a person would see.
    """
    if size is not None:
        widget.resize(*size)
    widget.ensurePolished()
    if widget.layout() is not None:
        widget.layout().activate()
    QtWidgets.QApplication.processEvents()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(out), "PNG"):
        raise OSError(f"could not write a PNG to {out}")
    return out
