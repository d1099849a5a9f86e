"""Translations: the German catalogue ships complete and compiled, and a German UI shows it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from wallet.ui import i18n
from wallet.ui.app import Session
from wallet.ui.qt import QtCore, QtWidgets
from wallet.ui.unlock import UnlockDialog

from .samples import PASSPHRASE

TS = i18n.translations_dir() / "learner-wallet_de.ts"


def menu_titles(window: QtWidgets.QMainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_german_ui_shows_german_menus(qtbot, german, wallet_file) -> None:
    session = Session(wallet_file.path)
    try:
        session.start(PASSPHRASE)
        window = session.window
        titles = menu_titles(window)
        assert titles[:2] == ["&Datei", "&Bearbeiten"] and titles[-1] == "&Hilfe"
        assert not {"&File", "&Edit", "&Help"} & set(titles)
        file_actions = [
            a.text() for a in window.menuBar().actions()[0].menu().actions() if not a.isSeparator()
        ]
        assert "&Importieren\u2026" in file_actions and "&Sperren" in file_actions
        assert "&Einstellungen\u2026" in file_actions
        assert window.count_label.text() == "3 Nachweise"
    finally:
        session.shutdown()


def test_removing_the_translator_gives_english_again(qtbot, wallet_file) -> None:
    _code, remove = i18n.install_translators("de")
    remove()
    session = Session(wallet_file.path)
    try:
        session.start(PASSPHRASE)
        titles = menu_titles(session.window)
        assert titles[:2] == ["&File", "&Edit"] and titles[-1] == "&Help"
    finally:
        session.shutdown()


def test_german_unlock_dialog_and_qt_buttons(qtbot, german, wallet_file) -> None:
    dialog = UnlockDialog(wallet_file.path)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Wallet entsperren"
    assert dialog.accept_button.text() == "\u00d6ffnen"
    cancel = dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Abbrechen"  # Qt's own catalogue too


def test_language_choice_follows_setting_then_system(qapp) -> None:
    assert "de" in i18n.available_languages() and "en" in i18n.available_languages()
    assert i18n.resolve_language("de") == "de"
    assert i18n.resolve_language("", QtCore.QLocale("de_AT")) == "de"
    assert i18n.resolve_language("", QtCore.QLocale("fr_FR")) == "en"
    assert i18n.resolve_language("xx", QtCore.QLocale("en_NZ")) == "en"
    i18n.set_language_setting("de")
    assert i18n.language_setting() == "de"
    code, remove = i18n.install_translators()  # None: the saved preference
    try:
        assert code == "de"
        assert QtCore.QCoreApplication.translate("MainWindow", "&File") == "&Datei"
    finally:
        remove()
    assert QtCore.QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_catalogue_is_complete_and_compiled() -> None:
    root = ET.parse(TS).getroot()
    unfinished = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if name == "" and source == "crash":
                continue  # crash.py's aliased translate(); its strings sit in i18n.py
            if (
                translation is None
                or translation.get("type") == "unfinished"
                or not (translation.text or "").strip()
            ):
                unfinished.append(f"{name}: {source}")
    assert unfinished == []
    qm = TS.with_suffix(".qm")
    assert qm.is_file() and qm.stat().st_mtime >= TS.stat().st_mtime - 5


def test_placeholders_survive_translation() -> None:
    import re

    root = ET.parse(TS).getroot()
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        if translation:
            assert sorted(re.findall(r"\{\w+\}", source)) == sorted(
                re.findall(r"\{\w+\}", translation)
            ), source


def test_every_menu_command_and_detail_label_has_german(german) -> None:
    """The menu table and the detail view's label tables keep their words where lupdate can
    find them (QT_TRANSLATE_NOOP): running scripts/update_translations.sh once dropped every
    menu text from the catalogue, and the German window showed English menus."""
    from wallet.ui import detail_view, menus

    missing = []
    for menu in menus.MENUS:
        texts = [(menu.context, menu.title)]
        for item in menu.items:
            if item is not None:
                texts.append((item.context, item.text))
        for context, text in texts:
            if QtCore.QCoreApplication.translate(context, text) == text:
                missing.append(f"{context}: {text}")
    for table in (
        detail_view.PROOF_FORM_LABELS,
        detail_view.CHECK_LABELS,
        detail_view.VERDICT_SENTENCES,
    ):
        for text in table.values():
            if QtCore.QCoreApplication.translate("DetailView", text) == text:
                missing.append(f"DetailView: {text}")
    assert missing == []
