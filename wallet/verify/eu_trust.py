"""The EU trusted lists: which certificate authorities issue qualified electronic seals.

The European Commission publishes the List of Trusted Lists (LOTL, ETSI TS 119 612 XML); it
points to one national trusted list per member state, and each national list names the trust
service providers the state supervises, with their CA certificates and status. A Europass EDC
sealed under a CA listed there as "QC for eSeal, granted" carries a qualified seal.

Rules here:
- The lists are fetched only online (an online check, or a refresh the user asks for); every
  XML signature is checked (signxml) before anything in a list is believed. The LOTL must be
  signed by one of the certificates the Official Journal publishes, which the user configures
  (`LEARNER_WALLET_LOTL_SIGNERS`, a PEM file, or `trusted-lists refresh --signers`); each
  national list must be signed by a certificate the (verified) LOTL names for it.
- What was learnt is kept as a small snapshot in the wallet's document cache (the raw lists
  too, by URL), so offline checks use it and say how old it is. A list whose signature fails
  is refused and left out.
- XML from the network is parsed without entities, DTDs or network access, with lxml's
  default size limits (no huge trees).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import os
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from wallet.errors import WalletError
from wallet.messages import M, Msg
from wallet.verify.checks import parse_time
from wallet.verify.context import Unreachable, VerifyContext, iso, problem_of

LOTL_URL = "https://ec.europa.eu/tools/lotl/eu-lotl.xml"
SIGNERS_ENV = "LEARNER_WALLET_LOTL_SIGNERS"  # a PEM file: the LOTL signing certificates

EU_TL = "eu-tl"  # cache kind: a trusted list's XML, by URL, as fetched
EU_TRUST = "eu-trust"  # cache kind: the snapshot derived from verified lists
SNAPSHOT_KEY = "snapshot"

REFRESH_AFTER = dt.timedelta(hours=24)  # an online check refreshes lists older than this
_RETRY_AFTER_S = 600.0  # after a failed attempt, an online run does not try again for this

MAX_LIST_BYTES = 16 * 1024 * 1024
MAX_POINTERS = 64  # national lists the LOTL points to (about 31 today)
MAX_PROVIDERS = 2000  # trust service providers in one list
MAX_SERVICES = 20000  # services in one list, all providers together
MAX_SERVICE_CERTS = 20

_TSL = "http://uri.etsi.org/02231/v2#"
_NS = {"tsl": _TSL}
_QC_CA = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
_GRANTED = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"
_FOR_ESEALS = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSeals"
_EU_GENERIC = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric"
_TSL_MIME = "application/vnd.etsi.tsl+xml"


class TrustListError(WalletError):
    """A trusted list could not be fetched, read or believed (the message says which, why)."""


# --- the snapshot -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Service:
    """One qualified-certificate CA service of a national list (type CA/QC)."""

    territory: str
    provider: str
    name: str
    status: str  # a Svcstatus URI; "granted" is the one that counts
    for_seals: bool  # ForeSeals: it issues qualified certificates for electronic seals
    certificates: tuple[bytes, ...]  # DER, the service's digital identity
    list_issued: dt.datetime

    @property
    def qualified_for_seals(self) -> bool:
        return self.status == _GRANTED and self.for_seals


@dataclass(frozen=True)
class ListInfo:
    """One list as it was read: where from, when issued, when its successor is due."""

    territory: str
    url: str
    issued: dt.datetime | None
    next_update: dt.datetime | None
    problem: Msg | None = None  # why it was left out, when it was


@dataclass(frozen=True)
class Snapshot:
    """What the verified lists said at one refresh."""

    fetched_at: str
    lotl: ListInfo
    lists: tuple[ListInfo, ...] = ()
    services: tuple[Service, ...] = ()

    def seal_services(self) -> list[Service]:
        return [s for s in self.services if s.qualified_for_seals]

    def list_for(self, territory: str) -> ListInfo | None:
        return next((x for x in self.lists if x.territory == territory), None)

    def to_bytes(self) -> bytes:
        return json.dumps(
            {
                "fetched_at": self.fetched_at,
                "lotl": _info_json(self.lotl),
                "lists": [_info_json(x) for x in self.lists],
                "services": [
                    {
                        "territory": s.territory,
                        "provider": s.provider,
                        "name": s.name,
                        "status": s.status,
                        "for_seals": s.for_seals,
                        "certificates": [base64.b64encode(c).decode() for c in s.certificates],
                        "list_issued": iso(s.list_issued),
                    }
                    for s in self.services
                ],
            },
            ensure_ascii=False,
        ).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Snapshot | None:
        """The snapshot as stored; None when it cannot be read (then it is fetched again)."""
        try:
            d = json.loads(data)
            services = []
            for s in d["services"]:
                issued = parse_time(s["list_issued"])
                if issued is None:
                    return None
                services.append(
                    Service(
                        territory=str(s["territory"]),
                        provider=str(s["provider"]),
                        name=str(s["name"]),
                        status=str(s["status"]),
                        for_seals=bool(s["for_seals"]),
                        certificates=tuple(base64.b64decode(c) for c in s["certificates"]),
                        list_issued=issued,
                    )
                )
            return cls(
                fetched_at=str(d["fetched_at"]),
                lotl=_info_from_json(d["lotl"]),
                lists=tuple(_info_from_json(x) for x in d["lists"]),
                services=tuple(services),
            )
        except (ValueError, KeyError, TypeError, binascii.Error):
            return None


def _info_json(info: ListInfo) -> dict[str, Any]:
    return {
        "territory": info.territory,
        "url": info.url,
        "issued": iso(info.issued) if info.issued else None,
        "next_update": iso(info.next_update) if info.next_update else None,
        "problem": info.problem.to_json() if info.problem else None,
    }


def _info_from_json(d: dict[str, Any]) -> ListInfo:
    return ListInfo(
        territory=str(d["territory"]),
        url=str(d["url"]),
        issued=parse_time(d.get("issued")),
        next_update=parse_time(d.get("next_update")),
        problem=Msg.from_json(d["problem"]) if d.get("problem") else None,
    )


# --- signers ----------------------------------------------------------------------------------


def load_signers(path: str | os.PathLike[str] | None = None) -> list[x509.Certificate]:
    """The certificates the LOTL must be signed with: a PEM file (the argument, else the file
    named by LEARNER_WALLET_LOTL_SIGNERS). Empty when none is configured.

    Why configurable, not only built in: the Commission announces new LOTL signing
    certificates in the Official Journal; the user (or a packager) follows those.
    """
    where = path if path is not None else os.environ.get(SIGNERS_ENV, "").strip()
    if not where:
        return []
    try:
        data = Path(where).read_bytes()
    except OSError as e:
        raise TrustListError(
            M(
                "cannot read the LOTL signing certificates from {path}: {problem}",
                path=str(where),
                problem=e.strerror or str(e),
            )
        ) from e
    try:
        return x509.load_pem_x509_certificates(data)
    except ValueError as e:
        raise TrustListError(
            M("{path} holds no PEM certificates to check the EU lists with", path=str(where))
        ) from e


# --- reading one list -------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    # No entities, no DTD, no network, no processing instructions; huge_tree stays off, so
    # lxml's limits on depth and text size hold.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_pis=True)


def parse_list_xml(data: bytes, url: str) -> etree._Element:
    """A trusted list's XML, parsed with bounded work; TrustListError when it is not one."""
    if len(data) > MAX_LIST_BYTES:
        raise TrustListError(
            M(
                "the trusted list {url} is larger than {size} MiB",
                url=url,
                size=MAX_LIST_BYTES // (1024 * 1024),
            )
        )
    try:
        tree = etree.fromstring(data, parser=_parser()).getroottree()
    except etree.XMLSyntaxError as e:
        raise TrustListError(
            M("the trusted list {url} is not XML: {problem}", url=url, problem=str(e))
        ) from e
    if tree.docinfo.doctype:
        raise TrustListError(M("the trusted list {url} declares a DTD, refused", url=url))
    root = tree.getroot()
    if root.tag != f"{{{_TSL}}}TrustServiceStatusList":
        raise TrustListError(M("{url} is not a trusted list (ETSI TS 119 612)", url=url))
    return root


def verify_list_signature(
    root: etree._Element, signers: Sequence[x509.Certificate], url: str
) -> etree._Element:
    """The list as its XML signature covers it, when one of `signers` signed it.

    Returns the signed element (read from it, never from the tree around it, so nothing
    outside the signature can be slipped in); TrustListError when no signer's key verifies.
    """
    from signxml.xades.xades import XAdESSignatureConfiguration, XAdESVerifier

    if not signers:
        raise TrustListError(
            M("no certificate to check the signature of the trusted list {url} against", url=url)
        )
    config = XAdESSignatureConfiguration(expect_references=True)
    last: Exception | None = None
    for cert in signers:
        try:
            results = XAdESVerifier().verify(root, x509_cert=cert, expect_config=config)
        except Exception as e:  # hostile XML may break signxml in ways it does not name
            last = e
            continue
        for result in results:
            signed = result.signed_xml
            if signed is not None and signed.tag == root.tag:
                return signed
        last = ValueError("the signature does not cover the list")
    raise TrustListError(
        M(
            "the signature of the trusted list {url} is not valid: {problem}",
            url=url,
            problem=str(last),
        )
    )


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _name(parent: etree._Element | None) -> str:
    """A multilingual name: the English one, else the first."""
    if parent is None:
        return ""
    names = parent.findall("tsl:Name", _NS)
    for n in names:
        if n.get("{http://www.w3.org/XML/1998/namespace}lang") == "en":
            return _text(n)
    return _text(names[0]) if names else ""


def _certs(parent: etree._Element | None) -> tuple[bytes, ...]:
    if parent is None:
        return ()
    out: list[bytes] = []
    for el in parent.iterfind(".//tsl:DigitalId/tsl:X509Certificate", _NS):
        if len(out) >= MAX_SERVICE_CERTS:
            break
        try:
            der = base64.b64decode("".join(_text(el).split()), validate=True)
            x509.load_der_x509_certificate(der)
        except (binascii.Error, ValueError):
            continue  # an unreadable identity names nobody; the others still count
        out.append(der)
    return tuple(out)


def _scheme(root: etree._Element) -> tuple[str, dt.datetime | None, dt.datetime | None]:
    info = root.find("tsl:SchemeInformation", _NS)
    if info is None:
        return "", None, None
    territory = _text(info.find("tsl:SchemeTerritory", _NS))
    issued = parse_time(_text(info.find("tsl:ListIssueDateTime", _NS)))
    nxt = parse_time(_text(info.find("tsl:NextUpdate/tsl:dateTime", _NS)))
    return territory, issued, nxt


@dataclass(frozen=True)
class Pointer:
    """A national list the LOTL points to, and the certificates allowed to sign it."""

    territory: str
    url: str
    signers: tuple[bytes, ...]


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def lotl_pointers(lotl: etree._Element) -> list[Pointer]:
    """The XML national lists (EUgeneric) the verified LOTL points to."""
    out: list[Pointer] = []
    for ptr in lotl.iterfind(
        "tsl:SchemeInformation/tsl:PointersToOtherTSL/tsl:OtherTSLPointer", _NS
    ):
        info: dict[str, str] = {}
        for other in ptr.iterfind("tsl:AdditionalInformation/tsl:OtherInformation", _NS):
            for child in other:
                info.setdefault(_local(child.tag), _text(child))
        if info.get("TSLType") != _EU_GENERIC or info.get("MimeType", _TSL_MIME) != _TSL_MIME:
            continue
        url = _text(ptr.find("tsl:TSLLocation", _NS))
        if not url.startswith("https://") and not url.startswith("http://"):
            continue
        out.append(Pointer(info.get("SchemeTerritory", ""), url, _certs(ptr)))
        if len(out) > MAX_POINTERS:
            raise TrustListError(
                M("the EU list points to more than {limit} lists, refused", limit=MAX_POINTERS)
            )
    return out


def list_services(root: etree._Element, territory: str, issued: dt.datetime) -> list[Service]:
    """The CA/QC services of a verified national list."""
    out: list[Service] = []
    providers = root.findall("tsl:TrustServiceProviderList/tsl:TrustServiceProvider", _NS)
    if len(providers) > MAX_PROVIDERS:
        raise TrustListError(
            M(
                "the trusted list of {territory} names more than {limit} providers, refused",
                territory=territory,
                limit=MAX_PROVIDERS,
            )
        )
    seen = 0
    for tsp in providers:
        provider = _name(tsp.find("tsl:TSPInformation/tsl:TSPName", _NS))
        for svc in tsp.iterfind("tsl:TSPServices/tsl:TSPService/tsl:ServiceInformation", _NS):
            seen += 1
            if seen > MAX_SERVICES:
                raise TrustListError(
                    M(
                        "the trusted list of {territory} names more than {limit} services, refused",
                        territory=territory,
                        limit=MAX_SERVICES,
                    )
                )
            if _text(svc.find("tsl:ServiceTypeIdentifier", _NS)) != _QC_CA:
                continue
            uris = {
                _text(u)
                for u in svc.iterfind(
                    "tsl:ServiceInformationExtensions/tsl:Extension/"
                    "tsl:AdditionalServiceInformation/tsl:URI",
                    _NS,
                )
            }
            out.append(
                Service(
                    territory=territory,
                    provider=provider,
                    name=_name(svc.find("tsl:ServiceName", _NS)),
                    status=_text(svc.find("tsl:ServiceStatus", _NS)),
                    for_seals=_FOR_ESEALS in uris,
                    certificates=_certs(svc.find("tsl:ServiceDigitalIdentity", _NS)),
                    list_issued=issued,
                )
            )
    return out


# --- refreshing -------------------------------------------------------------------------------


@dataclass
class RefreshResult:
    """What a refresh did: the new snapshot (None when the LOTL itself was refused)."""

    snapshot: Snapshot | None
    problems: list[Msg] = field(default_factory=list)


def _fetch(ctx: VerifyContext, url: str) -> bytes:
    try:
        data, _ = ctx.fetch_or_cached(EU_TL, url)
    except Unreachable as e:
        raise TrustListError(e.msg) from None
    return data


def refresh(
    ctx: VerifyContext,
    signers: Sequence[x509.Certificate] | None = None,
    *,
    lotl_url: str = LOTL_URL,
) -> RefreshResult:
    """Fetch the LOTL and every national list, check their signatures, keep the snapshot.

    Online only (ctx.online): offline it raises TrustListError. When the LOTL cannot be
    fetched or believed, the snapshot already kept stays as it was.
    """
    if not ctx.online:
        raise TrustListError(M("the EU trusted lists are fetched only when you are online"))
    pinned = list(signers) if signers is not None else load_signers()
    if not pinned:
        raise TrustListError(
            M(
                "no certificates to check the EU List of Trusted Lists with: save the ones "
                "the Official Journal of the EU publishes in a PEM file and name it with "
                "--signers or LEARNER_WALLET_LOTL_SIGNERS"
            )
        )
    lotl_root = verify_list_signature(
        parse_list_xml(_fetch(ctx, lotl_url), lotl_url), pinned, lotl_url
    )
    _, lotl_issued, lotl_next = _scheme(lotl_root)
    lotl = ListInfo("EU", lotl_url, lotl_issued, lotl_next)
    lists: list[ListInfo] = []
    services: list[Service] = []
    problems: list[Msg] = []
    for ptr in lotl_pointers(lotl_root):
        try:
            allowed = [x509.load_der_x509_certificate(c) for c in ptr.signers]
            root = verify_list_signature(
                parse_list_xml(_fetch(ctx, ptr.url), ptr.url), allowed, ptr.url
            )
            territory, issued, nxt = _scheme(root)
            if ptr.territory and territory != ptr.territory:
                raise TrustListError(
                    M(
                        "the list at {url} is for {found}, not {expected} as the EU list says",
                        url=ptr.url,
                        found=territory,
                        expected=ptr.territory,
                    )
                )
            if issued is None:
                raise TrustListError(M("the trusted list {url} has no issue date", url=ptr.url))
            services.extend(list_services(root, territory, issued))
            lists.append(ListInfo(territory, ptr.url, issued, nxt))
        except TrustListError as e:
            problems.append(e.msg)
            lists.append(ListInfo(ptr.territory, ptr.url, None, None, e.msg))
    snap = Snapshot(iso(dt.datetime.now(dt.UTC)), lotl, tuple(lists), tuple(services))
    ctx.cache.cache_put(EU_TRUST, SNAPSHOT_KEY, snap.to_bytes(), snap.fetched_at)
    ctx.consulted.append((EU_TRUST, SNAPSHOT_KEY, snap.fetched_at))
    return RefreshResult(snap, problems)


def load_snapshot(ctx: VerifyContext) -> Snapshot | None:
    """The snapshot kept from the last refresh, or None when the lists were never fetched."""
    hit = ctx.cached(EU_TRUST, SNAPSHOT_KEY)
    return Snapshot.from_bytes(hit[0]) if hit is not None else None


# A failed refresh, by cache (weakly): an online run over many sealed credentials tries once,
# then says the same for the others instead of waiting on the network again for each.
_failed: weakref.WeakKeyDictionary[Any, tuple[float, Msg]] = weakref.WeakKeyDictionary()


def _recent_failure(cache: Any) -> Msg | None:
    try:
        hit = _failed.get(cache)
    except TypeError:  # a cache that cannot be weakly referenced: no memory of failures
        return None
    if hit is None or time.monotonic() - hit[0] > _RETRY_AFTER_S:
        return None
    return hit[1]


def _remember_failure(cache: Any, problem: Msg | None) -> None:
    try:
        if problem is None:
            _failed.pop(cache, None)
        else:
            _failed[cache] = (time.monotonic(), problem)
    except TypeError:
        pass


def snapshot_for_check(ctx: VerifyContext) -> tuple[Snapshot | None, Msg | None]:
    """The snapshot a seal is judged against, refreshed first when online and it is old.

    Returns (snapshot, why a refresh failed); offline it only reads what is kept.
    """
    snap = load_snapshot(ctx)
    if not ctx.online:
        return snap, None
    fetched = parse_time(snap.fetched_at) if snap is not None else None
    if fetched is not None and dt.datetime.now(dt.UTC) - fetched < REFRESH_AFTER:
        return snap, None
    failed = _recent_failure(ctx.cache)
    if failed is not None:
        return snap, failed
    problem: Msg | None = None
    try:
        snap = refresh(ctx).snapshot or snap
    except TrustListError as e:
        problem = e.msg
    except Exception as e:  # a broken list must not break the whole check
        problem = M("the EU trusted lists could not be read: {problem}", problem=problem_of(e))
    _remember_failure(ctx.cache, problem)
    return snap, problem
