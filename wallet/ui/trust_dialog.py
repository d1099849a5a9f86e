"""Trust in one click: from a credential whose issuer is not on the trust list, show who the
issuer says it is, its identifier, its website, how the identifier is confirmed (and what a
subscribed issuer registry says of it, when one lists it), and trust it through the same use
case as Settings; the credentials it issued are then checked again (`verifying.check_again`,
as a registry subscription does), so the list and the detail pane show their new verdicts at
once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wallet.actions import registries as registry_actions
from wallet.actions import trust as trust_actions
from wallet.actions.changes import Changes
from wallet.credential import Credential
from wallet.messages import render
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import Qt, QtCore, QtWidgets
from wallet.ui.widgets import action_buttons, plain_label, set_font
from wallet.verify.explain import how_confirmed

if TYPE_CHECKING:
    from wallet.store import Listing, WalletStore
    from wallet.ui.workers import Task

translate = QtCore.QCoreApplication.translate  # lupdate finds the words through this name


@dataclass(frozen=True)
class TrustedAndChecked:
    """The issuer trusted and its credentials checked again: what the window shows anew."""

    changes: Changes


def issuer_key(credential: Credential) -> str:
    """The identifier the trust check compares (a DID without its fragment, or a URL)."""
    return (credential.issuer.id or "").split("#", 1)[0]


def trust_and_check(
    store: WalletStore, issuer_id: str, name: str | None, online: bool = False
) -> TrustedAndChecked:
    """Trust the issuer, then verify its credentials again so their reports say so."""
    from wallet.actions import verifying

    trusted = trust_actions.trust_issuer(store, issuer_id, name, source="user")
    return TrustedAndChecked(verifying.check_again(store, trusted.changes, online=online))


class TrustDialog(QtWidgets.QDialog):
    """Who the issuer is and how that is known; Trust adds it (the window runs it)."""

    def __init__(
        self,
        credential: Credential,
        parent: QtWidgets.QWidget | None = None,
        listing: Listing | None = None,
    ) -> None:
        """`listing`: how a registry the learner subscribed to lists the issuer, if one does."""
        super().__init__(parent)
        self.setObjectName("trust_dialog")
        self.setWindowTitle(self.tr("Trust this issuer"))
        self.issuer_id = issuer_key(credential)
        self.name = credential.issuer.name
        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(8)

        heading = plain_label(
            self.tr("Trust the issuer of \u201c{title}\u201d?").format(title=credential.title),
            "trust_heading",
        )
        set_font(heading, scale=1.15, bold=True)
        layout.addWidget(heading)

        form = QtWidgets.QFormLayout()
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_label = plain_label(
            self.tr("\u201c{name}\u201d (as the issuer calls itself)").format(name=self.name)
            if self.name
            else self.tr("The issuer gives no name"),
            "trust_name",
            self.tr("Name"),
        )
        form.addRow(self.tr("Name"), self.name_label)
        self.id_field = QtWidgets.QLineEdit(self.issuer_id)
        self.id_field.setObjectName("trust_identifier")
        self.id_field.setAccessibleName(self.tr("Identifier"))
        self.id_field.setReadOnly(True)
        self.id_field.setCursorPosition(0)
        self.id_field.setToolTip(plain_tip(self.issuer_id))
        form.addRow(self.tr("Identifier"), self.id_field)
        self.website = plain_label(credential.issuer.url or "", "trust_website", self.tr("Website"))
        if credential.issuer.url:
            form.addRow(self.tr("Website"), self.website)
        self.confirmed = plain_label(
            render(how_confirmed(self.issuer_id)), "trust_confirmed", self.tr("How it is confirmed")
        )
        form.addRow(self.tr("Confirmed by"), self.confirmed)
        self.registry: QtWidgets.QLabel | None = None
        if listing is not None:
            self.registry = plain_label(
                render(registry_actions.listed_as(listing)), "trust_registry", self.tr("Registry")
            )
            form.addRow(self.tr("Registry"), self.registry)
        layout.addLayout(form)

        after = plain_label(
            self.tr(
                "Credentials from this issuer will show as verified when every other check "
                "passes. You can remove it again in Settings."
            ),
            "trust_after",
        )
        layout.addWidget(after)
        buttons, self.trust_button, self.cancel_button = action_buttons(
            self, self.tr("Trust"), self.accept
        )
        self.trust_button.setObjectName("trust_confirm")
        layout.addWidget(buttons)
        self.setMinimumWidth(520)  # a DID of 56 characters shows whole
        self.setMaximumWidth(640)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Minimum
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.task: Task | None = None  # the trust op, once Trust was pressed


def offer_trust(window: Any) -> TrustDialog | None:
    """Open the dialog for the credential the window's detail pane shows; Trust runs
    `trust_and_check` as a background op whose changes the window applies (its task is kept
    as the dialog's `task`). Returns the open dialog, or None when no credential with an
    issuer id is shown."""
    item = window.detail.shown_item()
    if item is None or not issuer_key(item.credential) or window.store is None:
        return None
    listing = window.store.registries.listing(issuer_key(item.credential))
    dialog = TrustDialog(item.credential, window, listing)
    issuer_id, name = dialog.issuer_id, dialog.name
    progress = translate("TrustDialog", "Trusting the issuer\u2026")
    title = dialog.windowTitle()

    def trust() -> None:
        from wallet.ui.ops import run_op

        dialog.task = run_op(
            window,
            lambda worker, _progress: trust_and_check(worker, issuer_id, name),
            progress_text=progress,
            error_title=title,
        )

    dialog.accepted.connect(trust)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
