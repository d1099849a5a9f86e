"""Errors a user can cause. Every message is fit to show as it is: no traceback reaches a user.

Each error carries a `Msg` (wallet.messages) so the window and the CLI can say it in the
reader's language; `str(error)` and `.message` are the English, for logs and tests.
"""

from __future__ import annotations

from wallet.messages import M, Msg


class WalletError(Exception):
    """Base of every error the wallet reports to a person."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.msg = message

    @property
    def message(self) -> str:
        return str(self.msg)

    def __str__(self) -> str:
        return str(self.msg)


class WrongPassphrase(WalletError):
    """The passphrase does not open this file, or the file is not a wallet at all."""

    def __init__(self, path: str = "") -> None:
        if path:
            super().__init__(M("wrong passphrase or not a wallet file: {path}", path=path))
        else:
            super().__init__(M("wrong passphrase or not a wallet file"))


class WalletFileError(WalletError):
    """The wallet file is missing, locked, or cannot be written."""


class WalletBusy(WalletFileError):
    """Another program (or window) has the wallet open in a way that rules out what was asked:
    changing its passphrase while it is open elsewhere, or opening it while that happens."""


class ImportProblem(WalletError):
    """A source could not be read as a credential; nothing was stored for it."""

    def __init__(self, source: str, problem: Msg) -> None:
        super().__init__(M("{source}: {problem}", source=source, problem=problem))
        self.source = source
        self.problem = problem


class FormatError(WalletError):
    """The bytes are not a credential in any format the wallet reads.

    Raised by parsers without knowing where the bytes came from; the importer wraps it in an
    ImportProblem that names the source.
    """


class Duplicate(WalletError):
    """The same credential content is already in the wallet."""

    def __init__(self, existing_id: str, title: str) -> None:
        super().__init__(M("already in the wallet as {id} ({title})", id=existing_id, title=title))
        self.existing_id = existing_id


class NotFound(WalletError):
    """No credential matches the id the user gave."""
