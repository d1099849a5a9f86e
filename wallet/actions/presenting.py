"""Presenting chosen credentials: the CLI's `present` and the window's File → Share… (its
background build). One presentation, signed by the learner's holder key, and the texts of the
QR codes that carry it (wallet.present does the signing, disclosure and QR encoding; drawing the
codes is the front end's: PNG files for the CLI, images in the dialog)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wallet.actions.changes import NOTHING, Changes
from wallet.errors import WalletError
from wallet.messages import M
from wallet.proofs import keys
from wallet.store import StoredCredential, WalletStore

HOLDER_NAME = "My holder key"

# How long a presentation stays valid, in minutes: the learner chooses from SHORTEST to
# LONGEST. A code shown live is checked there and then; a saved one (a proof sheet, a PNG) is
# checked later, so it lasts longer by default.
SHORTEST_MINUTES = 10
LONGEST_MINUTES = 30 * 24 * 60  # = presentation.LONGEST_VALID_MINUTES
LIVE_MINUTES = 10
SAVED_MINUTES = 7 * 24 * 60
_DURATION = re.compile(r"\s*(\d{1,6})\s*([mhd])\s*", re.IGNORECASE)
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 24 * 60}

Chosen = Sequence[tuple[StoredCredential, list[str] | None]]  # (credential, fields to reveal)


@dataclass(frozen=True)
class Presented:
    """One presentation as it leaves the wallet: itself, its JSON text, the texts of its QR
    codes (one or several) and when it expires (an ISO time; None when it says nothing: an
    SD-JWT bound to no key of the learner's)."""

    presentation: Any
    texts: tuple[str, ...]
    text: str
    expires: str | None

    @property
    def changes(self) -> Changes:
        return NOTHING  # a holder key made on first use is not shown in any list

    @property
    def expires_at(self) -> _dt.datetime | None:
        from wallet.verify.checks import parse_time

        return parse_time(self.expires) if self.expires else None


class ValidityError(WalletError):
    """A validity the learner typed is not a duration we can sign for."""


def parse_validity(text: str) -> int:
    """Minutes from a duration as the learner writes it: `10m`, `2h`, `7d` (SHORTEST to
    LONGEST); anything else raises ValidityError with one plain sentence."""
    m = _DURATION.fullmatch(text)
    if m is None:
        raise ValidityError(
            M(
                "“{value}” is not a duration: write minutes, hours or days, such as 10m, 2h or 7d",
                value=text.strip(),
            )
        )
    minutes = int(m[1]) * _UNIT_MINUTES[m[2].lower()]
    if not SHORTEST_MINUTES <= minutes <= LONGEST_MINUTES:
        raise ValidityError(
            M(
                "a presentation can be valid for 10 minutes to 30 days, not {value}",
                value=text.strip(),
            )
        )
    return minutes


def holder_key(store: WalletStore, name: str = HOLDER_NAME) -> keys.Holder:
    """The wallet's default holder key, made (called `name`) when it has none yet."""
    did = store.keys.default() or store.keys.create(name)
    return keys.Holder(store.keys.private_key(did), did)


def present(
    store: WalletStore | None,
    chosen: Chosen,
    *,
    holder: keys.Holder | None = None,
    challenge: str | None = None,
    domain: str | None = None,
    valid_minutes: int = LIVE_MINUTES,
) -> Presented:
    """Sign one presentation of the chosen credentials, each with its fields to reveal (None:
    all of it), valid for `valid_minutes` from now, and encode it as QR texts. The holder key
    is the wallet's (`holder_key`) unless given: the window looks it up once and builds in a
    worker thread without the store (then `store` may be None)."""
    from wallet.present import qr
    from wallet.present.disclosure import build_presentation, presentation_text
    from wallet.present.presentation import expires_of
    from wallet.verify.context import iso

    if holder is None:
        if store is None:
            raise TypeError("presenting needs the wallet or a holder key")
        holder = holder_key(store)
    presentation = build_presentation(
        list(chosen),
        holder.key,
        holder.did,
        challenge=challenge,
        domain=domain,
        valid_minutes=valid_minutes,
    )
    texts = tuple(qr.encode(presentation))
    expires = expires_of(presentation)
    return Presented(
        presentation,
        texts,
        presentation_text(presentation),
        iso(expires) if expires is not None else None,
    )
