"""Reading a verifier's link (OpenID4VP) offline: what a stranger can put in it is bounded and
any problem is one sentence naming it; nothing is fetched for a link given by value."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest

from wallet.respond import RespondError, dcql
from wallet.respond.request import read_request

ANSWER = "https://verifier.example/answer"
QUERY = {"credentials": [{"id": "pid", "format": "dc+sd-jwt", "meta": {"vct_values": ["v"]}}]}


def _link(**changes: Any) -> str:
    params: dict[str, Any] = {
        "client_id": f"redirect_uri:{ANSWER}",
        "response_type": "vp_token",
        "response_mode": "direct_post",
        "response_uri": ANSWER,
        "nonce": "n-1",
        "dcql_query": json.dumps(QUERY),
    }
    params.update(changes)
    return "openid4vp://?" + urlencode({k: v for k, v in params.items() if v is not None})


def test_a_redirect_uri_request_by_value_is_read() -> None:
    request = read_request(_link(client_metadata=json.dumps({"client_name": "Example HR"})))
    assert request.verifier.prefix == "redirect_uri" and request.verifier.host == "verifier.example"
    assert request.verifier.name == "Example HR" and request.query.credentials[0].id == "pid"


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        (  # found by the fuzz harness: urlsplit raised ValueError on a bad IPv6 address
            {"response_uri": "http://[::1", "client_id": "redirect_uri:http://[::1"},
            "the verifier's request does not say where to answer (response_uri)",
        ),
        ({"nonce": None}, "the verifier's request has no nonce"),
        (
            {"response_mode": "fragment"},
            "the verifier wants its answer by fragment, which this wallet does not send",
        ),
        (
            {"client_id": "https://verifier.example"},
            "the verifier names itself as "
            "https://verifier.example, in a way this wallet cannot check; nothing was sent",
        ),
        (
            {"client_id": "x509_hash:abc"},
            "the verifier's request is not signed, as its name requires; nothing was sent",
        ),
        ({"dcql_query": "{"}, None),
    ],
)
def test_a_bad_request_is_one_sentence(changes: dict[str, Any], sentence: str | None) -> None:
    with pytest.raises(RespondError) as caught:
        read_request(_link(**changes))
    if sentence is not None:
        assert str(caught.value) == sentence
    else:
        assert str(caught.value).startswith("the verifier's dcql_query is not valid JSON")


@pytest.mark.parametrize(
    "query",
    [
        {"credentials": [{"id": f"q{i}", "format": "ldp_vc"} for i in range(21)]},
        {"credentials": [{"id": "q", "format": "ldp_vc", "claims": [{"path": ["a"] * 17}]}]},
        {"credentials": [{"id": "q", "format": "ldp_vc"}, {"id": "q", "format": "ldp_vc"}]},
        {
            "credentials": [{"id": "q", "format": "ldp_vc"}],
            "credential_sets": [{"options": [["x"]]}],
        },
    ],
)
def test_a_query_too_big_or_inconsistent_is_refused(query: dict[str, Any]) -> None:
    with pytest.raises(RespondError, match="the verifier's query cannot be read"):
        dcql.parse_query(query)


def test_a_link_far_too_long_is_refused_before_it_is_read() -> None:
    with pytest.raises(RespondError, match="longer than 64 KiB"):
        read_request(_link(state="x" * 70_000))
