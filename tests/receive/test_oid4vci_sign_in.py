"""Receiving from an issuer that needs a sign-in (OpenID4VCI 1.0 authorization code flow with
PKCE, RFC 8252 loopback redirect), against oid4vc-ts behind peer/issuers/ on 127.0.0.1.

What a learner would notice: after their yes, the issuer's sign-in page opens in their browser;
once they sign in there the browser says they can go back, and the credential is in the
wallet, bound to their key. Cancelling there, a forged or mixed-up answer, or never coming back
each give one plain sentence and add nothing.
"""

from __future__ import annotations

import json
import socket
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests.receive.conftest import IssuerServer
from tests.receive.support import Browser, holder_did, listed, run_cli, shown, yes
from wallet import cli
from wallet.actions.receiving import Offered, receive
from wallet.importer import IMPORTED
from wallet.receive import ReceiveError, oid4vci
from wallet.store import WalletStore


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def refused(port: int) -> bool:
    """Whether nothing listens on 127.0.0.1:port any more."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


def test_sign_in_in_the_browser_brings_the_credential_bound_to_the_holder_key(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(grant="authorization_code", by="reference")
    browser = Browser()
    asked: list[Offered] = []

    def confirm(offered: Offered) -> bool:
        asked.append(offered)
        assert browser.opened == []  # nothing opened before the yes
        return True

    result = receive(wallet, made["offer"], confirm=confirm, open_browser=browser.open)
    browser.wait()
    assert [(r.status, r.verdict) for r in result] == [(IMPORTED, "warning")]
    assert asked[0].sign_in is True and asked[0].tx_code is None
    # The browser came back to the wallet's own page, which says so in plain words.
    assert "You are signed in. You can close this page" in browser.page
    # RFC 8252: a loopback redirect on 127.0.0.1, closed once its one answer came.
    (opened,) = browser.opened
    sent = query_of(opened)
    redirect = urlsplit(sent["redirect_uri"])
    assert (redirect.scheme, redirect.hostname, redirect.path) == ("http", "127.0.0.1", "/callback")
    assert refused(int(redirect.port or 0))
    seen = issuer_server.seen(made["id"])
    (request,) = seen["authorization_requests"]
    assert request["code_challenge_method"] == "S256"
    assert request["via"] == "authorization_details"
    assert request["configurations"] == ["degree_jwt"]
    assert "issuer_state" in sent and "code_verifier" not in sent  # the verifier stays home
    assert seen["token_grants"] == ["authorization_code"]
    # The token answer named the credential: the request used that identifier (1.0 section 8.2).
    assert seen["credential_requests_by"] == ["credential_identifier"]
    record = wallet.credentials.get(result.results[0].id or "")
    assert record.credential.subject_id == wallet.keys.default()
    assert result.changes.added == (result.results[0].id,)


def test_a_server_that_knows_only_scopes_is_asked_by_scope(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(
        issuer="portal", grant="authorization_code", configurations=["degree_jwt", "degree_sd_jwt"]
    )
    browser = Browser()
    result = receive(wallet, made["offer"], confirm=yes, open_browser=browser.open)
    browser.wait()
    assert [r.status for r in result] == [IMPORTED, IMPORTED]
    seen = issuer_server.seen(made["id"])
    (request,) = seen["authorization_requests"]
    assert request["via"] == "scope"
    assert request["configurations"] == ["degree_jwt", "degree_sd_jwt"]
    assert seen["credential_requests_by"] == ["credential_configuration_id"] * 2


def test_cli_receive_opens_the_system_browser_for_a_sign_in(
    issuer_server: IssuerServer, cli_wallet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    browser = Browser()
    monkeypatch.setattr(webbrowser, "open", browser.open)
    made = issuer_server.offer(grant="authorization_code")
    code, out = run_cli(cli_wallet, "receive", made["offer"], "--yes")
    browser.wait()
    assert code == cli.EXIT_OK, out
    assert "sign in at the issuer in your browser" in out.lower()
    rows = listed(cli_wallet)
    assert [r["verdict"] for r in rows] == ["warning"]
    assert shown(cli_wallet, rows[0]["id"])["subject_id"] == holder_did(cli_wallet)


def test_cancelling_at_the_sign_in_page_adds_nothing(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(grant="authorization_code")
    browser = Browser(decision="deny")
    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=yes, open_browser=browser.open)
    browser.wait()
    assert str(caught.value) == (
        "the sign-in at the issuer was cancelled or refused; nothing was added"
    )
    assert "The sign-in did not finish" in browser.page
    assert issuer_server.seen(made["id"])["token_requests"] == 0
    assert wallet.credentials.summaries() == [] and wallet.keys.default() is None


def test_an_answer_naming_another_server_is_refused(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(grant="authorization_code", mixup=True)
    browser = Browser()
    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=yes, open_browser=browser.open)
    browser.wait()
    assert str(caught.value) == (
        "the sign-in answer came from another server than the issuer's; nothing was added"
    )
    assert issuer_server.seen(made["id"])["token_requests"] == 0  # the code was not spent
    assert wallet.credentials.summaries() == []


def test_a_forged_answer_with_another_state_is_refused_and_ends_the_wait(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(grant="authorization_code")
    forger = Browser()

    def forge(url: str) -> bool:  # another page sends the browser to the listener first
        back = query_of(url)["redirect_uri"]
        threading.Thread(
            target=forger.visit, args=(f"{back}?code=stolen&state=guessed",), daemon=True
        ).start()
        return True

    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=yes, open_browser=forge)
    assert str(caught.value) == (
        "the answer from the sign-in page does not belong to this sign-in; nothing was added"
    )
    assert issuer_server.seen(made["id"])["token_requests"] == 0
    assert wallet.credentials.summaries() == []


def test_the_wait_for_the_browser_is_bounded_and_can_be_cancelled(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    opened: list[str] = []

    def nobody_signs_in(url: str) -> bool:
        opened.append(url)
        return True

    made = issuer_server.offer(grant="authorization_code")
    with pytest.raises(ReceiveError) as caught:
        receive(
            wallet, made["offer"], confirm=yes, open_browser=nobody_signs_in, sign_in_timeout=0.3
        )
    assert str(caught.value) == (
        "the sign-in at the issuer did not finish within a minute; nothing was added"
    )
    with pytest.raises(ReceiveError) as caught:
        receive(
            wallet,
            made["offer"],
            confirm=yes,
            open_browser=nobody_signs_in,
            cancelled=lambda: len(opened) == 2,
        )
    assert str(caught.value) == "the sign-in was cancelled; nothing was added"
    # Each listener is gone: the sign-in page's redirect finds nobody.
    for url in opened:
        assert refused(int(urlsplit(query_of(url)["redirect_uri"]).port or 0))
    assert wallet.credentials.summaries() == []


def test_without_a_browser_or_a_yes_nothing_is_opened_or_sent(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(grant="authorization_code")
    with pytest.raises(ReceiveError) as caught:
        receive(wallet, made["offer"], confirm=yes)
    assert str(caught.value) == (
        "this offer needs a sign-in at the issuer in a web browser, which cannot be opened "
        "here; nothing was sent"
    )
    browser = Browser()
    result = receive(wallet, made["offer"], confirm=lambda o: False, open_browser=browser.open)
    assert result.declined and browser.opened == []
    assert issuer_server.seen(made["id"])["authorization_requests"] == []


def test_the_loopback_listener_answers_only_its_callback_and_only_once(
    issuer_server: IssuerServer, wallet: WalletStore
) -> None:
    made = issuer_server.offer(grant="authorization_code")
    browser = Browser()
    extra: dict[str, int] = {}

    def open_and_probe(url: str) -> bool:
        back = urlsplit(query_of(url)["redirect_uri"])
        try:
            urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
                f"http://127.0.0.1:{back.port}/elsewhere", timeout=5
            )
        except urllib.error.HTTPError as e:
            extra["elsewhere"] = e.code
        return browser.open(url)

    result = receive(wallet, made["offer"], confirm=yes, open_browser=open_and_probe)
    browser.wait()
    assert extra == {"elsewhere": 404}  # another path: nothing there, and the wait goes on
    assert [r.status for r in result] == [IMPORTED]


# --- sign-in servers the wallet will not use (metadata only, nothing fetched) -------------

ISSUER = "https://issuer.example"


@pytest.mark.parametrize(
    ("server", "sentence"),
    [
        (
            {"authorization_endpoint": "javascript:alert(1)"},
            "the issuer's sign-in page is not an https address; nothing was sent",
        ),
        (
            {
                "authorization_endpoint": f"{ISSUER}/authorize",
                "code_challenge_methods_supported": ["plain"],
            },
            "the issuer's sign-in does not support PKCE with S256, which this wallet requires; "
            "nothing was sent",
        ),
        (
            {
                "authorization_endpoint": f"{ISSUER}/authorize",
                "require_pushed_authorization_requests": True,
            },
            "the issuer's sign-in requires pushed authorization requests but names no place to "
            "send them; nothing was sent",
        ),
        ({}, "the issuer offers a sign-in but names no place to sign in; nothing was sent"),
    ],
)
def test_a_sign_in_the_wallet_cannot_do_safely_is_refused_before_the_learner_is_asked(
    wallet: WalletStore,
    monkeypatch: pytest.MonkeyPatch,
    server: dict[str, object],
    sentence: str,
) -> None:
    documents = {
        "https://issuer.example/.well-known/openid-credential-issuer": {
            "credential_issuer": ISSUER,
            "credential_endpoint": f"{ISSUER}/credential",
            "credential_configurations_supported": {"c": {"format": "jwt_vc_json"}},
        },
        "https://issuer.example/.well-known/oauth-authorization-server": {
            "issuer": ISSUER,
            "token_endpoint": f"{ISSUER}/token",
            **server,
        },
    }
    monkeypatch.setattr(oid4vci, "fetch_url", lambda url, **kw: json.dumps(documents[url]).encode())
    offer = json.dumps(
        {"credential_issuer": ISSUER, "credential_configuration_ids": ["c"], "grants": {}}
    )
    asked: list[Offered] = []
    browser = Browser()
    with pytest.raises(ReceiveError) as caught:
        receive(
            wallet,
            f"openid-credential-offer://?credential_offer={quote(offer)}",
            confirm=lambda o: asked.append(o) is None,
            open_browser=browser.open,
        )
    assert str(caught.value) == sentence
    assert asked == [] and browser.opened == []
