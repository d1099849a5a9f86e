"""Issue 13, item 9: text written by a credential's issuer (or a stack's author, or a file's
name) is shown as plain text everywhere, never interpreted as rich text.

Qt renders a tooltip, a QLabel in its default format and a QMessageBox as HTML whenever
`Qt.mightBeRichText` says the text looks like HTML. A title `<img src="/dev/zero">` then made
the app read /dev/zero on hover (and abort), a big `<table>` froze it, local images were drawn
and a tooltip could show a green "✓ Verified". The test fills a wallet with hostile titles,
issuer names, descriptions, tags, outcomes, an ecdsa-sd credential's achievement, a stack, a
trusted issuer, a collection and a file name, opens every view of the real window that shows
them, and reads every tooltip, "What's this", label and model role Qt could interpret.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from tests.reliability.qt_probe import rich_effects
from wallet import formats
from wallet.actions.importing import ImportRequest
from wallet.credential import DATA_INTEGRITY, OB3, Alignment, Credential, Issuer, Level
from wallet.paths import resources
from wallet.proofs import keys, sd_derive
from wallet.stacks.load import dump_stack, load_stack
from wallet.store import WalletStore
from wallet.ui.app import Session
from wallet.ui.goal_dialog import goal_definition
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import Qt, QtGui, QtWidgets
from wallet.ui.verify_qr_window import QrInput, open_verify_window

from .samples import PASSPHRASE, parsed

IMG_ZERO = '<img src="/dev/zero">'
VERIFIED = (
    '<font color="green"><b>\u2713 Verified \u2014 issued by University of Auckland</b></font>'
)
TABLE = "<table border=1>" + "<tr><td>cell</td><td>cell</td></tr>" * 3 + "</table>"
BOLD = "Data <b>Analysis</b> &amp; more"
LINK = '<a href="https://evil.example/">click me</a>'
HOSTILE = (IMG_ZERO, VERIFIED, TABLE, BOLD, LINK)

ISSUER_KEY = ec.derive_private_key(0x5EED_0B30_2026_0913, ec.SECP256R1())
ISSUER_DID = keys.did_key_from_public_key(ISSUER_KEY.public_key())


def learner() -> dict[str, Any]:
    return json.loads((resources() / "demo" / "issuer-key.json").read_text("utf-8"))["learner"]


def hostile_sd_credential() -> bytes:
    """A real ecdsa-sd-2023 credential whose name, issuer, achievement and narrative are
    markup: the share dialog previews its fields, the verifier window reveals them."""
    doc = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:6a0d2f1c-1e1b-4a51-9c1e-7d0a52c1b913",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": VERIFIED,
        "issuer": {"id": ISSUER_DID, "type": ["Profile"], "name": TABLE},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": learner()["did"],
            "type": ["AchievementSubject"],
            "narrative": IMG_ZERO,
            "achievement": {
                "id": "https://poly.example/a/x",
                "type": ["Achievement"],
                "name": BOLD,
                "description": LINK,
                "criteria": {"narrative": VERIFIED},
            },
        },
    }
    signed = sd_derive.sign_sd_base(
        doc,
        ISSUER_KEY,
        keys.did_key_verification_method(ISSUER_KEY.public_key()),
        ["/issuer", "/credentialSubject/achievement/name"],
    )
    return json.dumps(signed).encode()


def hostile_records() -> list[Credential]:
    """Hand-made records: every field the list and the detail view show is markup."""
    return [
        Credential(
            format=OB3,
            proof_form=DATA_INTEGRITY,
            title=IMG_ZERO,
            description=TABLE,
            criteria=LINK,
            achievement_type=BOLD,
            issuer=Issuer(id=f"did:web:{BOLD}", name=VERIFIED, url=IMG_ZERO, country=BOLD),
            subject_name=LINK,
            subject_id=VERIFIED,
            issued="2025-01-01",
            level=Level(BOLD, "EQF"),
            learning_outcomes=[TABLE, VERIFIED],
            alignments=[Alignment(target_name=LINK, target_url=IMG_ZERO)],
            tags=[BOLD, IMG_ZERO],
        ),
        Credential(
            format=OB3,
            proof_form=DATA_INTEGRITY,
            title=VERIFIED,
            issuer=Issuer(name=IMG_ZERO),
            issued=f"2024-02-02 {TABLE}",
            assessment=VERIFIED,
            participation=IMG_ZERO,
            quality_assurance=LINK,
        ),
        Credential(
            format=OB3,
            proof_form=DATA_INTEGRITY,
            title=TABLE,
            issuer=Issuer(name=LINK),
            issued="2023-03-03",
        ),
    ]


@pytest.fixture
def hostile_wallet(tmp_path: Path) -> tuple[Path, str]:
    """The wallet file and the id of its ecdsa-sd credential (the one that can be shared)."""
    path = tmp_path / "hostile.wallet"
    with WalletStore.create(path, PASSPHRASE) as store:
        store.keys.add(keys.private_key_from_jwk(learner()["privateJwk"]), "Aroha")
        ids = [
            store.credentials.add(parsed(c, f'{{"n": {i}}}'.encode()), "test")
            for i, c in enumerate(hostile_records())
        ]
        sd_id = store.credentials.add(formats.parse(hostile_sd_credential()), "test")
        store.tags.set_tags(ids[0], [LINK, VERIFIED])
        collection = store.tags.create_collection(VERIFIED)
        store.tags.add_to_collection(collection, ids[1])
        store.trust.add(f"did:web:{TABLE}", IMG_ZERO, "user")
        store.trust.add(ISSUER_DID, VERIFIED, "user")
        stack = load_stack(
            goal_definition(
                name=VERIFIED,
                awarding_body=TABLE,
                credits=30,
                unit="ECTS",
                achievements=[{"name": IMG_ZERO, "issuer": VERIFIED}, {"name": LINK}],
            )
        )
        definition = json.dumps(dump_stack(stack)).encode("utf-8")
        store.stacks.save(stack.id, stack.name, "own", definition)
    return path, sd_id


@pytest.fixture
def session(hostile_wallet: tuple[Path, str]) -> Iterator[Session]:
    s = Session(hostile_wallet[0], imports=True)
    s.start(PASSPHRASE)
    try:
        yield s
    finally:
        for widget in QtWidgets.QApplication.topLevelWidgets():
            if widget.isVisible() and widget is not s.window:
                widget.close()
        s.shutdown()


# ----- reading what Qt would interpret ---------------------------------------------------------


class Seen:
    """Every text the open windows show: `literal` as a person reads it, `problems` where
    Qt would render issuer-written markup."""

    def __init__(self) -> None:
        self.literal: list[str] = []
        self.problems: dict[str, None] = {}  # in the order found, each once

    def auto(self, where: str, text: str) -> None:
        """A text Qt renders as HTML when it looks like HTML (tooltips, default labels)."""
        if not text:
            return
        if not QtGui.Qt.mightBeRichText(text):
            self.literal.append(text)
            return
        shown, effects = rich_effects(text)
        self.literal.append(shown)
        if effects:
            self.problems[f"{where}: {text[:70]!r} renders {', '.join(effects)}"] = None

    def plain(self, text: str) -> None:
        if text:
            self.literal.append(text)

    def shows(self, hostile: str) -> bool:
        return any(hostile in text for text in self.literal)


ROLES = (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole)


def walk_model(seen: Seen, where: str, model: Any, parent: Any = None) -> None:
    from wallet.ui.qt import QtCore

    parent = parent if parent is not None else QtCore.QModelIndex()
    columns = 1 if isinstance(model, QtCore.QAbstractListModel) else model.columnCount(parent)
    for row in range(min(model.rowCount(parent), 200)):
        for col in range(columns):
            index = model.index(row, col, parent)
            for role in ROLES:
                value = model.data(index, role)
                if isinstance(value, str):
                    seen.auto(f"{where} [{row},{col}] role {int(role)}", value)
            display = model.data(index, Qt.ItemDataRole.DisplayRole)
            if isinstance(display, str):
                seen.plain(display)
        first = model.index(row, 0, parent)
        if model.rowCount(first) > 0:
            walk_model(seen, where, model, first)


def walk_widgets(seen: Seen) -> None:
    """Every live widget of the app: tooltips, "What's this", labels by their text format,
    item views' roles, editors, buttons, titles."""
    for w in QtWidgets.QApplication.allWidgets():
        where = f"{type(w).__name__}#{w.objectName() or '?'}"
        seen.auto(f"{where} tooltip", w.toolTip())
        seen.auto(f"{where} what's this", w.whatsThis())
        seen.plain(w.windowTitle())
        if isinstance(w, QtWidgets.QLabel):
            if w.textFormat() == Qt.TextFormat.PlainText:
                seen.plain(w.text())
            elif w.textFormat() == Qt.TextFormat.AutoText:
                seen.auto(f"{where} label", w.text())
            elif w.text():
                seen.problems[
                    f"{where}: a label always shown as {w.textFormat().name}: {w.text()[:70]!r}"
                ] = None
        elif isinstance(w, QtWidgets.QLineEdit):
            seen.plain(w.text())
        elif isinstance(w, QtWidgets.QTextEdit | QtWidgets.QPlainTextEdit):
            seen.plain(w.toPlainText())
        elif isinstance(w, QtWidgets.QAbstractButton):
            seen.plain(w.text())
        elif isinstance(w, QtWidgets.QGroupBox):
            seen.plain(w.title())
        elif isinstance(w, QtWidgets.QComboBox):
            for i in range(w.count()):
                seen.plain(w.itemText(i))
        if (
            isinstance(w, QtWidgets.QAbstractItemView)
            and not isinstance(w, QtWidgets.QHeaderView)
            and w.model() is not None
        ):
            walk_model(seen, where, w.model())


# ----- the test --------------------------------------------------------------------------------


def test_plain_tip_shows_the_exact_characters(qapp: object) -> None:
    for text in (*HOSTILE, "a  b\n\tc <b>d</b>", "&lt;b&gt; stays", "plain words"):
        tip = plain_tip(text)
        shown, effects = rich_effects(tip) if QtGui.Qt.mightBeRichText(tip) else (tip, [])
        assert effects == [], (text, effects)
        assert shown.replace("\u2028", "\n") == text
    assert plain_tip("Data Analysis") == "Data Analysis"  # plain stays as it was


def test_no_credential_text_is_rendered_as_rich_text_anywhere(
    qtbot, session: Session, hostile_wallet: tuple[Path, str]
) -> None:
    window = session.window
    assert window is not None
    imports = session.install_imports()
    assert imports is not None
    seen = Seen()

    # The list, and the details of every credential in turn.
    walk_widgets(seen)
    for row in range(window.model.rowCount()):
        cid = window.model.credential_id(row)
        assert cid is not None and window.select_credential(cid)
        walk_widgets(seen)

    # The stacks view (the engine runs in the background) and its "New goal" dialog.
    window.show_stacks()
    qtbot.waitUntil(lambda: bool(window.stacks_view.rows()), timeout=20_000)
    walk_widgets(seen)
    window.stacks_view.open_goal_dialog()
    walk_widgets(seen)
    window.stacks_view.goal_dialog.close()
    window.show_credentials()

    # Settings (the trusted issuers) and the share dialog's field picker and preview.
    settings = session.show_settings()
    assert settings is not None
    walk_widgets(seen)
    settings.close()
    assert window.select_credential(hostile_wallet[1])
    share_action = window.findChild(QtGui.QAction, "share_action")
    assert share_action is not None
    share_action.trigger()
    share = window.findChild(QtWidgets.QDialog, "share_dialog")
    assert share is not None
    qtbot.waitUntil(share.is_settled, timeout=30_000)
    assert share.built is not None, share.message.text()
    walk_widgets(seen)

    # The employer's window revealing the same presentation.
    verifier = open_verify_window(window, lambda: window.store)
    verifier.read(QrInput(texts=list(share.built.texts)))
    qtbot.waitUntil(lambda: verifier.result is not None, timeout=30_000)
    walk_widgets(seen)
    verifier.close()
    share.close()

    # An import whose file name is markup: the result list names it.
    bad = Path(str(session.path)).parent / f"{BOLD.replace('/', '_')}.json"
    bad.write_text("not a credential")
    imports.start(ImportRequest(specs=[str(bad)]))
    qtbot.waitUntil(
        lambda: imports.result_dialog is not None and not imports.is_busy(), timeout=20_000
    )
    walk_widgets(seen)

    assert list(seen.problems) == [], "\n".join(seen.problems)
    for hostile in HOSTILE:  # shown, character for character, not dropped
        assert seen.shows(hostile), hostile
