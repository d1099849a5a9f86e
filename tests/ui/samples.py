"""Sample credentials for the GUI tests, added straight through the store (no importer)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wallet.credential import (
    DATA_INTEGRITY,
    HOSTED,
    OB2,
    OB3,
    Credential,
    Credits,
    Issuer,
    Level,
    Parsed,
)

PASSPHRASE = "correct horse battery staple"


if TYPE_CHECKING:
    from wallet.ui.app import Session
    from wallet.ui.main_window import MainWindow


def parsed(credential: Credential, raw: bytes, children: list[Parsed] | None = None) -> Parsed:
    return Parsed(
        credential,
        original=raw,
        payload=raw,
        media_type="application/json",
        children=children or [],
    )


def data_analysis() -> Credential:
    return Credential(
        format=OB3,
        proof_form=DATA_INTEGRITY,
        title="Data Analysis with Python",
        description="Twelve weeks of pandas and plotting.",
        issuer=Issuer(name="Open University of Example", url="https://example.edu"),
        issued="2024-05-01T10:00:00Z",
        credits=Credits(5.0, "ECTS"),
        level=Level("6", "EQF"),
        learning_outcomes=["Clean tabular data", "Explain results"],
    )


def first_aid() -> Credential:
    return Credential(
        format=OB2,
        proof_form=HOSTED,
        title="First Aid at Work",
        issuer=Issuer(name="Red Cross Training"),
        issued="2023-11-12",
        credits=Credits(7.5, "hours"),
    )


def statistics() -> Credential:
    return Credential(
        format=OB3,
        proof_form=DATA_INTEGRITY,
        title="Statistics I",
        issuer=Issuer(name="University of Somewhere"),
        issued="2022-02-01",
    )


def message_boxes() -> list:
    """Visible message boxes, newest last."""
    from wallet.ui.qt import QtWidgets

    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, QtWidgets.QMessageBox) and w.isVisible()
    ]


# --- a window on a wallet file, as the app opens it ------------------------------------------


def opened(path: Path) -> Iterator[Session]:
    """The window on `path` (the app's own Session, imports installed); on the way out an open
    receive or respond dialog is forgotten (its op would outlive the test), then shut down."""
    from wallet.ui.app import Session

    s = Session(path, imports=True)
    s.start(PASSPHRASE)
    try:
        yield s
    finally:
        window = s.window
        for dialog in (getattr(window, "receiver", None), getattr(window, "responder", None)):
            if dialog is not None:
                dialog.forget()
        s.shutdown()


def shown_window(qtbot: Any, session: Session) -> MainWindow:
    """The session's main window, shown and exposed."""
    window = session.window
    assert window is not None and window.store is not None
    window.show()
    qtbot.waitExposed(window)
    return window
