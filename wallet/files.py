"""Folders for the files the wallet writes (a wallet, an export).

Why here: `wallet.paths` sits below the messages (they find their catalogues through it), so
a helper that says what went wrong in a sentence lives one level up.
"""

from __future__ import annotations

from pathlib import Path

from wallet.errors import WalletError
from wallet.messages import M


def make_folder_for(
    path: Path, *, private: bool = False, error: type[WalletError] = WalletError
) -> None:
    """Make the folder `path` will be written in (0700 when `private`: a wallet goes there),
    or raise `error` naming the folder and what the system said, so the person knows which
    folder to fix."""
    try:
        path.parent.mkdir(mode=0o700 if private else 0o777, parents=True, exist_ok=True)
    except OSError as e:
        raise error(
            M(
                "cannot make the folder for {path}: {problem}",
                path=str(path),
                problem=str(e.strerror),
            )
        ) from None
