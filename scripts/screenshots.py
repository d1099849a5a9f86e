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
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
        titles = {s.title: s.id for s in store.credentials.summaries()}
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
        share_and_verify(app, window, store, titles, out, Path(tmp))
        receive(app, window, out)
        employer(app, window, store, titles, out, Path(tmp))
        learner(app, window, store, titles, out, Path(tmp))
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
    for name in (
        "main-window.png",
        "detail-view.png",
        "stacks.png",
        "unlock.png",
        "share-dialog.png",
        "verify-qr.png",
        "receive-en.png",
        "receive-de.png",
        *EMPLOYER_PICTURES,
        *LEARNER_PICTURES,
    ):
        print(out / name)
    return 0


def share_and_verify(
    app: Any, window: Any, store: Any, titles: dict[str, str], out: Path, tmp: Path
) -> None:
    """The Share dialog on the demo SD-JWT (some claims picked), and the Verify a QR window
    on the demo micro-credential presented by its learner, checked against the challenge."""
    from wallet.present import qr
    from wallet.present.disclosure import build_presentation
    from wallet.ui.screenshot import grab
    from wallet.ui.share_dialog import ShareDialog
    from wallet.ui.verify_qr_window import VerifyQrWindow

    def settle(ready: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 60
        while not ready() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()

    challenge = "interview-2026-0815"
    dialog = ShareDialog(store, [titles["Workshop Health and Safety Induction"]], window)
    dialog.challenge.setText(challenge)
    dialog.domain.setText("hr.example")
    dialog.pickers[0].set_checked("given_name", True)
    dialog.show()
    settle(dialog.is_settled)
    grab(dialog, out / "share-dialog.png", size=SIZE)
    dialog.close()

    micro = store.credentials.get(titles["Data Analysis with Python"])
    did = store.keys.default()
    presentation = build_presentation(
        [(micro, None)], store.keys.private_key(did), did, challenge=challenge
    )
    paths = []
    for n, text in enumerate(qr.encode(presentation), 1):
        paths.append(tmp / f"code-{n}.png")
        qr.make_qr_png(text, paths[-1])
    verifier = VerifyQrWindow(window, store_getter=lambda: store)
    verifier.challenge.setText(challenge)
    verifier.show()
    task = verifier.open_files(paths)
    settle(lambda: task is None or not task.is_running())
    settle(lambda: not verifier.busy.isVisible())
    grab(verifier, out / "verify-qr.png", size=SIZE)
    verifier.close()


def receive(app: Any, window: Any, out: Path) -> None:
    """The receive dialog's consent screen (an offer with a transaction code from an issuer
    not on the trust list), at its own size, in English and in German."""
    from wallet.actions.receiving import Offered
    from wallet.receive.offer import TxCode
    from wallet.ui import i18n
    from wallet.ui.receive_dialog import ReceiveDialog
    from wallet.ui.screenshot import grab

    offered = Offered(
        issuer_id="https://credentials.harbour-university.example",
        host="credentials.harbour-university.example",
        name="Harbour University",
        logo=None,
        trusted=False,
        credentials=("Data Analysis micro-credential", "Introduction to Statistics (SD-JWT)"),
        tx_code=TxCode("numeric", 6, "Enter the 6-digit code we sent to your student e-mail"),
    )
    for language in ("en", "de"):
        _code, remove = i18n.install_translators(language)
        try:
            dialog = ReceiveDialog(window)
            dialog.show()
            dialog.show_offer(offered)
            dialog.code_field.setText("493817")
            app.processEvents()
            grab(dialog, out / f"receive-{language}.png")
            dialog.close()
        finally:
            remove()


# The employer's side (issue 16), each in English at 1366x768 and in German at 1024x600.
EMPLOYER_SIZES = {"en": (1366, 768), "de": (1024, 600)}
EMPLOYER_PICTURES = tuple(
    f"{what}-{language}.png"
    for what in ("respond", "verifier", "proof-sheet")
    for language in EMPLOYER_SIZES
)


def employer(
    app: Any, window: Any, store: Any, titles: dict[str, str], out: Path, tmp: Path
) -> None:
    """What an employer meets: the consent screen a verifier's request opens (over the main
    window, at the screen's size), a proof sheet (scaled to 1000 px wide), and the verifier
    with no wallet checking that sheet: its certificate view."""
    import datetime as dt

    from wallet import messages
    from wallet.actions.presenting import SAVED_MINUTES, holder_key, present
    from wallet.present import sheet
    from wallet.ui import i18n
    from wallet.ui.main_window import MainWindow
    from wallet.ui.screenshot import grab
    from wallet.ui.verify_qr_window import VerifyQrWindow

    micro = store.credentials.get(titles["Data Analysis with Python"])
    presented = present(
        store, [(micro, None)], holder=holder_key(store), valid_minutes=SAVED_MINUTES
    )
    for language, size in EMPLOYER_SIZES.items():
        _code, remove = i18n.install_translators(language)
        messages.set_language(language)
        try:
            page = sheet.sheet_of(
                presented.presentation, presented.texts, made=dt.datetime.now(dt.UTC)
            )
            printed = sheet.write_sheet(page, tmp / f"sheet-{language}.png")
            _scaled(printed, out / f"proof-sheet-{language}.png", 1000)
            behind = MainWindow(store, demo=True)  # built in this language
            behind.resize(*size)
            behind.show()
            app.processEvents()
            _consent(app, behind, out / f"respond-{language}.png", size)
            behind.hide()  # not closed: closing a window closes its wallet
            verifier = VerifyQrWindow()  # no wallet: what an employer without one sees
            verifier.show()
            verifier.resize(*size)
            task = verifier.open_files([printed])
            _settle(app, lambda t=task: t is None or not t.is_running())
            _settle(app, lambda v=verifier: not v.busy.isVisible())
            grab(verifier, out / f"verifier-{language}.png", size=size)
            verifier.close()
        finally:
            remove()
            messages.set_language("en")
    window.resize(*SIZE)


# The learner's side (issue 17): English at 1366x768, German at 1024x600.
LEARNER_PICTURES = tuple(
    f"{what}-{language}.png"
    for what in ("welcome", "cards", "empty", "failed", "trust", "portfolio-pdf")
    for language in EMPLOYER_SIZES
)


def learner(
    app: Any, window: Any, store: Any, titles: dict[str, str], out: Path, tmp: Path
) -> None:
    """The welcome on a first start, the badge wall, an empty wallet, a failed credential's
    detail, trusting an issuer from an unconfirmed one, and the portfolio PDF's first page
    (rendered with pdftoppm, as an employer's viewer would show it)."""
    from portfolio_screenshot import first_pdf_page

    from wallet import messages
    from wallet.actions import exporting
    from wallet.export import ExportOptions
    from wallet.store import WalletStore
    from wallet.ui import i18n
    from wallet.ui.import_flow import ImportController
    from wallet.ui.main_window import MainWindow
    from wallet.ui.pdf_export import write_pdf
    from wallet.ui.receive_dialog import install_receive_actions
    from wallet.ui.screenshot import grab
    from wallet.ui.trust_dialog import offer_trust
    from wallet.ui.unlock import UnlockDialog

    for language, size in EMPLOYER_SIZES.items():
        _code, remove = i18n.install_translators(language)
        messages.set_language(language)
        try:
            welcome = UnlockDialog(tmp / f"none-{language}.lwallet")
            _on_screen(app, welcome, out / f"welcome-{language}.png", size)
            welcome.close()

            shown = MainWindow(store, demo=True)
            shown.resize(*size)
            shown.show()
            shown.cards_action.trigger()
            shown.select_credential(titles["Data Analysis with Python"])
            app.processEvents()
            grab(shown, out / f"cards-{language}.png", size=size)
            shown.table_action.trigger()
            shown.select_credential(titles["Library Induction"])
            app.processEvents()
            grab(shown, out / f"failed-{language}.png", size=size)
            shown.select_credential(titles["Data Analysis with Python"])
            app.processEvents()
            dialog = offer_trust(shown)
            if dialog is not None:
                _on_screen(app, dialog, out / f"trust-{language}.png", size, shown)
                dialog.reject()
            shown.hide()  # not closed: closing a window closes its wallet

            with WalletStore.create(tmp / f"empty-{language}.lwallet", "screenshots") as empty:
                bare = MainWindow(empty)
                # As the app sets a window up: its ways in (import, paste, receive).
                controller = ImportController(bare, lambda: empty)
                install_receive_actions(bare, lambda: empty)
                bare.resize(*size)
                bare.show()
                app.processEvents()
                grab(bare, out / f"empty-{language}.png", size=size)
                controller.forget()
                bare.hide()

            pdf = tmp / f"portfolio-{language}.pdf"
            options = ExportOptions("pdf", pdf, name="Aroha Demo-Learner", pdf_writer=write_pdf)
            exporting.export(store, options, everything=True)
            page = tmp / f"page-{language}.png"
            first_pdf_page(pdf, page)
            _scaled(page, out / f"portfolio-pdf-{language}.png", 660, grey=False)
        finally:
            remove()
            messages.set_language("en")


def _on_screen(
    app: Any, dialog: Any, target: Path, size: tuple[int, int], window: Any = None
) -> None:
    """A dialog where it sits on a screen of `size`, centred: over its (dimmed) window, or on
    a plain background when it has none (the welcome)."""
    from wallet.ui.qt import QtGui
    from wallet.ui.widgets import FRAME_ALLOWANCE

    dialog.show()
    app.processEvents()
    dialog.layout().activate()
    width, height = size
    # As `fitting_size` sizes it on a screen of this size (this process's screen is larger).
    dialog.resize(
        min(dialog.width(), width - FRAME_ALLOWANCE[0]),
        min(dialog.height(), height - FRAME_ALLOWANCE[1]),
    )
    app.processEvents()
    picture = QtGui.QPixmap(width, height)
    picture.fill(QtGui.QColor("#444" if window is not None else "#5b6470"))
    painter = QtGui.QPainter(picture)
    if window is not None:
        painter.drawPixmap(0, 0, window.grab())
        painter.fillRect(0, 0, width, height, QtGui.QColor(0, 0, 0, 90))
    shot = dialog.grab()
    painter.drawPixmap(
        max(0, (width - shot.width()) // 2), max(0, (height - shot.height()) // 2), shot
    )
    painter.end()
    picture.save(str(target), "PNG")


def _settle(app: Any, ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 60
    while not ready() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def _scaled(source: Path, target: Path, width: int, *, grey: bool = True) -> None:
    from PIL import Image

    with Image.open(source) as image:
        height = round(image.height * width / image.width)
        shown = image.convert("L") if grey else image.convert("RGB")
        shown.resize((width, height), Image.Resampling.LANCZOS).save(target)


def _consent(app: Any, window: Any, target: Path, size: tuple[int, int]) -> None:
    """The consent screen for a made-up employer asking for two of the demo's credentials,
    drawn where it sits on a screen of `size`: over the (dimmed) main window, centred."""
    from wallet.actions.responding import Asked, Option, Wanted
    from wallet.ui.respond_dialog import RespondDialog

    summaries = {s.title: s for s in window.store.credentials.summaries()}
    sd = summaries["Workshop Health and Safety Induction"]
    micro = summaries["Data Analysis with Python"]
    asked = Asked(
        client_id="x509_san_dns:careers.harbour-logistics.example",
        prefix="x509_san_dns",
        name="Harbour Logistics \u2014 Careers",
        host="careers.harbour-logistics.example",
        certificates=(
            "CN=careers.harbour-logistics.example,O=Harbour Logistics Ltd,C=NZ",
            "CN=Harbour Logistics Issuing CA 2,O=Harbour Logistics Ltd,C=NZ",
        ),
        trusted=False,
        purposes=(
            "We check the health and safety induction and your data skills for the "
            "warehouse analyst role you applied for (job 2026-114).",
        ),
        wanted=(
            Wanted(
                "safety",
                "dc+sd-jwt",
                (
                    Option(
                        sd.id,
                        sd.title,
                        sd.issuer,
                        "verified",
                        ("given_name", "family_name", "induction_date"),
                        False,
                    ),
                ),
                False,
            ),
            Wanted(
                "skills",
                "ldp_vc",
                (Option(micro.id, micro.title, micro.issuer, "verified", (), True),),
                False,
            ),
        ),
    )
    dialog = RespondDialog(window)
    dialog.show()
    dialog.show_asked(asked)
    _on_screen(app, dialog, target, size, window)
    dialog.task = None
    dialog.close()


if __name__ == "__main__":
    sys.exit(main())
