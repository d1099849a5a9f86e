"""Sample credentials for the GUI tests, added straight through the store (no importer)."""

from __future__ import annotations

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
