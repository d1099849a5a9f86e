"""The side panel showing one credential's normalized record."""

from __future__ import annotations

from wallet.credential import Credential, Credits, Level
from wallet.ui.models import date_part, format_label
from wallet.ui.qt import Qt, QtWidgets


def credits_text(credits: Credits | None) -> str:
    """`value unit`, without a pointless `.0` ("5 ECTS", "7.5 ECTS")."""
    if credits is None:
        return ""
    return f"{credits.value:g} {credits.unit}".strip()


def level_text(level: Level | None) -> str:
    """`framework value` ("EQF 6")."""
    if level is None:
        return ""
    return f"{level.framework} {level.value}".strip()


class CredentialPanel(QtWidgets.QScrollArea):
    """Read-only view of a `Credential`; every value is plain, selectable text.

    Credential text comes from issuers, so labels never interpret it as rich text or links.
    Rows without a value are hidden rather than shown empty.
    """

    FIELDS = ("issuer", "recipient", "description", "issued", "valid_from", "valid_until",
              "credits", "level", "learning_outcomes", "format", "bundle")

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Credential details"))
        self.setMinimumWidth(320)

        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)

        self.placeholder = self._label("placeholder")
        self.placeholder.setText(self.tr("Select a credential to see its details."))
        self.title = self._label("title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)

        captions = {
            "issuer": self.tr("Issuer"), "recipient": self.tr("Awarded to"),
            "description": self.tr("Description"), "issued": self.tr("Issued"),
            "valid_from": self.tr("Valid from"), "valid_until": self.tr("Valid until"),
            "credits": self.tr("Credits"), "level": self.tr("Level"),
            "learning_outcomes": self.tr("Learning outcomes"), "format": self.tr("Format"),
            "bundle": self.tr("Bundle"),
        }
        self.form = QtWidgets.QFormLayout()
        self.form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setFieldGrowthPolicy(
            QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setVerticalSpacing(4)
        self._values: dict[str, QtWidgets.QLabel] = {}
        for name in self.FIELDS:
            value = self._label(name)
            value.setAccessibleName(captions[name])
            caption = QtWidgets.QLabel(captions[name])
            caption.setContentsMargins(0, 8, 0, 0)
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            caption_font = caption.font()
            caption_font.setBold(True)
            caption.setFont(caption_font)
            self.form.addRow(caption, value)
            self._values[name] = value

        layout.addWidget(self.placeholder)
        layout.addWidget(self.title)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.setWidget(body)
        self.clear()

    def _label(self, name: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return label

    def clear(self, message: str | None = None) -> None:
        """Show the placeholder (or `message`, e.g. why a credential could not be read)."""
        self.placeholder.setText(message or self.tr("Select a credential to see its details."))
        self.placeholder.show()
        self.title.hide()
        self.title.clear()
        for i, name in enumerate(self.FIELDS):
            self._values[name].clear()
            self.form.setRowVisible(i, False)

    def show_credential(self, credential: Credential, *, bundled: int = 0,
                        in_bundle: bool = False) -> None:
        """Fill the panel; `bundled` counts what a CLR carries, `in_bundle` marks a carried item."""
        c = credential
        issuer = c.issuer.name or c.issuer.id or ""
        if c.issuer.name and c.issuer.url:
            issuer = f"{c.issuer.name}\n{c.issuer.url}"
        outcomes = "\n".join(f"\u2022 {o}" for o in c.learning_outcomes if o)
        bundle = ""
        if bundled:
            bundle = self.tr("Carries {n} credential(s), listed under it").format(n=bundled)
        elif in_bundle:
            bundle = self.tr("Part of a CLR bundle")
        values = {
            "issuer": issuer, "recipient": c.subject_name or "",
            "description": c.description or "",
            "issued": date_part(c.issued), "valid_from": date_part(c.valid_from),
            "valid_until": date_part(c.valid_until),
            "credits": credits_text(c.credits), "level": level_text(c.level),
            "learning_outcomes": outcomes, "format": format_label(c.format), "bundle": bundle,
        }
        self.placeholder.hide()
        self.title.setText(c.title)
        self.title.show()
        for i, name in enumerate(self.FIELDS):
            text = values[name]
            self._values[name].setText(text)
            self.form.setRowVisible(i, bool(text))
        self.verticalScrollBar().setValue(0)

    def value_text(self, name: str) -> str:
        """Text of one field as shown ('' when hidden); `title` and `placeholder` work too."""
        if name == "title":
            return self.title.text() if not self.title.isHidden() else ""
        if name == "placeholder":
            return self.placeholder.text() if not self.placeholder.isHidden() else ""
        return self._values[name].text()
