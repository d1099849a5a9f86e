#!/usr/bin/env python3
"""Draw the app's main screens at 1280x800 into docs/screenshots/ (the README shows them).

Why a script: the pictures in the README must be of the app as it is, made the same way every
time, on a machine with no display (Qt's offscreen platform). Run it after changing a screen:

    python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args(argv)

    from wallet import demo
    from wallet.store import WalletStore
    from wallet.ui.main_window import MainWindow
    from wallet.ui.qt import QtWidgets
    from wallet.ui.screenshot import grab
    from wallet.ui.unlock import UnlockDialog

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("Learner Wallet")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = demo.fresh_demo_wallet(Path(tmp) / "demo.lwallet")
        store = WalletStore.open(path, demo.DEMO_PASSPHRASE)
        window = MainWindow(store, demo=True)
        window.resize(*SIZE)
        window.show()
        app.processEvents()
        grab(window, out / "main-window.png", size=SIZE)
        titles = {s.title: s.id for s in store.summaries()}
        window.select_credential(titles["Data Analysis with Python"])
        app.processEvents()
        grab(window, out / "detail-view.png", size=SIZE)
        window.show_stacks()
        view = window.stacks_view
        window.stacks_task.wait(30)
        app.processEvents()
        view.select_stack("demo-nzcert-applied-digital-skills-l5")
        app.processEvents()
        grab(window, out / "stacks.png", size=SIZE)
        window.close()
        store.close()

        dialog = UnlockDialog(path)
        dialog.show()
        app.processEvents()
        frame = QtWidgets.QWidget()
        frame.resize(*SIZE)
        frame.setWindowTitle("Learner Wallet")
        dialog.setParent(frame)
        dialog.move((SIZE[0] - dialog.width()) // 2, (SIZE[1] - dialog.height()) // 2)
        frame.show()
        dialog.show()
        app.processEvents()
        grab(frame, out / "unlock.png", size=SIZE)
        frame.close()
    for name in ("main-window.png", "detail-view.png", "stacks.png", "unlock.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
