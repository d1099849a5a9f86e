"""Answering verifiers: OpenID for Verifiable Presentations 1.0, as the learner's wallet.

`request` reads what the learner pasted, scanned or clicked (an `openid4vp://` link, or an
https link carrying one), fetches the signed request object and checks it against the
verifier's client identifier; `dcql` reads what the verifier asks for and finds the learner's
credentials that answer it; `response` builds the presentations and posts them back. Every
request goes through `wallet.sources` and its network rules. The use case that asks the
learner and keeps the history is `wallet.actions.responding`.
"""

from __future__ import annotations

from wallet.errors import WalletError


class RespondError(WalletError):
    """Answering a verifier stopped; the message says why in one plain sentence. Nothing was
    sent to the verifier when it is raised before the learner said yes."""
