"""Signing in at an authorization server that requires pushed authorization requests (RFC
9126), against oid4vc-ts behind peer/issuers/ on 127.0.0.1 (the `pusher` issuer).

What a learner would notice: such an issuer works like any other sign-in (the browser opens,
they sign in, the credential is in the wallet); the browser's address carries no part of the
request but a reference to it; a server whose answer gives no such reference ends in one plain
sentence and nothing added.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.receive.conftest import IssuerServer
from tests.receive.support import Browser, yes
from wallet.actions.receiving import receive
from wallet.importer import IMPORTED
from wallet.receive import ReceiveError
from wallet.store import WalletStore


def test_a_server_that_requires_pushed_requests_gives_the_credential(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="pusher", grant="authorization_code")
    browser = Browser()
    result = receive(wallet, made["offer"], confirm=yes, open_browser=browser.open)
    browser.wait()
    assert browser.error is None
    assert [(r.status, r.verdict) for r in result] == [(IMPORTED, "warning")]
    assert "You are signed in. You can close this page" in browser.page
    record = wallet.credentials.get(result.results[0].id or "")
    assert record.credential.subject_id == wallet.keys.default()
    seen = issuer_server.seen(made["id"])
    assert seen["pushed_requests"] == 1
    (request,) = seen["authorization_requests"]
    # The pushed request carried what the browser no longer does: PKCE, the details.
    assert request["pushed"] is True
    assert request["code_challenge_method"] == "S256"
    assert request["via"] == "authorization_details"
    assert request["configurations"] == ["degree_jwt"]
    assert seen["token_grants"] == ["authorization_code"]


def test_the_browser_address_carries_only_the_client_and_the_request_uri(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(issuer="pusher", grant="authorization_code")
    browser = Browser()
    receive(wallet, made["offer"], confirm=yes, open_browser=browser.open)
    browser.wait()
    (opened,) = browser.opened
    sent = parse_qs(urlsplit(opened).query)
    assert sorted(sent) == ["client_id", "request_uri"]
    assert sent["request_uri"][0].startswith("urn:ietf:params:oauth:request_uri:")
    for secret_or_detail in ("code_challenge", "authorization_details", "issuer_state"):
        assert secret_or_detail not in opened


def test_a_pushed_answer_without_a_request_uri_adds_nothing_and_opens_nothing(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(
        issuer="pusher", grant="authorization_code", par_without_request_uri=True
    )
    browser = Browser()
    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=yes, open_browser=browser.open)
    assert str(caught.value) == (
        "the issuer's answer to the sign-in request holds no usable request_uri; nothing was added"
    )
    assert browser.opened == []
    seen = issuer_server.seen(made["id"])
    assert seen["pushed_requests"] == 1 and seen["token_requests"] == 0
    assert wallet.credentials.summaries() == []
