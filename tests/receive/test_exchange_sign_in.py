"""An interaction URL that chooses OpenID4VCI is received as that offer with everything a
direct offer gets: the browser for a sign-in, and the learner's cancel."""

from __future__ import annotations

from typing import Any

from wallet.actions import exchanging
from wallet.receive import links


def test_an_interaction_choosing_oid4vci_can_sign_in_and_be_cancelled(monkeypatch) -> None:
    offer = "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo"
    monkeypatch.setattr(
        exchanging.vcapi, "fetch_protocols", lambda url: links.Protocols(offer=offer)
    )
    passed: dict[str, Any] = {}

    def receive(store: Any, text: str, **kwargs: Any) -> str:
        passed.update(kwargs, text=text)
        return "received"

    monkeypatch.setattr(exchanging, "receive", receive)
    browser, cancelled = (lambda url: None), (lambda: False)
    got = exchanging.receive_exchange(
        None,  # type: ignore[arg-type]  # never reached: the offer path is replaced
        "https://issuer.example/interactions/1?iuv=1",
        confirm=lambda offered: True,
        open_browser=browser,
        cancelled=cancelled,
    )
    assert got == "received" and passed["text"] == offer
    assert passed["open_browser"] is browser and passed["cancelled"] is cancelled
