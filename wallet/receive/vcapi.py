"""The VC-API exchange client: how DCC-member universities deliver to a learner's wallet.

An exchange is a series of JSON messages POSTed to one address (VC-API "Participate in an
Exchange"): the wallet starts with `{}` (or, for a DCC request link, straight away with a
presentation signed over the link's challenge); the exchange answers with a
`verifiablePresentationRequest` (what it wants: a `DIDAuthentication` over its `challenge` and
`domain`, sometimes credentials by `QueryByExample`) or with a `verifiablePresentation` that
carries the credentials it issues. Each request is answered by `respond` (the use case signs
with the holder key, and asks the learner before any credential is shown); `None` from it means
the learner said no, and then nothing more is sent.

Every request goes through `wallet.sources` (https to public addresses; plain http only to
this computer under the tests' loopback switch, since these addresses are named by an issuer's
page; size caps; timeouts; no redirects for a POST). The exchange may not send the wallet to
another origin, and it gets a bounded number of round trips.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from wallet.errors import FormatError
from wallet.formats.vc import enveloped
from wallet.messages import M
from wallet.proofs import jose
from wallet.receive import ReceiveError
from wallet.receive.links import MAX_PROTOCOLS_BYTES, Protocols, protocols_from_json
from wallet.sources import MAX_SOURCE_BYTES, Answer, SourceError, fetch_url, post_url

MAX_ROUNDS = 6  # POSTs to one exchange: start, answer a request or two, and some slack
MAX_ANSWER_BYTES = MAX_SOURCE_BYTES  # an answer may carry credentials with their images
MAX_QUERIES = 20
MAX_CREDENTIALS = 50  # credentials one answer may hand over
MAX_PRESENTATIONS = 5
MAX_TEXT = 1024  # characters of a challenge, domain or reference id
MAX_REASON = 300  # characters of an issuer's reason shown to the learner
MAX_TYPES = 10
MAX_ISSUERS = 20
HOLDER_CRYPTOSUITE = "eddsa-rdfc-2022"  # what the wallet's holder key signs with
HOLDER_METHOD = "key"  # did:key
DID_AUTH = ("DIDAuthentication", "DIDAuth")  # the second: an older name still sent
QUERY_BY_EXAMPLE = "QueryByExample"
EXCHANGE_SERVICES = ("VerifiableCredentialApiExchangeService", "UnmediatedPresentationService2021")
ENVELOPED = "EnvelopedVerifiableCredential"

Post = Callable[..., Answer]


@dataclass(frozen=True)
class Example:
    """One QueryByExample: the kind of credential the exchange wants to see."""

    types: tuple[str, ...]  # every type the credential must have (VerifiableCredential aside)
    issuers: tuple[str, ...] = ()  # acceptedIssuers: empty means any
    reason: str | None = None  # the exchange's own words (a stranger's text)
    required: bool = True


@dataclass(frozen=True)
class Request:
    """What an exchange asked for (a verifiable presentation request), and where the answer
    goes (the same origin as the exchange)."""

    url: str
    host: str
    challenge: str
    domain: str | None
    did_auth: bool
    examples: tuple[Example, ...] = ()


Respond = Callable[[Request], dict[str, Any] | None]  # the presentation to send; None: no


@dataclass(frozen=True)
class Outcome:
    """The credentials the exchange handed over (JSON objects or JWT texts), or the request
    the learner declined (then nothing was sent in answer to it)."""

    credentials: tuple[str | dict[str, Any], ...] = ()
    declined: Request | None = field(default=None)


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    default = 443 if parts.scheme.lower() == "https" else 80
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port or default


def fetch_protocols(url: str) -> Protocols:
    """GET an interaction URL (JSON wanted) and read the protocols it names."""
    try:
        data = fetch_url(url, max_bytes=MAX_PROTOCOLS_BYTES)
    except SourceError as e:
        raise ReceiveError(
            M("cannot fetch the exchange's list of protocols: {problem}", problem=e.msg)
        ) from None
    return protocols_from_json(data)


# --- reading what the exchange answers ----------------------------------------------------


def _strings(value: Any, limit: int) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(v for v in items[:limit] if isinstance(v, str) and 0 < len(v) <= 200)


def _accepted(value: Any, member: str, wanted: str) -> bool:
    """True when the request does not restrict `member` or its list names `wanted` (each
    entry an object with `member`, or for older senders the bare string)."""
    if value is None:
        return True
    if not isinstance(value, list):
        return False
    names = [e.get(member) if isinstance(e, dict) else e for e in value[:50]]
    return wanted in names


def _example(query: dict[str, Any], host: str) -> list[Example]:
    wanted = query.get("credentialQuery")
    entries = wanted if isinstance(wanted, list) else [wanted]
    found: list[Example] = []
    for entry in entries[:MAX_QUERIES]:
        if not isinstance(entry, dict):
            raise ReceiveError(
                M("the exchange at {host} sent a request the wallet cannot read", host=host)
            )
        example = entry.get("example")
        types = _strings(example.get("type") if isinstance(example, dict) else None, MAX_TYPES)
        types = tuple(t for t in types if t != "VerifiableCredential")
        issuers_raw = entry.get("acceptedIssuers")
        issuers = tuple(
            i.get("id") if isinstance(i, dict) else i
            for i in (issuers_raw[:MAX_ISSUERS] if isinstance(issuers_raw, list) else [])
        )
        reason = entry.get("reason")
        found.append(
            Example(
                types=types,
                issuers=tuple(i for i in issuers if isinstance(i, str) and len(i) <= 2048),
                reason=(reason.strip()[:MAX_REASON] or None) if isinstance(reason, str) else None,
                required=query.get("required") is not False and entry.get("required") is not False,
            )
        )
    return found


def _next_url(request: dict[str, Any], url: str) -> str:
    """Where the answer goes: the exchange service the request names, on the same origin as
    the exchange (an exchange may not send the wallet's presentation anywhere else)."""
    interact = request.get("interact")
    services = interact.get("service") if isinstance(interact, dict) else None
    for service in services[:10] if isinstance(services, list) else []:
        if not isinstance(service, dict) or service.get("type") not in EXCHANGE_SERVICES:
            continue
        endpoint = service.get("serviceEndpoint")
        if not isinstance(endpoint, str) or not endpoint or len(endpoint) > 2048:
            continue
        try:
            same = _origin(endpoint) == _origin(url)
        except ValueError:
            same = False
        if not same:
            raise ReceiveError(
                M(
                    "the exchange at {host} wants the wallet's answer sent to another "
                    "address ({other}); nothing more was sent",
                    host=_host(url),
                    other=endpoint[:200],
                )
            )
        return endpoint
    return url


def _request(request: dict[str, Any], url: str) -> Request:
    """A verifiable presentation request, checked: what it asks must be something the wallet
    can give (a did:key and eddsa-rdfc-2022 for DID Authentication)."""
    host = _host(url)
    queries_raw = request.get("query")
    queries = queries_raw if isinstance(queries_raw, list) else [queries_raw]
    if len(queries) > MAX_QUERIES:
        raise ReceiveError(
            M(
                "the exchange at {host} asks for more than {count} things",
                host=host,
                count=MAX_QUERIES,
            )
        )
    did_auth = False
    examples: list[Example] = []
    for query in queries:
        if not isinstance(query, dict):
            raise ReceiveError(
                M("the exchange at {host} sent a request the wallet cannot read", host=host)
            )
        kind = query.get("type")
        if kind in DID_AUTH:
            if not _accepted(query.get("acceptedMethods"), "method", HOLDER_METHOD):
                raise ReceiveError(
                    M(
                        "the exchange at {host} does not accept the wallet's kind of key "
                        "(did:key); nothing more was sent",
                        host=host,
                    )
                )
            if not _accepted(query.get("acceptedCryptosuites"), "cryptosuite", HOLDER_CRYPTOSUITE):
                raise ReceiveError(
                    M(
                        "the exchange at {host} does not accept the wallet's kind of signature "
                        "(eddsa-rdfc-2022); nothing more was sent",
                        host=host,
                    )
                )
            did_auth = True
        elif kind == QUERY_BY_EXAMPLE:
            examples.extend(_example(query, host))
        elif query.get("required") is not False:
            raise ReceiveError(
                M(
                    "the exchange at {host} asks for something this wallet cannot answer "
                    "({query}); nothing more was sent",
                    host=host,
                    query=str(kind)[:60],
                )
            )
    if not did_auth and not examples:
        raise ReceiveError(
            M(
                "the exchange at {host} asks for nothing the wallet understands; "
                "nothing more was sent",
                host=host,
            )
        )
    challenge = request.get("challenge")
    if not isinstance(challenge, str) or not 0 < len(challenge) <= MAX_TEXT:
        raise ReceiveError(
            M(
                "the exchange at {host} sent a request without a usable challenge; "
                "nothing more was sent",
                host=host,
            )
        )
    domain = request.get("domain")
    return Request(
        url=_next_url(request, url),
        host=host,
        challenge=challenge,
        domain=domain if isinstance(domain, str) and 0 < len(domain) <= MAX_TEXT else None,
        did_auth=did_auth,
        examples=tuple(examples),
    )


def _types(value: Any) -> tuple[str, ...]:
    return _strings(value.get("type"), MAX_TYPES) if isinstance(value, dict) else ()


def _enveloped(item: dict[str, Any]) -> str | None:
    """The credential text inside an EnvelopedVerifiableCredential's `data:` URI."""
    data = enveloped(item)
    text = data.decode("utf-8", "replace").strip() if data is not None else ""
    return text or None


def _credentials_of(presentation: Any) -> list[str | dict[str, Any]]:
    if not isinstance(presentation, dict):
        return []
    held = presentation.get("verifiableCredential")
    items = held if isinstance(held, list) else [held] if held is not None else []
    found: list[str | dict[str, Any]] = []
    for item in items[: MAX_CREDENTIALS + 1]:
        if isinstance(item, dict) and ENVELOPED in _types(item):
            text = _enveloped(item)
            if text is not None:
                found.append(text)
        elif isinstance(item, str | dict) and item:
            found.append(item)
    return found


def _delivered(body: dict[str, Any], host: str) -> list[str | dict[str, Any]]:
    """The credentials of a final answer: VC-API's `verifiablePresentation` (one or a list),
    or what DCC issuers send back to a request link: the presentation or credential itself."""
    if "verifiablePresentation" in body:
        given = body["verifiablePresentation"]
        presentations = given if isinstance(given, list) else [given]
        found = [c for p in presentations[:MAX_PRESENTATIONS] for c in _credentials_of(p)]
    elif "VerifiablePresentation" in _types(body):
        found = _credentials_of(body)
    elif "VerifiableCredential" in _types(body) or "credentialSubject" in body:
        found = [body]
    else:
        found = []
    if not found:
        raise ReceiveError(
            M(
                "the exchange at {host} finished without handing over any credential; "
                "nothing was added",
                host=host,
            )
        )
    if len(found) > MAX_CREDENTIALS:
        raise ReceiveError(
            M(
                "the exchange at {host} hands over more than {count} credentials at once; "
                "nothing was added",
                host=host,
                count=MAX_CREDENTIALS,
            )
        )
    return found


def _refusal(answer: Answer, host: str, signed: bool) -> ReceiveError:
    if answer.status == 404:
        return ReceiveError(
            M(
                "the exchange at {host} does not know this request: it may have expired or "
                "been used already; nothing was added",
                host=host,
            )
        )
    if signed and answer.status in (400, 401, 403):
        return ReceiveError(
            M(
                "the exchange at {host} did not accept the wallet's signed answer ({status}): "
                "the link may have expired or been used already; nothing was added",
                host=host,
                status=answer.status,
            )
        )
    return ReceiveError(
        M(
            "the exchange at {host} answered {status}; nothing was added",
            host=host,
            status=answer.status,
        )
    )


def _read(
    answer: Answer, url: str, signed: bool
) -> tuple[Request | list[str | dict[str, Any]], str | None]:
    """The exchange's next request or the credentials it hands over, and the `referenceId`
    it asks to have echoed in the next message (if any)."""
    host = _host(url)
    if not 200 <= answer.status < 300:
        raise _refusal(answer, host, signed)
    try:
        body = jose.load_json_bytes(answer.body)
    except FormatError as e:
        raise ReceiveError(
            M(
                "the exchange's answer is not valid JSON ({problem}); nothing was added",
                problem=e.msg,
            )
        ) from None
    if not isinstance(body, dict):
        raise ReceiveError(M("the exchange's answer is not a JSON object; nothing was added"))
    ref = body.get("referenceId")
    reference = ref if isinstance(ref, str) and 0 < len(ref) <= MAX_TEXT else None
    request = body.get("verifiablePresentationRequest")
    if request is None and "query" in body and "challenge" in body:
        request = body  # DCC's transaction service sends the request bare
    if request is not None:
        if not isinstance(request, dict):
            raise ReceiveError(
                M("the exchange at {host} sent a request the wallet cannot read", host=host)
            )
        return _request(request, url), reference
    return _delivered(body, host), reference


def run(
    url: str,
    respond: Respond,
    *,
    first: dict[str, Any] | None = None,
    post: Post = post_url,
) -> Outcome:
    """Take part in the exchange at `url` until it hands over credentials.

    `first` is the opening message (default `{}`; a DCC request link opens with the signed
    presentation itself). Each request the exchange makes goes to `respond`; its presentation
    is sent as `{"verifiablePresentation": ...}`, and a None ends the exchange with nothing
    sent. Raises ReceiveError (one plain sentence) for anything else."""
    body: dict[str, Any] = first if first is not None else {}
    signed = first is not None
    current = url
    for _ in range(MAX_ROUNDS):
        try:
            answer = post(current, json_body=body, max_bytes=MAX_ANSWER_BYTES)
        except SourceError as e:
            raise ReceiveError(
                M("the exchange could not be reached: {problem}; nothing was added", problem=e.msg)
            ) from None
        step, reference = _read(answer, current, signed)
        if not isinstance(step, Request):
            return Outcome(credentials=tuple(step))
        presentation = respond(step)
        if presentation is None:
            return Outcome(declined=step)
        body = {"verifiablePresentation": presentation}
        if reference is not None:
            body["referenceId"] = reference
        signed, current = True, step.url
    raise ReceiveError(
        M(
            "the exchange at {host} kept asking for more after {count} answers; "
            "nothing more was sent",
            host=_host(url),
            count=MAX_ROUNDS,
        )
    )
