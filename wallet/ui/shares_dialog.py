"""View → History of Sharing…: what the learner showed to which verifier, newest first.

Why: a wallet that puts learners in control lets them see what they disclosed to whom. Each
answer is headed by when it went (the reader's clock) and the verifier's name; then what proved
who it was, where the answer went, why it asked, and per credential what it revealed in words.
The entries come from `wallet.actions.shares`, as `learner-wallet shared` prints them. Names,
hosts and purposes are verifiers' own text: the view is filled as plain text only.
"""

from __future__ import annotations

from wallet.actions.shares import NOTHING_SHARED, ShareEntry
from wallet.ui.i18n import moment_text
from wallet.ui.messages import capital, text_of
from wallet.ui.qt import QtWidgets
from wallet.ui.widgets import LinesView, Row, Section, column, empty_state, fitting_size


class SharesDialog(QtWidgets.QDialog):
    """The history of answers to verifiers (read only); closes with the wallet on lock."""

    def __init__(self, entries: list[ShareEntry], parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shares_dialog")
        self.setWindowTitle(self.tr("History of Sharing"))
        self.entries = list(entries)
        body, layout = column(margins=(12, 12, 12, 12))
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(body)
        self.view = LinesView("shares_history", self.tr("What was shown to which verifier"))
        self.empty = empty_state(
            text_of(NOTHING_SHARED), "shares_empty", self.tr("Nothing shared yet")
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.set_sections([self._section(e) for e in self.entries])
        self.view.setVisible(bool(self.entries))
        self.empty.setVisible(not self.entries)
        self.resize(*fitting_size(self, (760, 560)))

    def _section(self, entry: ShareEntry) -> Section:
        """One answer: when and to whom, then who proved it, where it went, why, and what."""
        rows: list[Row] = [
            (self.tr("Name it gave:"), entry.verifier or self.tr("(it gave no name)"), None),
            (self.tr("Proven by:"), entry.client_id, None),
            (self.tr("Answer went to:"), entry.host, None),
            (self.tr("Why it asked:"), entry.purpose or self.tr("(it gave no reason)"), None),
            (self.tr("What it saw:"), "", None),
        ]
        rows += [
            (capital(text_of(c.name)), capital(text_of(c.what)), None) for c in entry.credentials
        ]
        return (
            moment_text(entry.when or entry.shared_at),
            entry.verifier or entry.host,
            None,
            rows,
        )
