"""Fuzz targets: one function per entry point that reads bytes from strangers.

Each target takes `bytes`, calls the real entry point and lets through only the error types
that entry point is documented to raise (WalletError and its kinds). Anything else that comes
out - a KeyError, a RecursionError, a MemoryError, a hang past the per-input time limit - is a
finding: a person would see a traceback, or the app would freeze. The same targets are driven
by Hypothesis (`test_fuzz.py`, short, in CI) and by atheris (`fuzz.py`, coverage-guided, long).

Seeds are the demo credentials in resources/demo, the stack fixtures, and (when the folder is
there) the public test vectors in ../shared/vectors; baked images, zips, QR codes and backups
are made from them at run time, never stored.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import hashlib
import io
import json
import signal
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"
VECTORS = ROOT.parent / "shared" / "vectors"
STACK_FIXTURES = ROOT / "tests" / "stacks" / "fixtures"

NOW = dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC)
CHALLENGE = "fuzz-challenge-0001"
BACKUP_PW = "fuzz backup passphrase"
PER_INPUT_SECONDS = 5.0  # a hang is a finding: no input may take longer than this


class Hang(Exception):
    """An input ran past the per-input time limit."""


@dataclass(frozen=True)
class Target:
    """A named entry point, its bytes-in function and the seeds its inputs are mutated from."""

    name: str
    run: Callable[[bytes], None]
    seeds: Callable[[], list[bytes]]
    doc: str


@contextlib.contextmanager
def time_limit(seconds: float = PER_INPUT_SECONDS) -> Iterator[None]:
    """Raise Hang in the calling (main) thread when the block uses more than `seconds` of CPU.

    CPU time (ITIMER_PROF, SIGPROF) rather than wall time: libFuzzer keeps SIGALRM for its own
    -timeout, and a busy shared machine must not turn slow scheduling into findings.
    """

    def _alarm(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@contextlib.contextmanager
def _strict_parse() -> Iterator[None]:
    """Turn off parse()'s last-resort wrapping, so a bug shows as its real exception."""
    from wallet import formats

    before = formats.RAISE_UNEXPECTED
    formats.RAISE_UNEXPECTED = True
    try:
        yield
    finally:
        formats.RAISE_UNEXPECTED = before


# --- seeds ----------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@functools.cache
def demo_credentials() -> tuple[bytes, ...]:
    """Every demo credential file's bytes (JSON, JWS, JWT, SD-JWT, baked PNG)."""
    return tuple(p.read_bytes() for p in sorted((DEMO / "credentials").iterdir()))


@functools.cache
def vector_credentials() -> tuple[bytes, ...]:
    """Signed credentials and SD-JWTs from the public vectors, when ../shared is present."""
    if not VECTORS.is_dir():
        return ()
    found = [
        *VECTORS.glob("1edtech-ob-spec/*/signed-credential.json"),
        *VECTORS.glob("ietf-sd-jwt/*.txt"),
        *VECTORS.glob("ietf-sd-jwt/s8*.json"),
        *VECTORS.glob("w3c-vc-di-*/*signed*.json"),
        *VECTORS.glob("w3c-vc-di-*/*/signed*.json"),
    ]
    return tuple(p.read_bytes() for p in sorted(found) if p.stat().st_size < 64_000)


def _demo_json() -> bytes:
    return (DEMO / "credentials" / "01-data-analysis-with-python.json").read_bytes()


@functools.cache
def baked_svg() -> bytes:
    """A demo credential baked into a small SVG (made here, not stored)."""
    from wallet.formats import bake_svg

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect/></svg>'
    return bake_svg(svg, _demo_json().decode("utf-8").strip())


def _png_chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def tiny_png(extra: bytes = b"") -> bytes:
    """A 1x1 grey PNG with `extra` chunks after IHDR."""
    ihdr = _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    idat = _png_chunk(b"IDAT", zlib.compress(b"\0\x80"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + extra + idat + _png_chunk(b"IEND", b"")


def png_with_text(data: bytes) -> bytes:
    """A PNG carrying `data[1:]` as badge text; `data[0]` picks iTXt, compressed iTXt, zTXt or
    tEXt, so mutations reach the chunk readers past the CRC."""
    mode = data[0] % 4 if data else 0
    body = data[1:]
    keyword = b"openbadgecredential\0"
    if mode == 0:
        chunk = _png_chunk(b"iTXt", keyword + b"\0\0\0\0" + body)
    elif mode == 1:
        chunk = _png_chunk(b"iTXt", keyword + b"\1\0\0\0" + zlib.compress(body))
    elif mode == 2:
        chunk = _png_chunk(b"zTXt", keyword + b"\0" + zlib.compress(body))
    else:
        chunk = _png_chunk(b"tEXt", keyword + body)
    return tiny_png(chunk)


def make_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip archive in memory."""
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore", UserWarning)  # duplicate names are part of the test
        for name, data in entries:
            zf.writestr(name, data)
    return out.getvalue()


@functools.cache
def learner() -> tuple[Any, str]:
    """The demo learner's holder key and DID (demo only, not secret)."""
    from wallet.proofs import keys

    d = json.loads((DEMO / "issuer-key.json").read_text("utf-8"))
    return keys.private_key_from_jwk(d["learner"]["privateJwk"]), d["learner"]["did"]


@functools.cache
def demo_presentations() -> tuple[Any, ...]:
    """Holder-signed VPs of demo credentials (dicts)."""
    from wallet.present.presentation import make_vp

    key, did = learner()
    out = []
    for raw in demo_credentials()[:10:3]:
        text = raw.decode("utf-8").strip()
        cred = json.loads(text) if text.startswith("{") else text
        out.append(make_vp([cred], key, did, challenge=CHALLENGE, domain=None, now=NOW))
    return tuple(out)


@functools.cache
def qr_texts() -> tuple[str, ...]:
    """LW2 QR texts of the demo presentations (single and multi-part)."""
    from wallet.present import qr

    out: list[str] = []
    for vp in demo_presentations():
        out += qr.encode(vp)
    return tuple(out)


@functools.cache
def qr_payloads() -> tuple[bytes, ...]:
    from wallet.present import qr

    return tuple(qr.to_payload(vp) for vp in demo_presentations())


def _inflate_qr(payload: bytes) -> bytes:
    from wallet.present import qr_json

    return zlib.decompressobj(-15, zdict=qr_json.DICTIONARY).decompress(payload)


def _deflate_qr(cbor: bytes) -> bytes:
    from wallet.present import qr_json

    packer = zlib.compressobj(
        9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, zdict=qr_json.DICTIONARY
    )
    return packer.compress(cbor) + packer.flush()


@functools.cache
def qr_pngs() -> tuple[bytes, ...]:
    """Small QR code images of a short LW2 text and of a demo presentation's first part."""
    from wallet.present import qr

    out = []
    for text in (qr.encode("a.b.c")[0], qr_texts()[0]):
        buf = io.BytesIO()
        qr.make_qr_png(text, buf, box=2)
        out.append(buf.getvalue())
    return tuple(out)


def backup_document() -> dict[str, Any]:
    """A small, consistent backup document holding one demo credential (no store needed)."""
    from wallet import formats
    from wallet.store.transfer import DOCUMENT_FORMAT, DOCUMENT_VERSION

    raw = _demo_json()
    parsed = formats.parse(raw)
    digest = hashlib.sha256(raw).hexdigest()
    cred = {
        "id": digest[:16],
        "original": raw,
        "original_sha256": digest,
        "payload": None,
        "payload_sha256": digest,
        "media_type": parsed.media_type,
        "source": "fuzz",
        "parent_id": None,
        "format": parsed.credential.format,
        "proof_form": parsed.credential.proof_form,
        "title": parsed.credential.title,
        "issuer_name": None,
        "issuer_id": None,
        "issued": None,
        "record": json.dumps(parsed.credential.to_dict()).encode("utf-8"),
        "imported_at": "2026-01-01T00:00:00Z",
    }
    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "credentials": [cred],
        "tags": [[cred["id"], "fuzz"]],
        "collections": [{"name": "c", "items": [cred["id"]]}],
        "settings": {"k": "v"},
        "stacks": [],
        "holder_keys": [],
        "trusted_issuers": [],
        "verifications": [],
        "fetched": [],
    }


_BACKUP_SALT = b"\x01" * 16


@functools.cache
def _backup_key() -> bytes:
    from wallet import backup

    return backup._key(BACKUP_PW, _BACKUP_SALT, 1, 8, 1)


def seal_backup(plain_cbor: bytes) -> bytes:
    """A backup file whose (authentic, decryptable) body is zlib(`plain_cbor`): lets mutations
    reach the document checks behind the encryption. Cheapest scrypt cost (log2 N = 1)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from wallet import backup

    key = AESGCM(_backup_key())
    prefix = backup.MAGIC + bytes([1, backup.KDF_SCRYPT, 1, 8, 1]) + _BACKUP_SALT  # version 1
    check_nonce, body_nonce = b"\2" * 12, b"\3" * 12
    header = prefix + check_nonce + key.encrypt(check_nonce, b"", prefix) + body_nonce
    return header + key.encrypt(body_nonce, zlib.compress(plain_cbor, 1), header)


# --- targets --------------------------------------------------------------------------------


def t_parse(data: bytes) -> None:
    """formats.parse: every format by content (JSON, JWS/JWT, SD-JWT, PNG, SVG, CLR)."""
    from wallet import formats
    from wallet.errors import FormatError

    with _strict_parse(), contextlib.suppress(FormatError):
        formats.parse(data)


def t_png_text(data: bytes) -> None:
    """formats.parse of a valid PNG whose badge chunk (iTXt/zTXt/tEXt) carries the bytes."""
    t_parse(png_with_text(data))


def t_svg_text(data: bytes) -> None:
    """formats.parse of an SVG whose badge element carries the bytes as CDATA."""
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential xmlns:openbadges='
        b'"https://purl.imsglobal.org/ob/v3p0"><![CDATA['
        + data
        + b"]]></openbadges:credential></svg>"
    )
    t_parse(svg)


def t_jwt_claims(data: bytes) -> None:
    """formats.parse and verify_jwt of a compact JWS whose payload segment is the bytes."""
    from wallet.errors import WalletError
    from wallet.verify.context import VerifyContext
    from wallet.verify.jose_proofs import verify_jwt

    header = _b64(b'{"alg":"EdDSA","typ":"JWT","kid":"did:key:z6Mk#z6Mk"}')
    token = f"{header}.{_b64(data)}.{_b64(b'x' * 64)}"
    t_parse(token.encode("ascii"))
    with contextlib.suppress(WalletError):
        verify_jwt(token, VerifyContext(at=NOW))


def t_sd_jwt(data: bytes) -> None:
    """formats.parse and verify_sd_jwt (issuer signature, disclosures, key binding)."""
    from wallet.errors import WalletError
    from wallet.verify.context import VerifyContext
    from wallet.verify.jose_proofs import verify_sd_jwt

    t_parse(data)
    text = data.decode("utf-8", "replace")
    with contextlib.suppress(WalletError):
        verify_sd_jwt(text, VerifyContext(at=NOW), audience="https://hr.example", nonce=CHALLENGE)


def t_zip(data: bytes) -> None:
    """sources.read_sources on the bytes as a stdin source (zips unpacked in memory), then
    formats.parse of every item. read_sources reports problems as Failure items, never raises."""
    from wallet import sources

    for item in sources.read_sources(["-"], stdin=io.BytesIO(data)):
        if isinstance(item, sources.Item):
            t_parse(item.data)


def t_zip_entries(data: bytes) -> None:
    """A well-formed zip built from the bytes: entry names and contents chosen by the input
    (names like ../x and /etc/x included), so the member loop is reached every time."""
    parts = data.split(b"\0")
    entries = [
        (parts[i].decode("utf-8", "replace")[:200] or "x", parts[i + 1])
        for i in range(0, len(parts) - 1, 2)
    ]
    t_zip(make_zip(entries or [("x", data)]))


def t_qr_text(data: bytes) -> None:
    """qr.decode of QR texts (lines of the input): base45, parts, hash, DEFLATE, CBOR."""
    from wallet.errors import WalletError
    from wallet.present import qr

    texts = data.decode("latin-1").split("\n")
    with contextlib.suppress(WalletError):
        _verify_decoded(qr.decode(texts))


def _verify_decoded(vp: Any) -> None:
    """What a verifier does with a decoded QR: verify_presentation, always a Report, whatever
    JSON value qr.decode gave (docs/qr-format.md; finding F10 in docs/reliability.md)."""
    from wallet.present.presentation import verify_presentation
    from wallet.verify.context import VerifyContext
    from wallet.verify.report import Report

    report = verify_presentation(vp, challenge=CHALLENGE, at=NOW, ctx=VerifyContext(at=NOW))
    assert isinstance(report, Report)


def t_qr_payload(data: bytes) -> None:
    """qr.from_payload: raw DEFLATE with the preset dictionary, then blobs."""
    from wallet.errors import WalletError
    from wallet.present import qr

    with contextlib.suppress(WalletError):
        _verify_decoded(qr.from_payload(data))


def t_qr_cbor(data: bytes) -> None:
    """qr.from_payload of the bytes deflated: reaches the strict CBOR check and unpacking."""
    t_qr_payload(_deflate_qr(data))


def t_qr_image(data: bytes) -> None:
    """qr.read_qr_image (Pillow + zxing-cpp) of the bytes as an image file, then qr.decode."""
    from wallet.errors import WalletError
    from wallet.present import qr

    with contextlib.suppress(WalletError):
        texts = qr.read_qr_image(data)
        if texts:
            qr.decode(texts)


def _seed_for(data: bytes) -> Any:
    """The parsed demo credential of the same media type as `data` (its record stays; only
    the bytes were mutated)."""
    from wallet import formats
    from wallet.errors import FormatError

    try:
        media = formats.detect(data)
    except FormatError:
        media = ""
    seeds = _parsed_demo()
    for parsed in seeds:
        if parsed.media_type == media:
            return parsed
    return seeds[len(data) % len(seeds)]


@functools.cache
def _parsed_demo() -> tuple[Any, ...]:
    from wallet import formats

    return tuple(formats.parse(d) for d in demo_credentials())


def t_verify(data: bytes) -> None:
    """verify_parsed on the bytes parsed (when they parse) and on a demo credential's record
    with the bytes as its payload: always a Report, never an exception."""
    from wallet import formats
    from wallet.credential import Parsed
    from wallet.errors import FormatError
    from wallet.verify.context import VerifyContext
    from wallet.verify.report import Report
    from wallet.verify.verifier import verify_parsed

    candidates = []
    with _strict_parse(), contextlib.suppress(FormatError):
        candidates.append(formats.parse(data))
    seed = _seed_for(data)
    candidates.append(Parsed(seed.credential, data, data, seed.media_type))
    for parsed in candidates:
        report = verify_parsed(parsed, VerifyContext(at=NOW), "fuzz")
        assert isinstance(report, Report)


def t_presentation(data: bytes) -> None:
    """verify_presentation of a VP (JSON) or text: always a Report."""
    from wallet.errors import FormatError
    from wallet.present.presentation import verify_presentation
    from wallet.proofs.jose import load_json_bytes
    from wallet.verify.context import VerifyContext
    from wallet.verify.report import Report

    text = data.decode("utf-8", "replace")
    try:
        doc = load_json_bytes(data)
    except FormatError:
        doc = None
    vp: Any = doc if isinstance(doc, dict) else text  # its types: a VP object or a text
    report = verify_presentation(vp, challenge=CHALLENGE, at=NOW, ctx=VerifyContext(at=NOW))
    assert isinstance(report, Report)


def t_backup(data: bytes) -> None:
    """backup.decode of a whole file. Headers asking more scrypt work than the seeds' are
    skipped: their cost is bounded by design (MAX_SCRYPT_MEMORY) but slow to fuzz."""
    from wallet import backup

    if (
        len(data) > 13
        and data.startswith(backup.MAGIC)
        and (data[10] > 4 or data[11] > 8 or data[12] > 1)
    ):
        return
    with contextlib.suppress(backup.BackupError):
        backup.decode(data, BACKUP_PW)


def t_backup_body(data: bytes) -> None:
    """backup.decode of an authentic file whose decrypted body is the bytes (as CBOR)."""
    t_backup(seal_backup(data))


def t_stacks(data: bytes) -> None:
    """stacks.load.load_any: our stack format, CTDL pathways, Badgr pathway exports."""
    from wallet.stacks.load import load_any
    from wallet.stacks.model import StackError

    with contextlib.suppress(StackError):
        load_any(data)


def t_tooltip_text(data: bytes) -> None:
    """plain_tip (every tooltip that may quote a stranger's text): whatever the text, Qt shows
    exactly its characters, with no image, table, link or formatting, and loads nothing."""
    from tests.reliability.qt_probe import rich_problem

    text = data.decode("utf-8", "replace")
    problem = rich_problem(text)
    if problem is not None:
        raise AssertionError(f"tooltip of {text[:80]!r}: {problem}")


@functools.cache
def _restore_store() -> Any:
    """One wallet per process that fuzzed backups are restored into (opened once: the key
    derivation would otherwise cost more than the restore)."""
    import atexit
    import shutil
    import tempfile

    from wallet.store import WalletStore

    folder = tempfile.mkdtemp(prefix="lw-fuzz-restore-")
    atexit.register(shutil.rmtree, folder, True)
    return WalletStore.create(Path(folder) / "w.lwallet", "fuzz wallet passphrase")


def t_restore(data: bytes) -> None:
    """backup.restore_checked of an authentic backup whose document is the bytes: every record
    written comes from the original bytes (never from the document), and nothing is trusted
    without the learner's say."""
    from wallet import backup, formats

    store = _restore_store()
    trusted_before = store.trust.issuers()
    try:
        checked = backup.decode_checked(seal_backup(data), BACKUP_PW)
        summary = backup.restore_checked(store, checked)
    except backup.BackupError:
        return
    if store.trust.issuers() != trusted_before:
        raise AssertionError("a restore changed the trust list without being asked to")
    for cid in summary.new_ids:
        stored = store.credentials.get(cid)
        if stored.parent_id is not None:
            continue  # a bundle's child: its record comes from its bundle's parse
        again = formats.parse(stored.original).credential
        if again.to_dict() != stored.credential.to_dict():
            raise AssertionError(f"restored record of {cid} differs from its original bytes")


def t_redirects(data: bytes) -> None:
    """fetch_url against a loopback server whose answers (status, Location, body) come from the
    bytes, with every host name resolving to a public, private, link-local or loopback address:
    only SourceError may come out, and no connection is ever opened to a private address."""
    from tests.reliability.net_probe import fake_network, private
    from wallet.sources import SourceError, fetch_url

    with fake_network(data) as (start, connects):
        with contextlib.suppress(SourceError):
            fetch_url(start, timeout=2.0, allow_loopback=True)
    for host, _port in connects:
        if private(host):
            raise AssertionError(f"a connection was opened to {host}, a private address")


def t_offer_link(data: bytes) -> None:
    """What a pasted, scanned or launched link holds: an OpenID4VCI offer (by value, by
    reference, in an https link), a DCC deep link or an interaction URL; then the offer's JSON
    on its own. Only ReceiveError may come out, and reading never connects anywhere."""
    from wallet.receive import ReceiveError, links
    from wallet.receive.offer import offer_from_json, parse_offer_link

    text = data.decode("utf-8", errors="replace")
    links.kind(text)
    for read in (parse_offer_link, links.parse_link):
        with contextlib.suppress(ReceiveError):
            read(text)
    with contextlib.suppress(ReceiveError):
        offer_from_json(data)


def t_verifier_request(data: bytes) -> None:
    """What a pasted, scanned or launched verifier's link holds (OpenID4VP): the link read
    and, by value, checked; then the bytes as a DCQL query on their own. Only RespondError may
    come out. A link naming a request_uri would be fetched, so only its parameters are read."""
    from wallet.errors import FormatError
    from wallet.messages import M
    from wallet.proofs import jose
    from wallet.respond import RespondError, dcql
    from wallet.respond.request import _parameters, read_request

    text = data.decode("utf-8", errors="replace")
    with contextlib.suppress(RespondError):
        if "request_uri" in _parameters(text):
            raise RespondError(M("not fetched here"))
        read_request(text)
    with contextlib.suppress(RespondError, FormatError):
        dcql.parse_query(jose.load_json_bytes(data))


# --- seed lists -----------------------------------------------------------------------------


def _verifier_request_seeds() -> list[bytes]:
    from urllib.parse import urlencode

    query = {
        "credentials": [
            {
                "id": "pid",
                "format": "dc+sd-jwt",
                "meta": {"vct_values": ["urn:eudi:pid:1"]},
                "claims": [{"path": ["given_name"]}, {"path": ["nationalities", None]}],
            }
        ],
        "credential_sets": [{"options": [["pid"]], "purpose": "Age check"}],
    }
    link = "openid4vp://?" + urlencode(
        {
            "client_id": "redirect_uri:https://verifier.example/answer",
            "response_type": "vp_token",
            "response_mode": "direct_post",
            "response_uri": "https://verifier.example/answer",
            "nonce": "n-1",
            "state": "s-1",
            "dcql_query": json.dumps(query),
            "client_metadata": json.dumps({"client_name": "Example HR"}),
        }
    )
    signed = "openid4vp://?client_id=x509_hash%3Aabc&request_uri=https%3A%2F%2Fv.example%2Fr"
    return [link.encode(), signed.encode(), json.dumps(query).encode()]


def _offer_seeds() -> list[bytes]:
    from urllib.parse import quote

    offer = json.dumps(
        {
            "credential_issuer": "https://issuer.example",
            "credential_configuration_ids": ["UniversityDegree"],
            "grants": {
                "urn:ietf:params:oauth:grant-type:pre-authorized_code": {
                    "pre-authorized_code": "abc",
                    "tx_code": {"input_mode": "numeric", "length": 6},
                }
            },
        }
    )
    interaction = json.dumps({"protocols": {"vcapi": "https://issuer.example/exchanges/1"}})
    return [
        offer.encode(),
        f"openid-credential-offer://?credential_offer={quote(offer)}".encode(),
        b"openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo%2F1",
        b"dccrequest://request?issuer=did%3Akey%3Az6Mk&vc_request_url="
        b"https%3A%2F%2Fissuer.example%2Fexchanges%2F1&challenge=c1&auth_type=bearer",
        b"https://lcw.app/request?issuer=x&vc_request_url=https%3A%2F%2Fissuer.example%2Fe",
        b"https://issuer.example/interactions/1?iuv=1",
        f"interaction:{quote(interaction)}".encode(),
    ]


def _edc_seeds() -> list[bytes]:
    """The public Europass EDC samples, plain and sealed (tests/data/edc/SOURCE.md)."""
    return [p.read_bytes() for p in sorted((ROOT / "tests" / "data" / "edc").glob("*.jsonld"))]


def _blockcerts_seeds() -> list[bytes]:
    """Blockcerts v2 and v3 test certificates (tests/data/blockcerts/SOURCE.md)."""
    folder = ROOT / "tests" / "data" / "blockcerts"
    names = ("testnet-valid-2.0.json", "testnet-v3-did.json", "mocknet-vc-v2-validFrom-valid.json")
    return [(folder / name).read_bytes() for name in names]


def _trusted_list_seeds() -> list[bytes]:
    """The EU List of Trusted Lists of 28 April 2026 (tests/data/eu_lotl/SOURCE.md)."""
    return [(ROOT / "tests" / "data" / "eu_lotl" / "eu-lotl-2026-04-28.xml").read_bytes()]


def t_trusted_list(data: bytes) -> None:
    """eu_trust: a trusted list's XML read (no DTD, no entities), its pointers and services."""
    import datetime as dt

    from wallet.verify import eu_trust

    with contextlib.suppress(eu_trust.TrustListError):
        root = eu_trust.parse_list_xml(data, "https://example.org/tl.xml")
        eu_trust.lotl_pointers(root)
        eu_trust.list_services(root, "EU", dt.datetime(2026, 4, 28, tzinfo=dt.UTC))


def _credential_seeds() -> list[bytes]:
    return [*demo_credentials(), *vector_credentials(), baked_svg()]


def _jwt_payload_seeds() -> list[bytes]:
    from wallet.proofs.jose import decode_compact

    out = []
    for raw in demo_credentials():
        text = raw.decode("latin-1").strip()
        if text.count(".") == 2 and "~" not in text:
            out.append(decode_compact(text)[1])
    return out


def _sd_jwt_seeds() -> list[bytes]:
    out = [d for d in demo_credentials() if b"~" in d]
    out += [v for v in vector_credentials() if b"~" in v or b'"disclosures"' in v]
    return out


def _zip_seeds() -> list[bytes]:
    creds = demo_credentials()
    return [
        make_zip([(f"c{i}.json", c) for i, c in enumerate(creds[:4])]),
        make_zip(
            [
                ("../up.json", creds[0]),
                ("/abs/x.jwt", creds[8]),
                ("__MACOSX/._x", b"junk"),
                ("inner.zip", make_zip([("a", b"{}")])),
            ]
        ),
    ]


def _zip_entry_seeds() -> list[bytes]:
    creds = demo_credentials()
    return [b"a.json\0" + creds[0] + b"\0../b.jwt\0" + creds[8], b"/etc/x\0{}"]


def _qr_text_seeds() -> list[bytes]:
    texts = qr_texts()
    return [t.encode("latin-1") for t in texts] + ["\n".join(texts[1:4]).encode("latin-1")]


def _presentation_seeds() -> list[bytes]:
    return [json.dumps(vp).encode("utf-8") for vp in demo_presentations()] + [
        d for d in demo_credentials() if b"~" in d
    ]


def _backup_seeds() -> list[bytes]:
    from wallet import backup

    return [backup.encode(backup_document(), BACKUP_PW, log_n=1)]


def _backup_body_seeds() -> list[bytes]:
    import cbor2

    return [cbor2.dumps(backup_document())]


def _stack_seeds() -> list[bytes]:
    paths = [*sorted((DEMO / "stacks").glob("*.json")), *sorted(STACK_FIXTURES.glob("*.json"))]
    return [p.read_bytes() for p in paths]


def _cbor_seeds() -> list[bytes]:
    return [_inflate_qr(p) for p in qr_payloads()]


def _tooltip_seeds() -> list[bytes]:
    return [
        b'<img src="/dev/zero">',
        b"<b>\xe2\x9c\x93 Verified</b> by <i>Uni</i>",
        b"<table>" + b"<tr><td>x</td></tr>" * 50 + b"</table>",
        b"Plain title & more",
        b"<a href='file:///etc/passwd'>click</a>",
        b"line 1\nline 2  <br>  spaced",
        b"<!-- c --><qt>x</qt>",
        b"&lt;b&gt; &amp;amp; &#x3c;img&#x3e;",
    ]


def _restore_seeds() -> list[bytes]:
    import cbor2

    doc = backup_document()
    forged = dict(
        doc["credentials"][0],
        title="Master of Nursing Science (Honours)",
        record=b'{"title": "Master of Nursing Science (Honours)"}',
    )
    trusting = dict(
        doc,
        trusted_issuers=[
            {"issuer_id": "did:key:z6MkAttacker", "name": "Pukeko Polytechnic", "source": "user"}
        ],
        credentials=[forged],
    )
    return [cbor2.dumps(doc), cbor2.dumps(trusting)]


def _redirect_seeds() -> list[bytes]:
    return [
        b"302 /two\n200 -\nhello",
        b"301 https://issuer.example/x\n",
        b"302 http://10.0.0.1/\n",
        b"307 https://metadata.example/latest\n",
        b"302 http://[::1]:1/\n",
        b"308 //rebind.example/\n200 -\n{}",
        b"303 https://user:pw@bad.example:99999/\n",
        b"302 " + b"/a" * 40 + b"\n",
    ]


TARGETS: dict[str, Target] = {
    t.name: t
    for t in [
        Target("parse", t_parse, _credential_seeds, "formats.parse, every format"),
        Target(
            "png_text",
            t_png_text,
            lambda: [b"\0" + _demo_json(), b"\1" + _demo_json(), b"\2" + demo_credentials()[8]],
            "baked PNG chunks",
        ),
        Target(
            "svg_text",
            t_svg_text,
            lambda: [_demo_json(), demo_credentials()[8]],
            "baked SVG element",
        ),
        Target("jwt_claims", t_jwt_claims, _jwt_payload_seeds, "JWT payload: parse + verify_jwt"),
        Target("sd_jwt", t_sd_jwt, _sd_jwt_seeds, "SD-JWT: parse + verify_sd_jwt"),
        Target("zip", t_zip, _zip_seeds, "sources.read_sources on zip bytes"),
        Target("zip_entries", t_zip_entries, _zip_entry_seeds, "zip names and members"),
        Target("qr_text", t_qr_text, _qr_text_seeds, "qr.decode (LW2 texts)"),
        Target("qr_payload", t_qr_payload, lambda: list(qr_payloads()), "qr.from_payload"),
        Target("qr_cbor", t_qr_cbor, _cbor_seeds, "LW2 CBOR content check and unpacking"),
        Target("qr_image", t_qr_image, lambda: list(qr_pngs()), "qr.read_qr_image + decode"),
        Target("verify", t_verify, lambda: list(demo_credentials()), "verify_parsed"),
        Target("presentation", t_presentation, _presentation_seeds, "verify_presentation"),
        Target("backup", t_backup, _backup_seeds, "backup.decode (whole file)"),
        Target("backup_body", t_backup_body, _backup_body_seeds, "backup.decode document checks"),
        Target("stacks", t_stacks, _stack_seeds, "stacks.load.load_any (ours, CTDL, Badgr)"),
        Target("tooltip_text", t_tooltip_text, _tooltip_seeds, "plain_tip: tooltips as plain text"),
        Target("restore", t_restore, _restore_seeds, "backup restore: records from original bytes"),
        Target("redirects", t_redirects, _redirect_seeds, "fetch_url: redirects and addresses"),
        Target("offer_link", t_offer_link, _offer_seeds, "issuer offer links and exchange links"),
        Target("edc", t_verify, _edc_seeds, "Europass EDC and its JAdES seal: verify_parsed"),
        Target("blockcerts", t_verify, _blockcerts_seeds, "Blockcerts v2/v3: verify_parsed"),
        Target("trusted_list", t_trusted_list, _trusted_list_seeds, "EU trusted list XML"),
        Target(
            "verifier_request",
            t_verifier_request,
            _verifier_request_seeds,
            "verifier request links (OpenID4VP, by value) and DCQL queries",
        ),
    ]
}


def run_one(target: Target, data: bytes, seconds: float = PER_INPUT_SECONDS) -> None:
    """Run one input under the per-input time limit; a Hang or any other exception escapes."""
    with time_limit(seconds):
        target.run(data)
