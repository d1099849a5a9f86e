"""One QR code per credential for the portfolio PDF: a presentation of that credential alone,
signed by the learner's holder key, that `learner-wallet check-qr` (or the window's Check a
QR code) verifies from a scan of the page.

Why a presentation and not the credential: a code proves who holds it (the learner signed it)
and for how long (a portfolio's codes stay valid for weeks, not the ten minutes of a live
share). The learner's signature is eddsa-jcs-2022: only this wallet's verifier reads these
codes, and JCS signs the JSON as it is (RDF canonicalization of 500 presentations took 12 s).
A credential that needs more than MAX_CODES codes gets a sentence instead of a wall of codes no
phone reads; the signed original inside the PDF still carries it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from wallet.errors import WalletError
from wallet.export.portfolio import PORTFOLIO_MINUTES, Portfolio
from wallet.messages import M

MAX_CODES = 3  # "a few": more codes than this for one credential is no longer scannable
HOLDER_NAME = "My holder key"  # the name presenting gives the key it makes on first use


def add_codes(store: Any, portfolio: Portfolio, minutes: int = PORTFOLIO_MINUTES) -> None:
    """Give every item of `portfolio` its QR texts (or the sentence saying why there are
    none), each a presentation of that credential alone, valid for `minutes`."""
    from wallet.present import qr
    from wallet.present.disclosure import build_presentation
    from wallet.proofs.signing import EDDSA_JCS_2022

    if not portfolio.items:
        return
    did = store.keys.default() or store.keys.create(HOLDER_NAME)
    key = store.keys.private_key(did)
    for item in portfolio.items:
        stored = store.credentials.get(item.id)
        try:
            presentation = build_presentation(
                [(stored, None)], key, did, valid_minutes=minutes, cryptosuite=EDDSA_JCS_2022
            )
            texts = qr.encode(presentation)
        except (WalletError, ValueError) as e:
            item.qr_problem = M(
                "No QR code for this credential: {problem}",
                problem=e.msg if isinstance(e, WalletError) else str(e),
            )
            continue
        if len(texts) > MAX_CODES:
            item.qr_problem = M(
                "This credential is too large for a QR code on paper; its signed original is "
                "attached to this PDF."
            )
            continue
        item.qr_texts = tuple(texts)
        item.qr_until = (_dt.datetime.now(_dt.UTC) + _dt.timedelta(minutes=minutes)).date()
