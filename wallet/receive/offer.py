"""Credential offers (OpenID4VCI 1.0 section 4.1): what an issuer's "Add to wallet" link holds.

An offer arrives as `openid-credential-offer://?credential_offer=<JSON>` (by value) or
`...?credential_offer_uri=<https URL>` (by reference), in a link, a QR code or pasted text; an
https link whose query carries either parameter (a "universal link") is read the same way.
Draft 13 offers have the same shape; Draft 11's `credentials` and `user_pin_required` are read
too. Everything here is a stranger's text: sizes are bounded and every refusal names what is
wrong in one sentence. Nothing is fetched here (`oid4vci.fetch_offer` does that).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from wallet.errors import FormatError
from wallet.messages import M, Msg
from wallet.proofs.jose import load_json_bytes
from wallet.receive import ReceiveError

OFFER_SCHEME = "openid-credential-offer"
PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
AUTHORIZATION_CODE_GRANT = "authorization_code"

MAX_OFFER_TEXT = 64 * 1024  # characters of a pasted or scanned link (a QR code holds < 3 KB)
MAX_OFFER_BYTES = 64 * 1024  # an offer fetched by reference
MAX_QUERY_FIELDS = 32
MAX_CONFIGURATIONS = 20  # credentials one offer may ask us to fetch
MAX_ID = 256  # characters of a configuration id
MAX_CODE = 4096  # characters of a pre-authorized code
MAX_DESCRIPTION = 300  # the spec's own limit for a transaction code's description


@dataclass(frozen=True)
class TxCode:
    """The transaction code the learner must type (sent to them apart from the offer)."""

    input_mode: str = "numeric"  # "numeric" or "text"
    length: int | None = None
    description: str | None = None


@dataclass(frozen=True)
class Offer:
    """A checked credential offer. The pre-authorized code is a secret: kept out of repr."""

    credential_issuer: str
    configuration_ids: tuple[str, ...]
    pre_authorized_code: str | None = field(default=None, repr=False)
    tx_code: TxCode | None = None
    authorization_server: str | None = None  # the pre-authorized grant's, if it names one
    authorization_code: bool = False  # the offer also (or only) allows a sign-in flow
    issuer_state: str | None = field(default=None, repr=False)  # the sign-in grant's, if any
    sign_in_server: str | None = None  # the sign-in grant's authorization server, if it names one


@dataclass(frozen=True)
class OfferLink:
    """What a link holds: the offer itself, or the address to fetch it from."""

    offer: Offer | None = None
    offer_uri: str | None = None


def _refused(problem: Msg) -> ReceiveError:
    return ReceiveError(M("not a credential offer: {problem}", problem=problem))


def web_address_problem(url: str, member: str) -> Msg | None:
    """Why `url` is not an http(s) address with a host (`member` names it in the sentence),
    else None: offers and exchange links refuse such addresses alike."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return M("{member} is not a valid address", member=member)
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname:
        return M("{member} is not an https address", member=member)
    return None


def looks_like_offer(text: str) -> bool:
    """Cheap test for front ends: does this text mean to be a credential offer?"""
    value = text.strip()
    if value.lower().startswith(OFFER_SCHEME + "://"):
        return True
    if value.lower().startswith(("https://", "http://")) and len(value) <= MAX_OFFER_TEXT:
        try:
            query = urlsplit(value).query
        except ValueError:
            return False
        names = {name for name, _ in parse_qsl(query, keep_blank_values=True)}
        return bool(names & {"credential_offer", "credential_offer_uri"})
    return False


def parse_offer_link(text: str) -> OfferLink:
    """Read a pasted, scanned or clicked offer: a link (custom scheme or https) or the offer's
    JSON itself. Raises ReceiveError naming what is wrong."""
    value = text.strip()
    if not value:
        raise _refused(M("the text is empty"))
    if len(value) > MAX_OFFER_TEXT:
        raise _refused(M("the text is longer than {limit} KiB", limit=MAX_OFFER_TEXT // 1024))
    if value.startswith("{"):
        return OfferLink(offer=offer_from_json(value.encode("utf-8")))
    try:
        parts = urlsplit(value)
    except ValueError:
        raise _refused(M("the link is not a valid address")) from None
    scheme = parts.scheme.lower()
    if scheme not in (OFFER_SCHEME, "https", "http"):
        raise _refused(
            M("links starting with {scheme}:// are not offers", scheme=parts.scheme[:40])
            if parts.scheme
            else M("it is neither a link nor an offer's JSON")
        )
    try:
        pairs = parse_qsl(
            parts.query,
            keep_blank_values=True,
            strict_parsing=False,
            max_num_fields=MAX_QUERY_FIELDS,
        )
    except ValueError:
        raise _refused(
            M("the link has more than {count} parameters", count=MAX_QUERY_FIELDS)
        ) from None
    by_value = [v for k, v in pairs if k == "credential_offer"]
    by_reference = [v for k, v in pairs if k == "credential_offer_uri"]
    if len(by_value) + len(by_reference) == 0:
        raise _refused(M("the link carries neither credential_offer nor credential_offer_uri"))
    if len(by_value) + len(by_reference) > 1:
        raise _refused(
            M("the link carries more than one of credential_offer and credential_offer_uri")
        )
    if by_value:
        return OfferLink(offer=offer_from_json(by_value[0].encode("utf-8")))
    uri = by_reference[0].strip()
    problem = web_address_problem(uri, "credential_offer_uri")
    if problem is not None:
        raise _refused(problem)
    return OfferLink(offer_uri=uri)


def offer_from_json(data: bytes) -> Offer:
    """A credential offer object (section 4.1.1) from JSON bytes, checked."""
    if len(data) > MAX_OFFER_BYTES:
        raise _refused(M("the offer is larger than {limit} KiB", limit=MAX_OFFER_BYTES // 1024))
    try:
        value = load_json_bytes(data)
    except FormatError as e:
        raise _refused(M("the offer is not valid JSON ({problem})", problem=e.msg)) from None
    return offer_from_object(value)


def _text(value: Any, limit: int) -> str | None:
    """A non-empty string of at most `limit` characters, else None."""
    if isinstance(value, str) and value.strip() and len(value) <= limit:
        return value
    return None


def _issuer_url(value: Any, member: str) -> str:
    url = _text(value, 2048)
    if url is None:
        raise _refused(M("{member} is missing or not a string", member=member))
    problem = web_address_problem(url, member)
    if problem is not None:
        raise _refused(problem)
    parts = urlsplit(url)
    if parts.query or parts.fragment:
        raise _refused(M("{member} must not have a query or fragment", member=member))
    return url


def _configuration_ids(offer: dict[str, Any]) -> tuple[str, ...]:
    ids = offer.get("credential_configuration_ids")
    if ids is None:
        ids = offer.get("credentials")  # Draft 11: the same ids under another name
    if not isinstance(ids, list) or not ids:
        raise _refused(M("credential_configuration_ids is missing or empty"))
    if len(ids) > MAX_CONFIGURATIONS:
        raise _refused(
            M("it offers more than {count} credentials at once", count=MAX_CONFIGURATIONS)
        )
    out: list[str] = []
    for item in ids:
        text = _text(item, MAX_ID)
        if text is None:
            raise _refused(
                M("credential_configuration_ids holds something that is not a short string")
            )
        if text not in out:
            out.append(text)
    return tuple(out)


def _tx_code(grant: dict[str, Any]) -> TxCode | None:
    raw = grant.get("tx_code")
    if raw is None:
        return TxCode() if grant.get("user_pin_required") is True else None  # Draft 11
    if not isinstance(raw, dict):
        raise _refused(M("tx_code is not an object"))
    mode = raw.get("input_mode", "numeric")
    if mode not in ("numeric", "text"):
        raise _refused(M("tx_code's input_mode is neither numeric nor text"))
    length = raw.get("length")
    if length is not None and not (isinstance(length, int) and 0 < length <= 64):
        raise _refused(M("tx_code's length is not a number from 1 to 64"))
    description = raw.get("description")
    if description is not None and not isinstance(description, str):
        raise _refused(M("tx_code's description is not a string"))
    if description is not None:
        description = description.strip()[:MAX_DESCRIPTION] or None
    return TxCode(mode, length, description)


def offer_from_object(value: Any) -> Offer:
    """A credential offer object, checked member by member."""
    if not isinstance(value, dict):
        raise _refused(M("the offer is not a JSON object"))
    issuer = _issuer_url(value.get("credential_issuer"), "credential_issuer")
    ids = _configuration_ids(value)
    grants = value.get("grants", {})
    if not isinstance(grants, dict):
        raise _refused(M("grants is not an object"))
    pre = grants.get(PRE_AUTHORIZED_GRANT)
    code = tx = server = None
    if pre is not None:
        if not isinstance(pre, dict):
            raise _refused(M("the pre-authorized code grant is not an object"))
        code = _text(pre.get("pre-authorized_code"), MAX_CODE)
        if code is None:
            raise _refused(M("the pre-authorized code is missing or too long"))
        tx = _tx_code(pre)
        if pre.get("authorization_server") is not None:
            server = _issuer_url(pre.get("authorization_server"), "authorization_server")
    sign_in = grants.get(AUTHORIZATION_CODE_GRANT)
    state = sign_in_server = None
    if isinstance(sign_in, dict):
        state = _text(sign_in.get("issuer_state"), MAX_CODE)
        if sign_in.get("authorization_server") is not None:
            sign_in_server = _issuer_url(
                sign_in.get("authorization_server"), "authorization_server"
            )
    return Offer(
        credential_issuer=issuer,
        configuration_ids=ids,
        pre_authorized_code=code,
        tx_code=tx,
        authorization_server=server,
        authorization_code=isinstance(sign_in, dict),
        issuer_state=state,
        sign_in_server=sign_in_server,
    )
