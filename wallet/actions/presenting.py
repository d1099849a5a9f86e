"""Presenting chosen credentials: the CLI's `present` and the window's File → Share… (its
background build). One presentation, signed by the learner's holder key, and the texts of the
QR codes that carry it (wallet.present does the signing, disclosure and QR encoding; drawing the
codes is the front end's: PNG files for the CLI, images in the dialog)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wallet.actions.changes import NOTHING, Changes
from wallet.store import StoredCredential, WalletStore

HOLDER_NAME = "My holder key"

Chosen = Sequence[tuple[StoredCredential, list[str] | None]]  # (credential, fields to reveal)


@dataclass(frozen=True)
class Holder:
    """The holder key that signs: its private key and DID."""

    key: Any
    did: str


@dataclass(frozen=True)
class Presented:
    """One presentation as it leaves the wallet: itself, its JSON text, the texts of its QR
    codes (one or several) and when its proof expires (if it says)."""

    presentation: Any
    texts: tuple[str, ...]
    text: str
    expires: str | None

    @property
    def changes(self) -> Changes:
        return NOTHING  # a holder key made on first use is not shown in any list


def holder_key(store: WalletStore, name: str = HOLDER_NAME) -> Holder:
    """The wallet's default holder key, made (called `name`) when it has none yet."""
    did = store.keys.default() or store.keys.create(name)
    return Holder(store.keys.private_key(did), did)


def present(
    store: WalletStore | None,
    chosen: Chosen,
    *,
    holder: Holder | None = None,
    challenge: str | None = None,
    domain: str | None = None,
) -> Presented:
    """Sign one presentation of the chosen credentials, each with its fields to reveal (None:
    all of it), and encode it as QR texts. The holder key is the wallet's (`holder_key`)
    unless given: the window looks it up once and builds in a worker thread without the store
    (then `store` may be None)."""
    from wallet.present import qr
    from wallet.present.disclosure import build_presentation, presentation_text

    if holder is None:
        if store is None:
            raise TypeError("presenting needs the wallet or a holder key")
        holder = holder_key(store)
    presentation = build_presentation(
        list(chosen), holder.key, holder.did, challenge=challenge, domain=domain
    )
    texts = tuple(qr.encode(presentation))
    proof = presentation.get("proof") if isinstance(presentation, dict) else None
    expires = proof.get("expires") if isinstance(proof, dict) else None
    return Presented(
        presentation,
        texts,
        presentation_text(presentation),
        expires if isinstance(expires, str) else None,
    )
