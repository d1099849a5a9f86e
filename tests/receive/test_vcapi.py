"""Receiving through a VC-API exchange (DCC request links, interaction URLs) from a real
exchanger on 127.0.0.1: peer/exchanger.mjs, whose credentials and presentation checks are
Digital Bazaar's @digitalbazaar/vc.

What a learner would notice: the credential arrives with a verdict and issued to their own
holder DID, from a DCC deep link and from an interaction URL; a wrong challenge, a used link, a
tampered credential or one issued to someone else each give one plain sentence and leave the
wallet as it was; when the exchange asks to see their credentials, nothing is sent without a
yes; an interaction that offers OpenID4VCI is received as that offer.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.receive.conftest import IssuerServer
from tests.receive.support import ROOT, Harness, holder_did, listed, node_harness, run_cli
from wallet import cli
from wallet.actions.exchanging import Asked, receive_exchange
from wallet.actions.receiving import Offered
from wallet.importer import FAILED, IMPORTED
from wallet.receive import ReceiveError, links, vcapi
from wallet.sources import Answer
from wallet.store import WalletStore

PEER = ROOT / "peer"
SETUP_HINT = "run `npm ci --prefix peer` (Node 20+), or scripts/setup.sh test"


class Exchanger(Harness):
    """The running exchanger: make exchanges, read what the wallet sent."""

    def exchange(
        self,
        *,
        mode: str = "didauth",
        tamper: str | None = None,
        oid4vci: str | None = None,
    ) -> dict[str, Any]:
        """{id, exchange, challenge, dcc_link, lcw_link, interaction, issuer_did}"""
        return dict(
            self._call("/test/exchanges", {"mode": mode, "tamper": tamper, "oid4vci": oid4vci})
        )

    def seen(self, exchange_id: str) -> dict[str, Any]:
        """{posts, protocol_fetches, issued, refused}"""
        return dict(self._call(f"/test/exchanges/{exchange_id}"))


@pytest.fixture(scope="module")
def exchanger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exchanger]:
    with node_harness(
        PEER / "exchanger.mjs",
        "@digitalbazaar/vc",
        name="the exchanger",
        setup=SETUP_HINT,
        errors=tmp_path_factory.mktemp("exchanger") / "stderr.txt",
    ) as port:
        yield Exchanger(port)


def yes(asked: Offered | Asked) -> bool:
    return True


def _with_challenge(link: str, challenge: str) -> str:
    head, _, query = link.partition("?")
    pairs = urllib.parse.parse_qsl(query)
    return (
        head
        + "?"
        + urllib.parse.urlencode([(k, challenge if k == "challenge" else v) for k, v in pairs])
    )


# --- the whole way through the command line ---------------------------------------------


@pytest.mark.parametrize("scheme", ["dccrequest", "org.dcconsortium", "lcw.app"])
def test_cli_receives_through_a_dcc_deep_link_issued_to_the_holder_did(
    exchanger: Exchanger, cli_wallet: Path, scheme: str
) -> None:
    made = exchanger.exchange()
    link = {
        "dccrequest": made["dcc_link"],
        "org.dcconsortium": made["dcc_link"].replace("dccrequest://", "org.dcconsortium://"),
        "lcw.app": made["lcw_link"],
    }[scheme]
    code, out = run_cli(cli_wallet, "receive", link, "--yes")
    assert code == cli.EXIT_OK, out
    assert "Issuer: Harbour Test University, at 127.0.0.1" in out
    rows = listed(cli_wallet)
    assert [(r["title"], r["verdict"]) for r in rows] == [("Exchange Test Badge", "warning")]
    _, shown = run_cli(cli_wallet, "show", rows[0]["id"], "--json")
    record = json.loads(shown)
    holder = holder_did(cli_wallet)
    assert holder is not None and holder.startswith("did:key:z6Mk")
    assert record["subject_id"] == holder
    assert record["issuer"]["id"] == made["issuer_did"]
    # A DCC link opens with the holder's presentation, signed over the link's challenge.
    (sent,) = exchanger.seen(made["id"])["posts"]
    assert sent["holder"] == holder and "verifiableCredential" not in sent
    assert sent["proof"]["challenge"] == made["challenge"]
    assert sent["proof"]["proofPurpose"] == "authentication"


@pytest.mark.parametrize("prefix", ["", "interaction:"])
def test_cli_receives_through_an_interaction_url(
    exchanger: Exchanger, cli_wallet: Path, prefix: str
) -> None:
    made = exchanger.exchange()
    code, out = run_cli(cli_wallet, "receive", prefix + made["interaction"], "--yes")
    assert code == cli.EXIT_OK, out
    rows = listed(cli_wallet)
    assert [r["verdict"] for r in rows] == ["warning"]
    _, shown = run_cli(cli_wallet, "show", rows[0]["id"], "--json")
    assert json.loads(shown)["subject_id"] == holder_did(cli_wallet)
    seen = exchanger.seen(made["id"])
    assert seen["protocol_fetches"] == 1 and seen["issued"] == 1
    opening, answer = seen["posts"]
    assert opening == {}
    proof = answer["verifiablePresentation"]["proof"]
    assert proof["challenge"] == made["challenge"]
    assert proof["domain"] == exchanger.base


def test_a_wrong_challenge_is_one_sentence_and_changes_nothing(
    exchanger: Exchanger, cli_wallet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = exchanger.exchange()
    link = _with_challenge(made["dcc_link"], "not-the-challenge-it-issued")
    code, _ = run_cli(cli_wallet, "receive", link, "--yes")
    assert code == cli.EXIT_ERROR
    assert capsys.readouterr().err.strip().splitlines() == [
        "learner-wallet: the exchange at 127.0.0.1 did not accept the wallet's signed answer "
        "(401): the link may have expired or been used already; nothing was added"
    ]
    seen = exchanger.seen(made["id"])
    assert seen["issued"] == 0 and "challenge" in seen["refused"][0]
    assert listed(cli_wallet) == []


def test_a_used_link_is_refused_and_the_wallet_keeps_what_it_had(
    exchanger: Exchanger, cli_wallet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = exchanger.exchange()
    assert run_cli(cli_wallet, "receive", made["dcc_link"], "--yes")[0] == cli.EXIT_OK
    before = listed(cli_wallet)
    code, _ = run_cli(cli_wallet, "receive", made["dcc_link"], "--yes")
    assert code == cli.EXIT_ERROR
    assert "does not know this request: it may have expired or been used already" in (
        capsys.readouterr().err
    )
    assert listed(cli_wallet) == before


def test_without_a_terminal_or_yes_nothing_is_sent(exchanger: Exchanger, cli_wallet: Path) -> None:
    made = exchanger.exchange()
    code, out = run_cli(cli_wallet, "receive", made["interaction"])
    assert code == cli.EXIT_ITEM_FAILED
    assert "nothing was sent to the issuer" in out
    assert exchanger.seen(made["id"])["posts"] == []
    assert holder_did(cli_wallet) is None  # not even a holder key was made


def test_an_interaction_offering_oid4vci_is_received_as_that_offer(
    exchanger: Exchanger, issuer_server: IssuerServer, cli_wallet: Path
) -> None:
    offer = issuer_server.offer()
    made = exchanger.exchange(oid4vci=offer["offer"])
    code, out = run_cli(cli_wallet, "receive", made["interaction"], "--yes")
    assert code == cli.EXIT_OK, out
    assert "offers: Data Analysis micro-credential" in out
    seen = exchanger.seen(made["id"])
    assert seen["protocol_fetches"] == 1 and seen["posts"] == []
    assert issuer_server.seen(offer["id"])["issued"] == 1
    rows = listed(cli_wallet)
    assert [(r["title"], r["verdict"]) for r in rows] == [
        ("Data Analysis micro-credential", "warning")
    ]


# --- the use case -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tamper", "sentence"),
    [
        (
            "signature",
            "the signature on this credential does not check out; not added",
        ),
        (
            "subject",
            "the issuer bound this credential to another key than the wallet's; not added",
        ),
    ],
)
def test_a_tampered_or_misissued_credential_is_kept_out(
    exchanger: Exchanger, wallet: WalletStore, tamper: str, sentence: str
) -> None:
    made = exchanger.exchange(tamper=tamper)
    result = receive_exchange(wallet, made["interaction"], confirm=yes)
    assert [(r.status, r.message) for r in result] == [(FAILED, sentence)]
    assert exchanger.seen(made["id"])["issued"] == 1
    assert wallet.credentials.summaries() == [] and not result.changes


def test_the_learner_sees_where_the_exchange_goes_and_a_no_sends_nothing(
    exchanger: Exchanger, wallet: WalletStore
) -> None:
    made = exchanger.exchange()
    asked: list[Offered | Asked] = []

    def no(question: Offered | Asked) -> bool:
        asked.append(question)
        return False

    result = receive_exchange(wallet, made["dcc_link"], confirm=no)
    assert result.declined and not result.changes
    (offered,) = asked
    assert isinstance(offered, Offered)
    assert (offered.name, offered.host, offered.trusted) == (
        "Harbour Test University",
        "127.0.0.1",
        False,
    )
    assert exchanger.seen(made["id"])["posts"] == []
    wallet.trust.add(exchanger.base, "Harbour Test University")
    receive_exchange(wallet, made["dcc_link"], confirm=no)
    assert isinstance(asked[-1], Offered) and asked[-1].trusted is True


def _badge_first(exchanger: Exchanger, wallet: WalletStore) -> str:
    first = receive_exchange(wallet, exchanger.exchange()["interaction"], confirm=yes)
    assert [r.status for r in first] == [IMPORTED]
    assert first.results[0].id is not None
    return first.results[0].id


def test_a_declined_query_by_example_sends_nothing(
    exchanger: Exchanger, wallet: WalletStore
) -> None:
    badge = _badge_first(exchanger, wallet)
    made = exchanger.exchange(mode="qbe")
    shown: list[Asked] = []

    def only_the_exchange(question: Offered | Asked) -> bool:
        if isinstance(question, Asked):
            shown.append(question)
            return False
        return True

    result = receive_exchange(wallet, made["interaction"], confirm=only_the_exchange)
    assert result.declined and not result.changes
    (asked,) = shown
    assert asked.host == "127.0.0.1"
    assert asked.reasons == ("Please show the badge you earned in the first module.",)
    assert asked.credentials == ("Exchange Test Badge",)
    assert exchanger.seen(made["id"])["posts"] == [{}]  # the opening only: nothing shown
    assert [s.id for s in wallet.credentials.summaries()] == [badge]


def test_cli_yes_does_not_cover_showing_credentials(exchanger: Exchanger, cli_wallet: Path) -> None:
    assert (
        run_cli(cli_wallet, "receive", exchanger.exchange()["dcc_link"], "--yes")[0] == cli.EXIT_OK
    )
    made = exchanger.exchange(mode="qbe")
    code, out = run_cli(cli_wallet, "receive", made["interaction"], "--yes")
    assert code == cli.EXIT_ITEM_FAILED
    assert "The exchange at 127.0.0.1 asks to see your credentials:" in out
    assert "would share: Exchange Test Badge" in out
    assert "not shared: nobody to ask here; run this in a terminal to decide" in out
    assert exchanger.seen(made["id"])["posts"] == [{}]
    assert len(listed(cli_wallet)) == 1


def test_a_query_by_example_answered_with_consent_shows_the_badge(
    exchanger: Exchanger, wallet: WalletStore
) -> None:
    _badge_first(exchanger, wallet)
    made = exchanger.exchange(mode="qbe")
    result = receive_exchange(wallet, made["interaction"], confirm=yes)
    assert [(r.status, r.verdict) for r in result] == [(IMPORTED, "warning")]
    posts = exchanger.seen(made["id"])["posts"]
    (credential,) = posts[1]["verifiablePresentation"]["verifiableCredential"]
    assert credential["name"] == "Exchange Test Badge"
    assert len(wallet.credentials.summaries()) == 2


def test_a_query_for_a_credential_the_wallet_lacks_sends_nothing(
    exchanger: Exchanger, wallet: WalletStore
) -> None:
    made = exchanger.exchange(mode="qbe")
    with pytest.raises(ReceiveError) as caught:
        receive_exchange(wallet, made["interaction"], confirm=yes)
    assert str(caught.value) == (
        "the exchange at 127.0.0.1 asks to see a credential of a kind the wallet does not "
        "hold (OpenBadgeCredential); nothing was sent"
    )
    assert exchanger.seen(made["id"])["posts"] == [{}]


# --- reading links (no network) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("dccrequest://request?issuer=x&vc_request_url=https%3A%2F%2Fa.example%2Fx", "exchange"),
        ("org.dcconsortium://request?vc_request_url=https%3A%2F%2Fa.example", "exchange"),
        (
            "https://lcw.app/request.html?issuer=x&vc_request_url=https%3A%2F%2Fa.example",
            "exchange",
        ),
        ("https://issuer.example/interactions/z8n38?iuv=1", "exchange"),
        ("interaction:https://issuer.example/interactions/z8n38?iuv=1", "exchange"),
        ("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.example%2Fo", "offer"),
        ("https://issuer.example/badge.json", None),
        ("hello", None),
    ],
)
def test_the_kind_of_a_link_picks_the_path(text: str, kind: str | None) -> None:
    assert links.kind(text) == kind


def test_a_dcc_link_is_read_and_an_encoded_interaction_address_too() -> None:
    read = links.parse_link(
        "dccrequest://request?issuer=Harbour%20U&auth_type=bearer&challenge=abc"
        "&vc_request_url=https%3A%2F%2Fissuer.example%2Fexchanges%2F1"
    )
    assert read == links.DccRequest("https://issuer.example/exchanges/1", "Harbour U", "abc")
    inner = links.parse_link("interaction:https%3A%2F%2Fissuer.example%2Fi%2F1%3Fiuv%3D1")
    assert inner == links.Interaction("https://issuer.example/i/1?iuv=1")


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "dccrequest://request?issuer=x",
            "not an exchange link: the link carries neither vc_request_url nor request",
        ),
        (
            "dccrequest://request?vc_request_url=ftp%3A%2F%2Fa.example%2Fx",
            "not an exchange link: vc_request_url is not an https address",
        ),
        (
            "dccrequest://request?auth_type=code&vc_request_url=https%3A%2F%2Fa.example",
            "the link asks for a sign-in of the kind code, which this wallet cannot do; "
            "nothing was sent",
        ),
        (
            "dccrequest://request?" + "&".join(f"p{i}=1" for i in range(40)),
            "not an exchange link: the link has more than 32 parameters",
        ),
        (
            "dccrequest://request?request=%7B%22protocols%22%3A%7B%22didcomm%22%3A%22x%22%7D%7D",
            "the exchange offers none of the protocols this wallet speaks (OpenID4VCI, VC-API): "
            "didcomm",
        ),
        ("interaction:", "not an exchange link: the interaction address is missing or too long"),
    ],
)
def test_a_bad_link_is_refused_naming_what_is_wrong(text: str, sentence: str) -> None:
    with pytest.raises(ReceiveError) as caught:
        links.parse_link(text)
    assert str(caught.value) == sentence


def test_a_link_whose_protocols_offer_oid4vci_chooses_it() -> None:
    request = json.dumps(
        {
            "protocols": {
                "vcapi": "https://issuer.example/exchanges/1",
                "OID4VCI": "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.b%2Fo",
            }
        }
    )
    read = links.parse_link("https://lcw.app/request?request=" + urllib.parse.quote(request))
    assert isinstance(read, links.Protocols)
    assert links.choose(read) == (
        links.OFFER,
        "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.b%2Fo",
    )
    assert links.choose(links.Protocols(vcapi="https://issuer.example/x")) == (
        links.EXCHANGE,
        "https://issuer.example/x",
    )


# --- a hostile exchange (no network: the answers are given) --------------------------------


def _request(**extra: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "query": [{"type": "DIDAuthentication"}],
        "challenge": "c-1",
        "domain": "issuer.example",
    }
    request.update(extra)
    return {"verifiablePresentationRequest": request}


def _answers(*bodies: dict[str, Any]) -> tuple[list[Any], Any]:
    sent: list[Any] = []
    queue = list(bodies)

    def post(url: str, *, json_body: Any, max_bytes: int) -> Answer:
        sent.append((url, json_body))
        return Answer(200, "application/json", json.dumps(queue.pop(0)).encode())

    return sent, post


def test_an_exchange_may_not_send_the_answer_to_another_origin() -> None:
    sent, post = _answers(
        _request(
            interact={
                "service": [
                    {
                        "type": "VerifiableCredentialApiExchangeService",
                        "serviceEndpoint": "https://elsewhere.example/collect",
                    }
                ]
            }
        )
    )
    with pytest.raises(ReceiveError) as caught:
        vcapi.run("https://issuer.example/exchanges/1", lambda r: {"signed": True}, post=post)
    assert str(caught.value) == (
        "the exchange at issuer.example wants the wallet's answer sent to another address "
        "(https://elsewhere.example/collect); nothing more was sent"
    )
    assert [body for _, body in sent] == [{}]


def test_an_exchange_that_keeps_asking_is_stopped() -> None:
    sent, post = _answers(*[_request() for _ in range(vcapi.MAX_ROUNDS + 1)])
    with pytest.raises(ReceiveError, match="kept asking for more after 6 answers"):
        vcapi.run("https://issuer.example/exchanges/1", lambda r: {"signed": True}, post=post)
    assert len(sent) == vcapi.MAX_ROUNDS


def test_a_request_for_another_kind_of_key_is_refused_before_signing() -> None:
    signed: list[vcapi.Request] = []
    _, post = _answers(
        _request(query={"type": "DIDAuthentication", "acceptedMethods": [{"method": "web"}]})
    )
    with pytest.raises(ReceiveError, match="does not accept the wallet's kind of key"):
        vcapi.run("https://issuer.example/exchanges/1", lambda r: signed.append(r) or {}, post=post)
    assert signed == []
