"""The main window's menus and every command in them, declared in one table (issue 14).

`MainWindow` builds its menu bar from `MENUS` and nothing else adds to it. Each command names
its `owner`: the window itself, or the extra that provides what it does (the import flow, the
backup actions...). An extra hands its slots to `MainWindow.attach(owner, slots)`; until then
its commands stay hidden (a window without the extras, as tests build it, shows none of them).
Texts are translated in the context they always had, so the catalogue keeps working; each is
wrapped in QT_TRANSLATE_NOOP (which returns it unchanged) so that lupdate finds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from wallet.ui.qt import QT_TRANSLATE_NOOP, QtGui

Key = QtGui.QKeySequence.StandardKey
Role = QtGui.QAction.MenuRole

WINDOW = "window"
IMPORTS = "imports"  # import_flow.ImportController
PRESENT = "present"  # present_actions.install_present_actions
EXPORT = "export"  # export_dialog.install_export_actions
BACKUP = "backup"  # backup_actions.BackupActions
SESSION = "session"  # app.Session: Settings and Change Passphrase
RECEIVE = "receive"  # receive_dialog.ReceiveActions
RESPOND = "respond"  # respond_dialog.RespondActions
OWNERS = (WINDOW, IMPORTS, PRESENT, EXPORT, BACKUP, SESSION, RECEIVE, RESPOND)


@dataclass(frozen=True)
class Command:
    """One menu command: the window attribute holding its QAction (`key`), its words in
    translation context `context`, and who provides its slot."""

    key: str
    text: str
    context: str = "MainWindow"
    owner: str = WINDOW
    object_name: str = ""
    shortcut: str | QtGui.QKeySequence.StandardKey | None = None  # a str is translated
    tip: str = ""
    role: QtGui.QAction.MenuRole | None = None
    checkable: bool = False  # a choice shown with a tick (View → Cards / Table)


@dataclass(frozen=True)
class Submenu:
    """A submenu the window fills itself when it opens (`key`: the window's QMenu)."""

    key: str
    text: str
    context: str = "MainWindow"


SEPARATOR = None
Item = Command | Submenu | None


@dataclass(frozen=True)
class Menu:
    key: str  # the window attribute holding the QMenu
    object_name: str
    title: str
    items: tuple[Item, ...]
    context: str = "MainWindow"


MENUS: tuple[Menu, ...] = (
    Menu(
        "file_menu",
        "file_menu",
        QT_TRANSLATE_NOOP("MainWindow", "&File"),
        (
            Command(
                "import_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Import\u2026"),
                shortcut=QT_TRANSLATE_NOOP("MainWindow", "Ctrl+I"),
                tip=QT_TRANSLATE_NOOP("MainWindow", "Add badge or credential files to the wallet"),
            ),
            Command(
                "import_folder_action",
                QT_TRANSLATE_NOOP("ImportController", "Import &Folder\u2026"),
                "ImportController",
                IMPORTS,
                "import_folder_action",
                tip=QT_TRANSLATE_NOOP(
                    "ImportController", "Add every credential file in a folder to the wallet"
                ),
            ),
            Command(
                "import_qr_action",
                QT_TRANSLATE_NOOP("ImportController", "Import from &QR Code Image\u2026"),
                "ImportController",
                IMPORTS,
                "import_qr_action",
                tip=QT_TRANSLATE_NOOP(
                    "ImportController",
                    "Read a QR code in a picture and import the credential or address it holds",
                ),
            ),
            Command(
                "receive_action",
                QT_TRANSLATE_NOOP("ReceiveActions", "R&eceive from an Issuer\u2026"),
                "ReceiveActions",
                RECEIVE,
                "receive_action",
                tip=QT_TRANSLATE_NOOP(
                    "ReceiveActions",
                    "Get a credential straight from the school or issuer that offers it, with "
                    "the link it gave you",
                ),
            ),
            Command(
                "respond_action",
                QT_TRANSLATE_NOOP("RespondActions", "&Answer a Verifier\u2026"),
                "RespondActions",
                RESPOND,
                "respond_action",
                tip=QT_TRANSLATE_NOOP(
                    "RespondActions",
                    "Show credentials to an employer or another verifier that asks with an "
                    "openid4vp:// link or QR code, choosing which ones",
                ),
            ),
            Command(
                "import_stack_action",
                QT_TRANSLATE_NOOP("MainWindow", "Import &Stack\u2026"),
                tip=QT_TRANSLATE_NOOP(
                    "MainWindow",
                    "Add a pathway to a larger award (our format, CTDL or a Badgr export)",
                ),
            ),
            SEPARATOR,
            Command(
                "share_action",
                QT_TRANSLATE_NOOP("PresentActions", "&Share\u2026"),
                "PresentActions",
                PRESENT,
                "share_action",
                QT_TRANSLATE_NOOP("PresentActions", "Ctrl+Shift+S"),
                QT_TRANSLATE_NOOP(
                    "PresentActions",
                    "Show the selected credentials to an employer as a QR code, choosing what to "
                    "reveal",
                ),
            ),
            Command(
                "export_portfolio_action",
                QT_TRANSLATE_NOOP("ExportDialog", "E&xport Portfolio\u2026"),
                "ExportDialog",
                EXPORT,
                "export_portfolio_action",
                QT_TRANSLATE_NOOP("ExportDialog", "Ctrl+Shift+E"),
                QT_TRANSLATE_NOOP(
                    "ExportDialog",
                    "Export chosen credentials as a web page, PDF, presentation, CLR records or "
                    "badge images",
                ),
            ),
            SEPARATOR,
            Command(
                "settings_action",
                QT_TRANSLATE_NOOP("Session", "&Settings\u2026"),
                "Session",
                SESSION,
                "settings_action",
                Key.Preferences,
                QT_TRANSLATE_NOOP(
                    "Session",
                    "Auto-lock, online checks, trusted issuers, language, and which wallet is open",
                ),
                Role.PreferencesRole,
            ),
            Command(
                "change_passphrase_action",
                QT_TRANSLATE_NOOP("Session", "Change &Passphrase\u2026"),
                "Session",
                SESSION,
                "change_passphrase_action",
                tip=QT_TRANSLATE_NOOP(
                    "Session", "Re-encrypt the wallet file with a new passphrase"
                ),
            ),
            Command(
                "backup_action",
                QT_TRANSLATE_NOOP("BackupActions", "&Back Up Wallet\u2026"),
                "BackupActions",
                BACKUP,
                "backup_action",
                tip=QT_TRANSLATE_NOOP(
                    "BackupActions", "Save everything in this wallet into one encrypted backup file"
                ),
            ),
            Command(
                "restore_action",
                QT_TRANSLATE_NOOP("BackupActions", "&Restore from Backup\u2026"),
                "BackupActions",
                BACKUP,
                "restore_action",
                tip=QT_TRANSLATE_NOOP(
                    "BackupActions",
                    "Add everything in a backup file to this wallet (nothing is duplicated)",
                ),
            ),
            SEPARATOR,
            Command(
                "lock_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Lock"),
                shortcut=QT_TRANSLATE_NOOP("MainWindow", "Ctrl+L"),
                tip=QT_TRANSLATE_NOOP(
                    "MainWindow", "Close the wallet until the passphrase is given"
                ),
            ),
            SEPARATOR,
            Command(
                "quit_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
                shortcut=Key.Quit,
                role=Role.QuitRole,
            ),
        ),
    ),
    Menu(
        "edit_menu",
        "edit_menu",
        QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
        (
            Command(
                "find_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Find\u2026"),
                shortcut=Key.Find,
                tip=QT_TRANSLATE_NOOP("MainWindow", "Search titles, issuers, skills and outcomes"),
            ),
            Command(
                "clear_filters_action", QT_TRANSLATE_NOOP("MainWindow", "Show &all credentials")
            ),
            SEPARATOR,
            Command("check_action", QT_TRANSLATE_NOOP("MainWindow", "&Check selected credential")),
            Command(
                "delete_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Delete\u2026"),
                object_name="delete_action",
                shortcut=Key.Delete,
                tip=QT_TRANSLATE_NOOP(
                    "MainWindow",
                    "Remove the selected credentials from the wallet for good (you can undo it "
                    "for a minute)",
                ),
            ),
            Command(
                "undo_delete_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Undo Delete"),
                object_name="undo_delete_action",
                shortcut=Key.Undo,
                tip=QT_TRANSLATE_NOOP("MainWindow", "Put back the credentials just deleted"),
            ),
            Command(
                "paste_action",
                QT_TRANSLATE_NOOP("ImportController", "&Paste"),
                "ImportController",
                IMPORTS,
                "paste_import_action",
                Key.Paste,
                QT_TRANSLATE_NOOP(
                    "ImportController", "Import the credential, JWT or address on the clipboard"
                ),
            ),
        ),
    ),
    Menu(
        "collections_menu",
        "collections_menu",
        QT_TRANSLATE_NOOP("MainWindow", "&Collections"),
        (
            Command(
                "new_collection_action", QT_TRANSLATE_NOOP("MainWindow", "&New collection\u2026")
            ),
            Command(
                "rename_collection_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Rename collection\u2026"),
            ),
            Command(
                "delete_collection_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Delete collection\u2026"),
                tip=QT_TRANSLATE_NOOP(
                    "MainWindow", "Remove a collection; its credentials stay in the wallet"
                ),
            ),
            SEPARATOR,
            Submenu(
                "selected_collections_menu", QT_TRANSLATE_NOOP("MainWindow", "&Selected credential")
            ),
        ),
    ),
    Menu(
        "view_menu",
        "view_menu",
        QT_TRANSLATE_NOOP("MainWindow", "&View"),
        (
            Command(
                "show_credentials_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Credentials"),
                shortcut=QT_TRANSLATE_NOOP("MainWindow", "Ctrl+1"),
            ),
            Command(
                "show_stacks_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Stacks (progress toward awards)"),
                shortcut=QT_TRANSLATE_NOOP("MainWindow", "Ctrl+2"),
            ),
            SEPARATOR,
            Command(
                "cards_action",
                QT_TRANSLATE_NOOP("MainWindow", "C&ards"),
                object_name="cards_action",
                tip=QT_TRANSLATE_NOOP(
                    "MainWindow", "Show the credentials as a wall of badge cards"
                ),
                checkable=True,
            ),
            Command(
                "table_action",
                QT_TRANSLATE_NOOP("MainWindow", "&Table"),
                object_name="table_action",
                tip=QT_TRANSLATE_NOOP("MainWindow", "Show the credentials as a table"),
                checkable=True,
            ),
            SEPARATOR,
            Command(
                "shares_action",
                QT_TRANSLATE_NOOP("MainWindow", "&History of Sharing\u2026"),
                object_name="shares_action",
                tip=QT_TRANSLATE_NOOP(
                    "MainWindow", "See what you have shown to which verifier, and when"
                ),
            ),
        ),
    ),
    Menu(
        "tools_menu",
        "tools_menu",
        QT_TRANSLATE_NOOP("PresentActions", "&Tools"),
        (
            Command(
                "verify_qr_action",
                QT_TRANSLATE_NOOP("PresentActions", "&Verify a QR\u2026"),
                "PresentActions",
                PRESENT,
                "verify_qr_action",
                tip=QT_TRANSLATE_NOOP(
                    "PresentActions", "Check a learner's presentation QR code, offline"
                ),
            ),
        ),
        context="PresentActions",
    ),
    Menu(
        "help_menu",
        "help_menu",
        QT_TRANSLATE_NOOP("MainWindow", "&Help"),
        (
            Command(
                "about_action",
                QT_TRANSLATE_NOOP("MainWindow", "&About Learner Wallet"),
                role=Role.AboutRole,
            ),
        ),
    ),
)


def commands(owner: str | None = None) -> list[Command]:
    """Every command in the table (of one owner), in menu order."""
    return [
        item
        for menu in MENUS
        for item in menu.items
        if isinstance(item, Command) and (owner is None or item.owner == owner)
    ]
