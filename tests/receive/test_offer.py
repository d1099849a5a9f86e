"""Reading credential offers as a learner pastes, scans or clicks them: what is accepted, and
that anything else is refused with a sentence naming what is wrong (nothing is fetched)."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from wallet.receive import ReceiveError
from wallet.receive.offer import (
    MAX_OFFER_TEXT,
    PRE_AUTHORIZED_GRANT,
    TxCode,
    looks_like_offer,
    parse_offer_link,
)

ISSUER = "https://issuer.university.example"


def offer_json(**changes: object) -> dict[str, object]:
    offer: dict[str, object] = {
        "credential_issuer": ISSUER,
        "credential_configuration_ids": ["degree_jwt"],
        "grants": {
            PRE_AUTHORIZED_GRANT: {
                "pre-authorized_code": "SplxlOBeZQQYbYS6WxSbIA",
                "tx_code": {"input_mode": "numeric", "length": 6, "description": "From e-mail"},
            }
        },
    }
    offer.update(changes)
    return offer


def link(value: object, scheme: str = "openid-credential-offer://") -> str:
    return f"{scheme}?credential_offer={quote(json.dumps(value))}"


def refused(text: str) -> str:
    with pytest.raises(ReceiveError) as caught:
        parse_offer_link(text)
    return str(caught.value)


def test_offer_by_value_is_read_with_its_tx_code() -> None:
    found = parse_offer_link(link(offer_json()))
    assert found.offer_uri is None and found.offer is not None
    offer = found.offer
    assert offer.credential_issuer == ISSUER
    assert offer.configuration_ids == ("degree_jwt",)
    assert offer.pre_authorized_code == "SplxlOBeZQQYbYS6WxSbIA"
    assert offer.tx_code == TxCode("numeric", 6, "From e-mail")
    assert "SplxlOBeZQQYbYS6WxSbIA" not in repr(offer)  # a secret stays out of logs


def test_offer_by_reference_and_https_universal_links() -> None:
    uri = "https://issuer.university.example/offers/42"
    assert parse_offer_link(f"openid-credential-offer://?credential_offer_uri={quote(uri)}") == (
        parse_offer_link(f"https://wallet.example/get?credential_offer_uri={quote(uri)}")
    )
    assert (
        parse_offer_link(f"  openid-credential-offer://?credential_offer_uri={uri}\n").offer_uri
        == uri
    )
    assert looks_like_offer(link(offer_json(), "https://wallet.example/"))
    assert not looks_like_offer("https://university.example/badge.json")


def test_draft_11_offer_names_are_read() -> None:
    old = {
        "credential_issuer": ISSUER,
        "credentials": ["UniversityDegree"],
        "grants": {PRE_AUTHORIZED_GRANT: {"pre-authorized_code": "abc", "user_pin_required": True}},
    }
    offer = parse_offer_link(link(old)).offer
    assert offer is not None
    assert offer.configuration_ids == ("UniversityDegree",)
    assert offer.tx_code == TxCode()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "the text is empty"),
        ("https://university.example/badge", "neither credential_offer nor credential_offer_uri"),
        ("ftp://x/?credential_offer=%7B%7D", "links starting with ftp:// are not offers"),
        (
            "openid-credential-offer://?credential_offer=%7B%7D&credential_offer_uri=https://a.example/",
            "more than one of credential_offer and credential_offer_uri",
        ),
        (
            "openid-credential-offer://?credential_offer_uri=file:///etc/passwd",
            "credential_offer_uri is not an https address",
        ),
        ("openid-credential-offer://?credential_offer=%7Bnot-json", "the offer is not valid JSON"),
        ("openid-credential-offer://?credential_offer=%5B%5D", "the offer is not a JSON object"),
        ("x" * (MAX_OFFER_TEXT + 1), "the text is longer than 64 KiB"),
    ],
)
def test_not_an_offer_says_why(text: str, problem: str) -> None:
    message = refused(text)
    assert message.startswith("not a credential offer: ")
    assert problem in message


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"credential_issuer": "javascript:alert(1)"}, "credential_issuer is not an https address"),
        ({"credential_issuer": f"{ISSUER}?x=1"}, "credential_issuer must not have a query"),
        ({"credential_configuration_ids": []}, "credential_configuration_ids is missing or empty"),
        ({"credential_configuration_ids": [{"format": "x"}]}, "not a short string"),
        ({"credential_configuration_ids": [str(i) for i in range(21)]}, "more than 20 credentials"),
        ({"grants": []}, "grants is not an object"),
        (
            {
                "grants": {
                    PRE_AUTHORIZED_GRANT: {
                        "pre-authorized_code": "c",
                        "tx_code": {"input_mode": "x"},
                    }
                }
            },
            "input_mode is neither numeric nor text",
        ),
        (
            {"grants": {PRE_AUTHORIZED_GRANT: {"pre-authorized_code": "c" * 5000}}},
            "the pre-authorized code is missing or too long",
        ),
    ],
)
def test_a_malformed_offer_names_the_member(changes: dict[str, object], problem: str) -> None:
    assert problem in refused(link(offer_json(**changes)))


def test_a_query_flood_is_refused() -> None:
    flood = "&".join(f"p{i}=1" for i in range(100))
    assert "more than 32 parameters" in refused(f"openid-credential-offer://?{flood}")
