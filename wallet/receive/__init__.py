"""Receiving credentials straight from issuers: OpenID4VCI offers and the protocol client.

`offer` reads what the learner pasted, scanned or clicked (an `openid-credential-offer://`
link, or an https link carrying one); `oid4vci` talks to the issuer (metadata, token, nonce,
key proof, credential). Every request goes through `wallet.sources` and its network rules.
The use case that stores what arrives is `wallet.actions.receiving`.
"""

from __future__ import annotations

from wallet.errors import WalletError


class ReceiveError(WalletError):
    """Receiving from an issuer stopped; the message says why in one plain sentence and
    never carries a code, token or key."""
