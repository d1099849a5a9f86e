"""JSON exports: a Verifiable Presentation signed by the learner, and CLR 2.0 bundles.

Presentation: a W3C VC 2.0 VerifiablePresentation of the chosen credentials, signed with the
wallet's default holder key (one is made if the wallet has none, as `present` does). Each
credential travels whole and unchanged (JSON-LD ones as objects, JWT and SD-JWT ones as
enveloped data: URIs with every disclosure), except an ecdsa-sd-2023 *base* credential, which
is meant for its holder only: it goes as the derived disclosure of everything the issuer let
the holder show. The holder's proof has no challenge (nobody asked for it) and, like every
presentation the wallet makes, expires (here after the longest allowed, a day): it shows who
put the file together and when; the credentials inside stay verifiable on their own.

CLR 2.0, "where the credentials allow": a CLR (Comprehensive Learner Record) is a credential
*the issuer* signs over the learner's record. A learner cannot sign one on an institution's
behalf, and an unsigned or learner-signed "CLR" would be a fake record, so the wallet never
makes one. What it exports are the CLR bundles it holds, as their original signed bytes (a
CLR that came baked into an image goes as its signed JSON or JWT). When the chosen set holds
none, the export says so plainly and suggests the presentation instead.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from wallet.credential import CLR2
from wallet.errors import WalletError
from wallet.export.portfolio import (
    PORTFOLIO_MINUTES,
    Portfolio,
    PortfolioItem,
    file_name,
    payload_extension,
)
from wallet.messages import M, Msg

DEFAULT_HOLDER_LABEL = "My holder key"


def _vp_entry(store: Any, item: PortfolioItem) -> dict[str, Any] | str:
    """What the presentation carries for one credential (see the module docstring)."""
    from wallet.present.disclosure import ECDSA_SD_MODE, mode_of
    from wallet.proofs import sd_derive

    stored = store.credentials.get(item.id)
    if mode_of(stored) == ECDSA_SD_MODE:
        doc = json.loads(stored.payload)
        return sd_derive.derive_disclosure(doc, sd_derive.disclosable_pointers(doc))
    text: str = stored.payload.decode("utf-8", "replace").strip()
    if text.startswith("{"):
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
        if isinstance(doc, dict):
            return doc
    return text


def top_level(portfolio: Portfolio) -> list[PortfolioItem]:
    """The chosen credentials without the ones a chosen bundle already carries."""
    chosen = {i.id for i in portfolio.items}
    return [i for i in portfolio.items if i.parent_id not in chosen]


def make_presentation(
    store: Any,
    portfolio: Portfolio,
    *,
    now: _dt.datetime | None = None,
    valid_minutes: int = PORTFOLIO_MINUTES,
) -> dict[str, Any]:
    """The holder-signed VP of the portfolio's credentials (a bundle's items ride in it), valid
    as long as the portfolio's QR codes: an employer reads it days after it was sent."""
    from wallet.present.presentation import make_vp

    items = top_level(portfolio)
    if not items:
        raise WalletError(M("there are no credentials to put in the presentation"))
    did = store.keys.default() or store.keys.create(DEFAULT_HOLDER_LABEL)
    key = store.keys.private_key(did)
    return make_vp(
        [_vp_entry(store, i) for i in items],
        key,
        did,
        challenge=None,
        domain=None,
        valid_minutes=valid_minutes,
        now=now or _dt.datetime.now(_dt.UTC),
    )


def write_presentation(
    store: Any, portfolio: Portfolio, out: Path, valid_minutes: int = PORTFOLIO_MINUTES
) -> Path:
    vp = make_presentation(store, portfolio, valid_minutes=valid_minutes)
    out.write_text(json.dumps(vp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def write_clr(portfolio: Portfolio, out: Path) -> tuple[list[Path], list[Msg]]:
    """Every chosen CLR bundle's signed bytes into the folder `out`; (files, notes)."""
    bundles = [i for i in portfolio.items if i.credential.format == CLR2]
    if not bundles:
        raise WalletError(
            M(
                "none of the chosen credentials is a CLR 2.0 learner record. A CLR is signed by "
                "the institution that keeps your record, and the wallet cannot make one for "
                "you; export a presentation (JSON) instead, which you sign yourself"
            )
        )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for item in bundles:
        path = out / file_name(item, payload_extension(item.payload))
        path.write_bytes(item.payload)
        written.append(path)
    inside = {i.id for i in portfolio.items if i.parent_id in {b.id for b in bundles}}
    left = [
        i.credential.title
        for i in portfolio.items
        if i.credential.format != CLR2 and i.id not in inside
    ]
    notes: list[Msg] = []
    if len(left) == 1:
        notes.append(
            M(
                "1 chosen credential is not in any CLR and cannot be made into one: {titles}",
                titles=left[0],
            )
        )
    elif left:
        notes.append(
            M(
                "{n} chosen credentials are not in any CLR and cannot be made into one: {titles}",
                n=len(left),
                titles="; ".join(left),
            )
        )
    return written, notes
