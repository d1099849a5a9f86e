"""What a proof verifier hands back to the orchestrator (wallet.verify.verify_parsed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wallet.messages import Msg
from wallet.verify.report import Check


@dataclass
class ProofOutcome:
    """The proof, issuer and context checks of one credential, and the document they covered.

    `document` is the credential as its proof covers it (the JSON-LD document, the VC inside a
    JWT, the processed SD-JWT payload), so that dates and status are read from signed data only.
    `holder_can_derive` is set for an ecdsa-sd-2023 base proof held by the learner.
    `issuer_confirmed` says who vouches for the issuer beyond the learner's own lists (a
    qualified seal the EU trusted lists name): the trust check then passes with it.
    """

    checks: list[Check] = field(default_factory=list)
    document: dict[str, Any] | None = None
    issuer_id: str | None = None
    holder_can_derive: bool | None = None
    issuer_confirmed: Msg | None = None
