"""The ways an issuer's exchange reaches the wallet: DCC request links and interaction URLs.

Universities in the Digital Credentials Consortium hand their credentials to the Learner
Credential Wallet with a deep link (`dccrequest://request?...`, `org.dcconsortium://request?...`
or `https://lcw.app/request?...`) naming the exchange (`vc_request_url`), who it is
(`issuer`), the challenge the wallet signs (`challenge`) and how it authenticates
(`auth_type`, only `bearer` exists); the same links may instead carry a `request` object whose
`protocols` say where to go. The VC-API's interaction URLs (`https://...?iuv=1`, or the same
behind `interaction:` / `web+interaction:`) name a JSON document with such a `protocols` map.
When the protocols offer OpenID4VCI, the wallet takes that (`Protocols.offer`, handled like any
credential offer); else the VC-API exchange (`Protocols.vcapi`).

Everything here is a stranger's text: sizes are bounded and every refusal names what is wrong
in one sentence. Nothing is fetched here (`vcapi.fetch_protocols` does that).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from wallet.errors import FormatError
from wallet.messages import M, Msg
from wallet.proofs.jose import load_json_bytes
from wallet.receive import ReceiveError
from wallet.receive.offer import looks_like_offer, web_address_problem

OFFER = "offer"  # an OpenID4VCI credential offer: wallet.receive.offer reads it
EXCHANGE = "exchange"  # a DCC request link or an interaction URL: read here

DCC_SCHEMES = ("dccrequest", "org.dcconsortium")
LCW_HOST = "lcw.app"
LCW_PATHS = ("/request", "/request.html", "/mobile/request")
INTERACTION_PREFIXES = ("interaction:", "web+interaction:")
BEARER = "bearer"

MAX_LINK_TEXT = 64 * 1024  # characters of a pasted, scanned or clicked link
MAX_PROTOCOLS_BYTES = 64 * 1024  # a protocols document, fetched or inside a link
MAX_QUERY_FIELDS = 32
MAX_URL = 2048
MAX_CHALLENGE = 1024
MAX_NAME = 200  # characters of the issuer's name shown to the learner
MAX_PROTOCOLS = 50


@dataclass(frozen=True)
class DccRequest:
    """A DCC credential request link: the wallet signs `challenge` with its holder key and
    sends that presentation to `request_url`, which answers with the credential."""

    request_url: str
    issuer: str | None  # the name the link gives (a stranger's text, not checked)
    challenge: str | None
    auth_type: str = BEARER


@dataclass(frozen=True)
class Interaction:
    """An interaction URL: fetching it (JSON) gives the protocols to choose from."""

    url: str


@dataclass(frozen=True)
class Protocols:
    """Where an interaction can go on: an OpenID4VCI offer link, a VC-API exchange, or both
    (the offer is preferred: `choose`)."""

    offer: str | None = None
    vcapi: str | None = None


def _refused(problem: Msg) -> ReceiveError:
    return ReceiveError(M("not an exchange link: {problem}", problem=problem))


def _lcw(scheme: str, host: str | None, path: str) -> bool:
    """The Learner Credential Wallet's own https link (its app link), which DCC issuers use."""
    return scheme == "https" and host == LCW_HOST and path.rstrip("/") in LCW_PATHS


def _query(query: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(
            query, keep_blank_values=True, strict_parsing=False, max_num_fields=MAX_QUERY_FIELDS
        )
    except ValueError:
        raise _refused(
            M("the link has more than {count} parameters", count=MAX_QUERY_FIELDS)
        ) from None


def _is_interaction(value: str) -> bool:
    lowered = value.lower()
    if lowered.startswith(INTERACTION_PREFIXES):
        return True
    if not lowered.startswith(("https://", "http://")):
        return False
    try:
        query = urlsplit(value).query
    except ValueError:
        return False
    return any(name == "iuv" for name, _ in parse_qsl(query, keep_blank_values=True))


def kind(text: str) -> str | None:
    """Cheap test for front ends: OFFER (an OpenID4VCI offer link), EXCHANGE (a DCC request
    link or an interaction URL) or None (neither; the offer reader says why)."""
    value = text.strip()
    if not value or len(value) > MAX_LINK_TEXT:
        return None
    if looks_like_offer(value):
        return OFFER
    lowered = value.lower()
    if any(lowered.startswith(f"{scheme}://") for scheme in DCC_SCHEMES):
        return EXCHANGE
    if _is_interaction(value):
        return EXCHANGE
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if _lcw(parts.scheme.lower(), parts.hostname, parts.path):
        return EXCHANGE
    return None


def _web_address(value: str, member: str) -> str:
    """An http(s) address with a host, of bounded length; `member` names it in refusals."""
    url = value.strip()
    if not url or len(url) > MAX_URL:
        raise _refused(M("{member} is missing or too long", member=member))
    problem = web_address_problem(url, member)
    if problem is not None:
        raise _refused(problem)
    return url


def parse_link(text: str) -> DccRequest | Interaction | Protocols:
    """Read a pasted, scanned or clicked exchange link. Raises ReceiveError naming what is
    wrong (an OpenID4VCI offer is not read here: `kind` tells them apart)."""
    value = text.strip()
    if not value:
        raise _refused(M("the text is empty"))
    if len(value) > MAX_LINK_TEXT:
        raise _refused(M("the text is longer than {limit} KiB", limit=MAX_LINK_TEXT // 1024))
    lowered = value.lower()
    for prefix in INTERACTION_PREFIXES:
        if lowered.startswith(prefix):
            inner = value[len(prefix) :].strip()
            if inner.lower().startswith(("https%3a", "http%3a")):
                inner = unquote(inner)  # some issuers encode the address after the scheme
            return Interaction(_web_address(inner, "the interaction address"))
    try:
        parts = urlsplit(value)
    except ValueError:
        raise _refused(M("the link is not a valid address")) from None
    scheme = parts.scheme.lower()
    if scheme in DCC_SCHEMES or _lcw(scheme, parts.hostname, parts.path):
        return _dcc(_query(parts.query))
    if scheme in ("https", "http") and any(name == "iuv" for name, _ in _query(parts.query)):
        return Interaction(_web_address(value, "the interaction address"))
    raise _refused(
        M("links starting with {scheme}:// are not exchange links", scheme=parts.scheme[:40])
        if parts.scheme
        else M("it is not a link")
    )


def _one(pairs: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in pairs if k == name]
    if len(values) > 1:
        raise _refused(M("the link carries {name} more than once", name=name))
    return values[0] if values else None


def _dcc(pairs: list[tuple[str, str]]) -> DccRequest | Protocols:
    request = _one(pairs, "request")
    if request is not None:
        return protocols_from_json(request.encode("utf-8"), "link")
    url = _one(pairs, "vc_request_url")
    if url is None:
        raise _refused(M("the link carries neither vc_request_url nor request"))
    auth_type = (_one(pairs, "auth_type") or BEARER).strip()
    if auth_type.lower() != BEARER:
        raise ReceiveError(
            M(
                "the link asks for a sign-in of the kind {auth_type}, which this wallet cannot "
                "do; nothing was sent",
                auth_type=auth_type[:40],
            )
        )
    challenge = _one(pairs, "challenge")
    if challenge is not None and not 0 < len(challenge) <= MAX_CHALLENGE:
        raise _refused(
            M("the challenge is empty or longer than {count} characters", count=MAX_CHALLENGE)
        )
    issuer = (_one(pairs, "issuer") or "").strip()
    return DccRequest(
        request_url=_web_address(url, "vc_request_url"),
        issuer=issuer[:MAX_NAME] or None,
        challenge=challenge,
        auth_type=BEARER,
    )


def protocols_from_json(data: bytes, where: str = "answer") -> Protocols:
    """The `protocols` of an interaction (VC-API "Interaction Protocols Response") or of a
    DCC link's `request` object: the OpenID4VCI offer link and the VC-API exchange address,
    whichever it names. `where` is "link" or "answer" (which one the refusals speak of)."""
    if len(data) > MAX_PROTOCOLS_BYTES:
        raise ReceiveError(
            M(
                "the exchange's list of protocols is larger than {limit} KiB",
                limit=MAX_PROTOCOLS_BYTES // 1024,
            )
        )
    try:
        value = load_json_bytes(data)
    except FormatError as e:
        raise ReceiveError(
            M("the link's request is not valid JSON ({problem})", problem=e.msg)
            if where == "link"
            else M("the exchange's list of protocols is not valid JSON ({problem})", problem=e.msg)
        ) from None
    listed = value.get("protocols") if isinstance(value, dict) else None
    if not isinstance(listed, dict) or not listed:
        raise ReceiveError(M("the exchange names no protocols to continue with"))
    offer = vcapi = None
    for name, target in list(listed.items())[:MAX_PROTOCOLS]:
        if not isinstance(target, str) or len(target) > MAX_LINK_TEXT:
            continue  # e.g. DCC's own verifiablePresentationRequest object: not a protocol
        if name.lower().startswith("oid4vci") and offer is None and looks_like_offer(target):
            offer = target.strip()
        elif name == "vcapi" and vcapi is None:
            vcapi = _protocol_address(target)
    if offer is None and vcapi is None:
        raise ReceiveError(
            M(
                "the exchange offers none of the protocols this wallet speaks "
                "(OpenID4VCI, VC-API): {names}",
                names=", ".join(_names(listed)),
            )
        )
    return Protocols(offer=offer, vcapi=vcapi)


def _names(listed: dict[str, Any]) -> list[str]:
    return [str(name)[:40] for name in list(listed)[:10]]


def _protocol_address(value: str) -> str:
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in ("https", "http")
        or not parts.hostname
        or len(url) > MAX_URL
    ):
        raise ReceiveError(M("the exchange's VC-API address is not an https address"))
    return url


def choose(protocols: Protocols) -> tuple[str, str]:
    """(OFFER, the offer link) when OpenID4VCI is offered, else (EXCHANGE, the VC-API
    exchange address): OpenID4VCI binds the credential to the wallet's key by the issuer's
    own metadata and shows the learner what is offered before anything is sent."""
    if protocols.offer is not None:
        return OFFER, protocols.offer
    assert protocols.vcapi is not None
    return EXCHANGE, protocols.vcapi
