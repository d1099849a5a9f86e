"""Blockcerts v2 (`signature`: MerkleProof2017) and v3 (`proof`: MerkleProof2019, also chained).

A Blockcerts certificate is not signed with a key: the issuer hashed it into a Merkle tree and
wrote the tree's root into a blockchain transaction sent from the issuer's address. So three
separate things make it authentic, and the report says which of them were checked:

1. the Merkle proof (offline): the SHA-256 of the certificate's URDNA2015 canonical form (without
   its proof) is the proof's target hash, and hashing up the proof's path gives its Merkle root;
2. the anchor (online, then cached): the transaction the proof names records that root;
3. the issuer binding (online, then cached): the address the transaction was sent from was one
   of the issuer's keys at that time (created before, not revoked or expired by then).

Offline with nothing cached only (1) can be checked: the proof is then `unknown` ("Merkle proof
holds; anchor in Bitcoin transaction X not checked offline"), never verified. Transactions are
read from a blockchain explorer speaking the Esplora API (blockstream.info by default, or any
URL template the learner sets); only Bitcoin anchors are read. Mock chains are test fixtures and
never verify.
"""

from __future__ import annotations

import copy
import datetime as _dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from wallet.errors import FormatError, WalletError
from wallet.messages import M, Msg, join
from wallet.proofs import canon, keys
from wallet.proofs.jose import load_json_bytes
from wallet.verify.context import (
    KEY_DOCUMENT,
    STATUS_LIST,
    FetchRefused,
    Unreachable,
    VerifyContext,
    moment_of,
)
from wallet.verify.dataintegrity import context_check
from wallet.verify.outcome import ProofOutcome
from wallet.verify.report import FAIL, ISSUER, PASS, PROOF, SKIP, STATUS, UNKNOWN, Check

# Cache kind of blockchain transactions, by explorer URL.
TRANSACTION = "blockchain-tx"
# The store setting holding the learner's explorer (a URL template).
EXPLORER_SETTING = "blockcerts_explorer"
# Esplora API (Blockstream's explorer; mempool.space speaks the same). `{net}` is "" on Bitcoin
# mainnet and "testnet/" on testnet; `{txid}` is the transaction id.
DEFAULT_EXPLORER = "https://blockstream.info/{net}api/tx/{txid}"

MERKLE_PROOF_2017 = "MerkleProof2017"
MERKLE_PROOF_2019 = "MerkleProof2019"
CHAINED_PROOF_2021 = "ChainedProof2021"

# Bounds on what a stranger's proof can make the wallet do.
MAX_PROOF_VALUE = 8192  # characters of a MerkleProof2019 proofValue
MAX_PATH = 64  # Merkle path steps (a tree of 2^64 certificates is more than enough)
MAX_ANCHORS = 8
MAX_CBOR_ITEMS = 512  # every CBOR item of a decoded proofValue, nested ones included

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX = re.compile(r"(?:[0-9a-f]{2})+")
_MOCK = "mock"
_BITCOIN = "bitcoin"
_ETHEREUM = "ethereum"
_KOBLITZ = "ecdsa-koblitz-pubkey:"


class ReceiptError(WalletError):
    """The Merkle proof itself is malformed: the proof fails."""


@dataclass
class Anchor:
    """Where the Merkle root was written: chain, network and transaction id."""

    chain: str  # bitcoin, ethereum, mock, or the name the certificate gives
    network: str  # mainnet, testnet, ...
    txid: str


@dataclass
class Receipt:
    """A Merkle proof: target hash, path of (side, sibling hash), root, anchors."""

    target_hash: str
    merkle_root: str
    path: list[tuple[str, str]]
    anchors: list[Anchor]
    verification_method: str | None = None


@dataclass
class Transaction:
    """What an explorer says about the anchoring transaction."""

    url: str
    fetched_at: str
    op_returns: list[str]  # hex data of every OP_RETURN output
    address: str | None  # the address of the first input (who sent it)
    time: _dt.datetime | None  # block time; None while unconfirmed


# --- which certificates -----------------------------------------------------------------------


def _type_names(value: Any) -> list[str]:
    return [t for t in (value if isinstance(value, list) else [value]) if isinstance(t, str)]


def is_merkle_2019(proof: Any) -> bool:
    """A v3 proof entry: MerkleProof2019, or a ChainedProof2021 whose chained type it is."""
    if not isinstance(proof, dict):
        return False
    names = _type_names(proof.get("type"))
    if CHAINED_PROOF_2021 in names:
        names += _type_names(proof.get("chainedProofType"))
    return MERKLE_PROOF_2019 in names


def _is_v2(document: dict[str, Any]) -> bool:
    signature = document.get("signature")
    return isinstance(signature, dict) and MERKLE_PROOF_2017 in _type_names(signature.get("type"))


def is_blockcerts(document: Any) -> bool:
    """A Blockcerts certificate: a v2 MerkleProof2017 `signature` or a v3 Merkle `proof`."""
    if not isinstance(document, dict):
        return False
    if _is_v2(document):
        return True
    proofs = document.get("proof")
    return any(is_merkle_2019(p) for p in (proofs if isinstance(proofs, list) else [proofs]))


# --- the Merkle proof (offline) -----------------------------------------------------------------


def _hex(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _HEX64.fullmatch(value.lower()):
        raise ReceiptError(M("the Merkle proof's {field} is not a SHA-256 hash", field=what))
    return value.lower()


def _path(steps: Any) -> list[tuple[str, str]]:
    if steps is None:
        return []
    if not isinstance(steps, list) or len(steps) > MAX_PATH:
        raise ReceiptError(M("the Merkle proof's path is malformed"))
    out: list[tuple[str, str]] = []
    for step in steps:
        if not isinstance(step, dict) or len(step) != 1:
            raise ReceiptError(M("the Merkle proof's path is malformed"))
        ((side, value),) = step.items()
        if side not in ("left", "right"):
            raise ReceiptError(M("the Merkle proof's path is malformed"))
        out.append((side, _hex(value, "path")))
    return out


def _chain_v2(document: dict[str, Any], anchor: dict[str, Any]) -> tuple[str, str]:
    """The chain of a v2 anchor: its `chain`, else the network of the issuer's address."""
    name = anchor.get("chain")
    if isinstance(name, str) and name:
        lowered = name.lower()
        if lowered.startswith("mock"):
            return _MOCK, "mocknet"
        if lowered.startswith("bitcoin"):
            return _BITCOIN, lowered.removeprefix("bitcoin") or "mainnet"
        if lowered.startswith("ethereum"):
            return _ETHEREUM, lowered.removeprefix("ethereum") or "mainnet"
        return name, ""
    if anchor.get("type") not in (None, "BTCOpReturn"):
        return str(anchor.get("type")), ""
    verification = document.get("verification")
    address = ""
    if isinstance(verification, dict):
        address = str(verification.get("publicKey") or verification.get("creator") or "")
    address = address.removeprefix(_KOBLITZ)
    return _BITCOIN, "testnet" if address[:1] in ("m", "n", "2") else "mainnet"


def receipt_v2(document: dict[str, Any]) -> Receipt:
    """The MerkleProof2017 receipt of a Blockcerts v2 certificate."""
    signature = document.get("signature")
    if not isinstance(signature, dict):
        raise ReceiptError(M("the certificate's signature block is malformed"))
    anchors_in = signature.get("anchors")
    if not isinstance(anchors_in, list) or not anchors_in or len(anchors_in) > MAX_ANCHORS:
        raise ReceiptError(M("the Merkle proof names no blockchain anchor"))
    anchors = []
    for a in anchors_in:
        if not isinstance(a, dict) or not isinstance(a.get("sourceId"), str):
            raise ReceiptError(M("the Merkle proof's anchor is malformed"))
        chain, network = _chain_v2(document, a)
        anchors.append(Anchor(chain, network, a["sourceId"]))
    return Receipt(
        _hex(signature.get("targetHash"), "targetHash"),
        _hex(signature.get("merkleRoot"), "merkleRoot"),
        _path(signature.get("proof")),
        anchors,
    )


# MerkleProof2019 proofValue: multibase base58btc of CBOR, keys and chains by number
# (the Blockcerts "merkle-proof-2019" encoding): [[key, value], ...].
_ROOT_KEYS = {0: "merkleRoot", 1: "targetHash", 2: "anchors", 3: "path"}
_SIDES = {0: "left", 1: "right"}
_CHAINS = {0: _BITCOIN, 1: _ETHEREUM, 2: "polygon", -1: _MOCK}
_NETWORKS = {
    _BITCOIN: {1: "mainnet", 3: "testnet"},
    _ETHEREUM: {1: "mainnet", 3: "ropsten", 4: "rinkeby", 5: "goerli", 11155111: "sepolia"},
    "polygon": {137: "mainnet", 80001: "mumbai"},
    _MOCK: {-1: "mocknet"},
}


def _count_items(value: Any, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise ReceiptError(M("the MerkleProof2019 proofValue is too large"))
    if isinstance(value, list):
        for v in value:
            _count_items(v, budget)


def _cbor(data: bytes) -> Any:
    """CBOR by cbor2 (kept by the same people for years; the wallet already reads ecdsa-sd-2023
    proofs with it), bounded: the input is capped before decoding and items counted after."""
    try:
        value = cbor2.loads(data)
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError, RecursionError):
        raise ReceiptError(M("the MerkleProof2019 proofValue is not valid CBOR")) from None
    _count_items(value, [MAX_CBOR_ITEMS])
    return value


def _inner(value: Any) -> str:
    """A hash or id in the encoding: itself CBOR (a text string of hex, or bytes)."""
    if not isinstance(value, bytes):
        raise ReceiptError(M("the MerkleProof2019 proofValue is malformed"))
    inner = _cbor(value)
    if isinstance(inner, bytes):
        return inner.hex()
    if isinstance(inner, str):
        return inner
    raise ReceiptError(M("the MerkleProof2019 proofValue is malformed"))


def _pairs(value: Any) -> list[tuple[Any, Any]]:
    if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 for p in value):
        raise ReceiptError(M("the MerkleProof2019 proofValue is malformed"))
    return [(p[0], p[1]) for p in value]


def _anchor_2019(entries: Any) -> Anchor:
    chain = network = txid = ""
    for k, v in _pairs(entries):
        if k == 0:
            chain = _CHAINS.get(v, str(v)) if isinstance(v, int) else ""
        elif k == 1 and isinstance(v, int):
            network = _NETWORKS.get(chain, {}).get(v, str(v))
        elif k == 2:
            txid = _inner(v)
        elif k == 1 and chain == _MOCK:  # a mock anchor: [chain, text]
            txid = _inner(v)
    if not chain:
        raise ReceiptError(M("the Merkle proof's anchor is malformed"))
    return Anchor(chain, network or ("mocknet" if chain == _MOCK else ""), txid)


def decode_proof_value(value: Any) -> Receipt:
    """The receipt a MerkleProof2019 proofValue encodes."""
    if isinstance(value, str) and len(value) > MAX_PROOF_VALUE:
        raise ReceiptError(M("the MerkleProof2019 proofValue is too large"))
    if not isinstance(value, str) or not value.startswith("z"):
        raise ReceiptError(M("the MerkleProof2019 proofValue is not a base58btc multibase value"))
    try:
        raw = keys.multibase_decode(value)
    except WalletError:
        raise ReceiptError(
            M("the MerkleProof2019 proofValue is not a base58btc multibase value")
        ) from None
    fields: dict[str, Any] = {}
    for k, v in _pairs(_cbor(raw)):
        name = _ROOT_KEYS.get(k) if isinstance(k, int) else None
        if name is None or name in fields:
            raise ReceiptError(M("the MerkleProof2019 proofValue is malformed"))
        fields[name] = v
    path = [
        {_SIDES.get(side, "?") if isinstance(side, int) else "?": _inner(h)}
        for side, h in _pairs(fields.get("path", []))
    ]
    anchors_in = fields.get("anchors")
    if not isinstance(anchors_in, list) or not anchors_in or len(anchors_in) > MAX_ANCHORS:
        raise ReceiptError(M("the Merkle proof names no blockchain anchor"))
    return Receipt(
        _hex(_inner(fields.get("targetHash")), "targetHash"),
        _hex(_inner(fields.get("merkleRoot")), "merkleRoot"),
        _path(path),
        [_anchor_2019(a) for a in anchors_in],
    )


def merkle_root_of(receipt: Receipt) -> str:
    """The root reached by hashing the target hash up the path (SHA-256 of the pair)."""
    current = bytes.fromhex(receipt.target_hash)
    for side, sibling in receipt.path:
        other = bytes.fromhex(sibling)
        pair = other + current if side == "left" else current + other
        current = hashlib.sha256(pair).digest()
    return current.hex()


def _unsecured_v3(document: dict[str, Any], target: dict[str, Any]) -> dict[str, Any]:
    """The certificate as the Merkle proof covers it: without its proof, or (in a proof list)
    with only the proofs before this one."""
    unsecured = copy.deepcopy(document)
    proofs = document.get("proof")
    if isinstance(proofs, list):
        index = next(i for i, p in enumerate(proofs) if p is target)
        unsecured["proof"] = copy.deepcopy(proofs[:index])
        if not unsecured["proof"]:
            del unsecured["proof"]
    else:
        unsecured.pop("proof", None)
    return unsecured


def _local_hash(unsecured: dict[str, Any], ctx: VerifyContext) -> str:
    """SHA-256 (hex) of the URDNA2015 canonical N-Quads, from a safe-mode expansion: a term the
    contexts do not define would be left out of the hash, so it is refused (as Blockcerts'
    own verifier refuses "unmapped fields")."""
    expanded = canon.expand_safe(unsecured, ctx.loader)
    nquads = canon.canonicalize_expanded(expanded, "sha256")
    return hashlib.sha256(nquads.encode("utf-8")).hexdigest()


# --- the anchor (online, cached) -------------------------------------------------------------


def explorer_url(template: str | None, anchor: Anchor) -> str:
    """The explorer address of a Bitcoin transaction, from the learner's template."""
    chosen = template or DEFAULT_EXPLORER
    net = "" if anchor.network == "mainnet" else f"{anchor.network}/"
    return chosen.replace("{net}", net).replace("{txid}", anchor.txid)


def explorer_problem(template: str) -> Msg | None:
    """Why a learner's explorer template cannot be used (None when it can): an https address
    with {txid} where the transaction id goes ({net}: "" on mainnet, "testnet/" on testnet)."""
    if not template.startswith("https://") or len(template) > 500:
        return M("the blockchain explorer must be an https address")
    if "{txid}" not in template:
        return M(
            "the blockchain explorer address must say where the transaction id goes: {marker}",
            marker="{txid}",
        )
    return None


def _op_return_data(script: str) -> str | None:
    """The data an OP_RETURN output script pushes (hex), or None for another script."""
    script = script.lower()
    if not script.startswith("6a") or len(script) < 4 or not _HEX.fullmatch(script):
        return None
    length = int(script[2:4], 16)
    body = script[4:]
    if length == 0x4C and len(body) >= 2:  # OP_PUSHDATA1
        length, body = int(body[:2], 16), body[2:]
    return body[: 2 * length] if len(body) >= 2 * length else None


def read_transaction(data: bytes, url: str, fetched_at: str, txid: str) -> Transaction:
    """An Esplora transaction (GET /tx/:txid): OP_RETURN data, first input's address, time."""
    try:
        tx = load_json_bytes(data)
    except FormatError as e:
        raise ReceiptError(
            M("the explorer's answer ({url}) is not JSON: {problem}", url=url, problem=e.msg)
        ) from None
    if not isinstance(tx, dict) or not isinstance(tx.get("vout"), list):
        raise ReceiptError(M("the explorer's answer ({url}) is not a transaction", url=url))
    if isinstance(tx.get("txid"), str) and tx["txid"].lower() != txid.lower():
        raise ReceiptError(
            M("the explorer answered for another transaction than {txid}", txid=txid)
        )
    outputs = [
        _op_return_data(o["scriptpubkey"])
        for o in tx["vout"]
        if isinstance(o, dict) and isinstance(o.get("scriptpubkey"), str)
    ]
    vin = tx.get("vin")
    first = vin[0] if isinstance(vin, list) and vin and isinstance(vin[0], dict) else {}
    prevout = first.get("prevout")
    address = prevout.get("scriptpubkey_address") if isinstance(prevout, dict) else None
    status = tx.get("status")
    time = None
    if isinstance(status, dict) and status.get("confirmed") is True:
        block_time = status.get("block_time")
        if isinstance(block_time, int) and 0 < block_time < 2**40:
            time = _dt.datetime.fromtimestamp(block_time, _dt.UTC)
    return Transaction(
        url,
        fetched_at,
        [o for o in outputs if o is not None],
        address if isinstance(address, str) else None,
        time,
    )


# --- addresses and the issuer's keys -----------------------------------------------------------


def _b58check(version: bytes, payload: bytes) -> str:
    data = version + payload
    return keys.b58encode(data + hashlib.sha256(hashlib.sha256(data).digest()).digest()[:4])


def bitcoin_address(public_key: bytes, network: str) -> str | None:
    """The P2PKH address of a compressed secp256k1 key (None where RIPEMD-160 is missing)."""
    try:
        ripemd = hashlib.new("ripemd160", hashlib.sha256(public_key).digest()).digest()
    except ValueError:
        return None
    return _b58check(b"\x00" if network == "mainnet" else b"\x6f", ripemd)


def _compressed(key: Any) -> bytes | None:
    if isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, ec.SECP256K1):
        return key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
        )
    return None


def _secp256k1_of(vm: dict[str, Any]) -> bytes | None:
    """The compressed secp256k1 key of a verification method (JWK or Multikey), else None."""
    jwk = vm.get("publicKeyJwk")
    if isinstance(jwk, dict) and jwk.get("kty") == "EC" and jwk.get("crv") == "secp256k1":
        try:
            x = int.from_bytes(keys.b64url_decode(str(jwk.get("x", ""))), "big")
            y = int.from_bytes(keys.b64url_decode(str(jwk.get("y", ""))), "big")
            return _compressed(ec.EllipticCurvePublicNumbers(x, y, ec.SECP256K1()).public_key())
        except (WalletError, ValueError):
            return None
    multibase = vm.get("publicKeyMultibase")
    if isinstance(multibase, str):
        try:
            code, raw = keys.multicodec_unwrap(keys.multibase_decode(multibase))
        except WalletError:
            return None
        if code == 0xE7 and len(raw) == 33:
            return raw
    return None


def _parse_time(value: Any) -> _dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    text = value.replace("Z", "+00:00")
    if re.search(r"[+-]\d{4}$", text):  # +0000, as older Blockcerts profiles write it
        text = f"{text[:-2]}:{text[-2:]}"
    try:
        moment = _dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=_dt.UTC)


def _key_dates(entry: dict[str, Any], when: _dt.datetime, name: str, valid: Msg) -> Check:
    """The issuer check once the key is found: its own dates against the transaction time, a
    fail when it was not valid then (and unknown when a date it carries cannot be read: a
    revocation must never be overlooked), else a pass saying `valid`."""
    for member in ("revoked", "expires", "created"):
        if entry.get(member) is not None and _parse_time(entry.get(member)) is None:
            return Check(
                ISSUER,
                UNKNOWN,
                M(
                    "the {field} date of the issuer's key {key} cannot be read: {value}",
                    field=member,
                    key=name,
                    value=repr(entry.get(member))[:80],
                ),
            )
    revoked = _parse_time(entry.get("revoked"))
    if revoked is not None and revoked <= when:
        return Check(
            ISSUER,
            FAIL,
            M(
                "the issuer revoked the key {key} on {revoked}, before the certificate was "
                "anchored on {when}",
                key=name,
                revoked=revoked,
                when=when,
            ),
        )
    expires = _parse_time(entry.get("expires"))
    if expires is not None and expires <= when:
        return Check(
            ISSUER,
            FAIL,
            M(
                "the key {key} expired on {expires}, before the certificate was anchored on {when}",
                key=name,
                expires=expires,
                when=when,
            ),
        )
    created = _parse_time(entry.get("created"))
    if created is not None and created > when:
        return Check(
            ISSUER,
            FAIL,
            M(
                "the key {key} was only created on {created}, after the certificate was "
                "anchored on {when}",
                key=name,
                created=created,
                when=when,
            ),
        )
    return Check(ISSUER, PASS, valid)


def _profile_keys(profile: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(address, entry) of every `publicKey`/`publicKeys` entry of a Blockcerts issuer profile."""
    out = []
    for member in ("publicKey", "publicKeys"):
        value = profile.get(member)
        for entry in value if isinstance(value, list) else [value] if value else []:
            if isinstance(entry, str):
                entry = {"id": entry}
            if not isinstance(entry, dict):
                continue
            name = entry.get("id") or entry.get("publicKey")
            if isinstance(name, str):
                out.append((name.removeprefix(_KOBLITZ), entry))
    return out


def _fetch_json(ctx: VerifyContext, url: str) -> tuple[dict[str, Any], str] | Msg:
    """An issuer document by URL (fetched online, else cached), or why it cannot be had."""
    got = ctx.fetch_or_why(
        KEY_DOCUMENT,
        url,
        M("the issuer's profile {url} is not cached; check online once to fetch it", url=url),
    )
    if isinstance(got, Msg):
        return got
    data, fetched_at = got
    try:
        doc = load_json_bytes(data)
    except FormatError as e:
        return M("the issuer's profile {url} is not JSON: {problem}", url=url, problem=e.msg)
    if not isinstance(doc, dict):
        return M("the issuer's profile {url} is not a JSON object", url=url)
    return doc, fetched_at


def _same_document(a: str, b: str) -> bool:
    return a.split("#", 1)[0].rstrip("/") == b.split("#", 1)[0].rstrip("/")


def _issuer_url_v2(document: dict[str, Any]) -> str | None:
    badge = document.get("badge")
    issuer = badge.get("issuer") if isinstance(badge, dict) else None
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _issuer_id_v3(document: dict[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _binding_by_profile(
    ctx: VerifyContext, profile_url: str, tx: Transaction, when: _dt.datetime
) -> Check:
    """v2 (and v3 without a verification method): the sending address among the profile's keys."""
    if not profile_url.startswith("https://"):
        return Check(
            ISSUER,
            UNKNOWN,
            M("the issuer's profile {url} is not an https address", url=profile_url),
        )
    got = _fetch_json(ctx, profile_url)
    if isinstance(got, Msg):
        return Check(ISSUER, UNKNOWN, got)
    profile, fetched_at = got
    for address, entry in _profile_keys(profile):
        if address == tx.address:
            return _key_dates(
                entry,
                when,
                address,
                M(
                    "the transaction was sent from {address}, a key of the issuer at that time "
                    "(issuer profile {url}, fetched {fetched})",
                    address=address,
                    url=profile_url,
                    fetched=moment_of(fetched_at),
                ),
            )
    return Check(
        ISSUER,
        FAIL,
        M(
            "the transaction was sent from {address}, which is not a key of the issuer "
            "(issuer profile {url})",
            address=str(tx.address),
            url=profile_url,
        ),
    )


def _method_key(
    ctx: VerifyContext, method: str, issuer_id: str | None
) -> tuple[bytes, dict[str, Any], Msg] | Check:
    """The secp256k1 key a v3 proof's verification method names, with its entry and how it
    was found; or the issuer check that says why not."""
    base = method.split("#", 1)[0]
    if issuer_id is None or not _same_document(base, issuer_id):
        return Check(
            ISSUER,
            FAIL,
            M(
                "the proof's key {method} does not belong to the certificate's issuer {issuer}",
                method=method,
                issuer=str(issuer_id),
            ),
        )
    vouched = ctx.issuer_keys.get(method) or ctx.issuer_keys.get(base)
    if vouched is not None:
        raw = _compressed(vouched)
        if raw is None:
            return Check(ISSUER, FAIL, M("the key {method} is not a secp256k1 key", method=method))
        return raw, {}, M("a key vouched for out of band")
    if method.startswith("did:"):
        name = method.split(":")[1] if method.count(":") >= 2 else "?"
        return Check(
            ISSUER,
            UNKNOWN,
            M(
                "the issuer's key is {method}, and the wallet cannot resolve DID method {name}, "
                "so whether the transaction came from the issuer is unknown",
                method=method,
                name=name,
            ),
        )
    if not base.startswith("https://"):
        return Check(
            ISSUER, UNKNOWN, M("the issuer's key {method} is not an https address", method=method)
        )
    got = _fetch_json(ctx, base)
    if isinstance(got, Msg):
        return Check(ISSUER, UNKNOWN, got)
    profile, fetched_at = got
    methods_in = profile.get("verificationMethod")
    entry = next(
        (
            vm
            for vm in (methods_in if isinstance(methods_in, list) else [])
            if isinstance(vm, dict) and vm.get("id") in (method, "#" + method.split("#", 1)[-1])
        ),
        None,
    )
    if entry is None:
        return Check(
            ISSUER,
            FAIL,
            M("the issuer's profile {url} has no key {method}", url=base, method=method),
        )
    raw = _secp256k1_of(entry)
    if raw is None:
        return Check(ISSUER, FAIL, M("the key {method} is not a secp256k1 key", method=method))
    return (
        raw,
        entry,
        M("issuer profile {url}, fetched {when}", url=base, when=moment_of(fetched_at)),
    )


def _binding_by_method(
    ctx: VerifyContext,
    method: str,
    issuer_id: str | None,
    tx: Transaction,
    anchor: Anchor,
    when: _dt.datetime,
) -> Check:
    """v3: the sending address is the address of the key the proof names, valid at the time."""
    found = _method_key(ctx, method, issuer_id)
    if isinstance(found, Check):
        return found
    raw, entry, how = found
    address = bitcoin_address(raw, anchor.network)
    if address is None:
        return Check(
            ISSUER,
            UNKNOWN,
            M("this system's Python has no RIPEMD-160, so Bitcoin addresses cannot be derived"),
        )
    if address != tx.address:
        return Check(
            ISSUER,
            FAIL,
            M(
                "the transaction was sent from {address}, not from the address of the issuer's "
                "key {method} ({expected})",
                address=str(tx.address),
                method=method,
                expected=address,
            ),
        )
    return _key_dates(
        entry,
        when,
        method,
        M(
            "the transaction was sent from {address}, the address of the issuer's key {method} "
            "({how})",
            address=address,
            method=method,
            how=how,
        ),
    )


# --- putting it together -------------------------------------------------------------------------


def _context_check(unsecured: dict[str, Any], ctx: VerifyContext) -> tuple[Check, str | None]:
    """Safe-mode expansion and the certificate's hash: (context check, hash or None)."""
    try:
        digest = _local_hash(unsecured, ctx)
    except canon.CanonError as e:
        return context_check(e), None
    return context_check(None), digest


def _anchor_check(
    receipt: Receipt, ctx: VerifyContext
) -> tuple[Check, Transaction | None, Anchor | None]:
    """The Merkle root against the transaction that anchors it (the proof check)."""
    anchor = receipt.anchors[0]
    holds = M("the Merkle proof holds")
    if anchor.chain == _MOCK:
        return (
            Check(
                PROOF,
                UNKNOWN,
                M(
                    "the Merkle proof holds, but it is anchored in a mock blockchain, which is for "
                    "tests only: this certificate was never issued on a real blockchain"
                ),
            ),
            None,
            anchor,
        )
    if anchor.chain != _BITCOIN or anchor.network not in ("mainnet", "testnet"):
        return (
            Check(
                PROOF,
                UNKNOWN,
                M(
                    "the Merkle proof holds; its anchor in {chain} transaction {txid} was not "
                    "checked: the wallet reads Bitcoin anchors only",
                    chain=" ".join(p for p in (anchor.chain, anchor.network) if p),
                    txid=anchor.txid,
                ),
            ),
            None,
            anchor,
        )
    if not _HEX64.fullmatch(anchor.txid.lower()):
        return Check(PROOF, FAIL, M("the Merkle proof's anchor is malformed")), None, anchor
    url = explorer_url(ctx.blockcerts_explorer, anchor)
    chain = "Bitcoin" if anchor.network == "mainnet" else "Bitcoin testnet"
    try:
        data, fetched_at = ctx.fetch_or_cached(TRANSACTION, url)
    except FetchRefused:
        return (
            Check(
                PROOF,
                UNKNOWN,
                M(
                    "the Merkle proof holds; its anchor in {chain} transaction {txid} was not "
                    "checked offline (check online once to look it up)",
                    chain=chain,
                    txid=anchor.txid,
                ),
            ),
            None,
            anchor,
        )
    except Unreachable as e:
        return (
            Check(
                PROOF,
                UNKNOWN,
                M(
                    "the Merkle proof holds; its anchor in {chain} transaction {txid} could not be "
                    "looked up: {problem}",
                    chain=chain,
                    txid=anchor.txid,
                    problem=e.msg,
                ),
            ),
            None,
            anchor,
        )
    try:
        tx = read_transaction(data, url, fetched_at, anchor.txid)
    except ReceiptError as e:
        return Check(PROOF, UNKNOWN, join([holds, e.msg])), None, anchor
    if tx.time is None:
        return (
            Check(
                PROOF,
                UNKNOWN,
                M(
                    "the Merkle proof holds; its anchor, {chain} transaction {txid}, is not "
                    "confirmed in a block yet",
                    chain=chain,
                    txid=anchor.txid,
                ),
            ),
            None,
            anchor,
        )
    if receipt.merkle_root not in tx.op_returns:
        return (
            Check(
                PROOF,
                FAIL,
                M(
                    "{chain} transaction {txid} does not record this certificate's Merkle root: "
                    "the certificate was not issued in it",
                    chain=chain,
                    txid=anchor.txid,
                ),
            ),
            tx,
            anchor,
        )
    return (
        Check(
            PROOF,
            PASS,
            M(
                "the Merkle proof holds and its root is recorded in {chain} transaction {txid} "
                "of {when} (looked up {fetched})",
                chain=chain,
                txid=anchor.txid,
                when=tx.time,
                fetched=moment_of(fetched_at),
            ),
        ),
        tx,
        anchor,
    )


def _not_checked_issuer(proof: Check) -> Check:
    if proof.status == FAIL:
        return Check(
            ISSUER, SKIP, M("the signature does not verify, so nothing shows who issued it")
        )
    return Check(
        ISSUER,
        SKIP,
        M("the anchoring transaction was not checked, so nothing shows that the issuer sent it"),
    )


def _issuer_binding(
    ctx: VerifyContext, receipt: Receipt, issuer_id: str | None, tx: Transaction, anchor: Anchor
) -> Check:
    """Whether the anchoring transaction came from the issuer (only once it was found)."""
    if tx.address is None or tx.time is None:
        return Check(
            ISSUER,
            UNKNOWN,
            M("the blockchain explorer did not say which address sent the transaction"),
        )
    if receipt.verification_method is not None:
        return _binding_by_method(ctx, receipt.verification_method, issuer_id, tx, anchor, tx.time)
    if issuer_id is not None:
        return _binding_by_profile(ctx, issuer_id, tx, tx.time)
    return Check(ISSUER, FAIL, M("the certificate names no issuer"))


def verify_blockcerts(document: dict[str, Any], ctx: VerifyContext) -> ProofOutcome:
    """Proof, issuer and context checks of a Blockcerts v2 or v3 certificate."""
    v2 = _is_v2(document)
    issuer_id = _issuer_url_v2(document) if v2 else _issuer_id_v3(document)
    outcome = ProofOutcome(document=document, issuer_id=issuer_id)
    notes: list[Msg] = []
    try:
        if v2:
            receipt = receipt_v2(document)
            unsecured = {k: v for k, v in document.items() if k != "signature"}
        else:
            proofs = document.get("proof")
            listed = proofs if isinstance(proofs, list) else [proofs]
            target = next(p for p in listed if isinstance(p, dict) and is_merkle_2019(p))
            receipt = decode_proof_value(target.get("proofValue"))
            method = target.get("verificationMethod")
            receipt.verification_method = method if isinstance(method, str) else None
            unsecured = _unsecured_v3(document, target)
            others = [p for p in listed if p is not target and not is_merkle_2019(p)]
            if len(others) == 1:
                notes.append(M("the certificate also carries another proof, not checked here"))
            elif others:
                notes.append(
                    M(
                        "the certificate also carries {count} other proofs, not checked here",
                        count=len(others),
                    )
                )
    except ReceiptError as e:
        proof = Check(PROOF, FAIL, e.msg)
        outcome.checks = [proof, _not_checked_issuer(proof)]
        return outcome
    context, digest = _context_check(unsecured, ctx)
    if digest is None:
        status = UNKNOWN if context.status == UNKNOWN else FAIL
        proof = Check(
            PROOF,
            status,
            M("the certificate's hash cannot be computed: {problem}", problem=context.msg),
        )
        outcome.checks = [proof, _not_checked_issuer(proof), context]
        return outcome
    if digest != receipt.target_hash:
        proof = Check(
            PROOF,
            FAIL,
            M(
                "the certificate's hash is not the one its Merkle proof was made for: it was "
                "changed after it was issued"
            ),
        )
    elif merkle_root_of(receipt) != receipt.merkle_root:
        proof = Check(
            PROOF, FAIL, M("the Merkle proof is broken: its path does not lead to its root")
        )
    else:
        proof, tx, anchor = _anchor_check(receipt, ctx)
        if proof.status == PASS and tx is not None and anchor is not None:
            issuer = _issuer_binding(ctx, receipt, issuer_id, tx, anchor)
            if notes:
                proof = Check(proof.id, proof.status, join([proof.msg, *notes]))
            outcome.checks = [proof, issuer, context]
            return outcome
    if notes and proof.status != FAIL:
        proof = Check(proof.id, proof.status, join([proof.msg, *notes]))
    outcome.checks = [proof, _not_checked_issuer(proof), context]
    return outcome


# --- revocation (online, cached) ------------------------------------------------------------------


def _revocation_list_url(document: dict[str, Any], ctx: VerifyContext) -> str | None:
    """The issuer's revocation list: from its profile as fetched (or cached), else as the
    certificate embeds it (v2 badges carry their issuer's profile)."""
    v2 = _is_v2(document)
    issuer_url = _issuer_url_v2(document) if v2 else _issuer_id_v3(document)
    candidates: list[Any] = []
    if issuer_url is not None and issuer_url.startswith("https://"):
        hit = ctx.cached(KEY_DOCUMENT, issuer_url)
        if hit is not None:
            try:
                profile = load_json_bytes(hit[0])
            except FormatError:
                profile = None
            if isinstance(profile, dict):
                candidates.append(profile.get("revocationList"))
    badge = document.get("badge")
    embedded = badge.get("issuer") if isinstance(badge, dict) else document.get("issuer")
    if isinstance(embedded, dict):
        candidates.append(embedded.get("revocationList"))
    for url in candidates:
        if isinstance(url, dict):
            url = url.get("id")
        if isinstance(url, str) and url.strip():
            return url.strip()
    return None


def check_revocation(document: dict[str, Any], ctx: VerifyContext) -> Check:
    """The status check of a Blockcerts certificate: its id in the issuer's revocation list
    (`revokedAssertions`). The list is the one the issuer names, whatever its own `issuer`
    member says (Blockcerts lists often name the issuer by another of its addresses)."""
    url = _revocation_list_url(document, ctx)
    if url is None:
        return Check(STATUS, SKIP, M("the issuer publishes no revocation list for this credential"))
    got = ctx.fetch_or_why(
        STATUS_LIST, url, M("not checked yet: an online check fetches the issuer's status list")
    )
    if isinstance(got, Msg):
        return Check(STATUS, UNKNOWN, got)
    data, fetched_at = got
    try:
        listed = load_json_bytes(data)
    except FormatError as e:
        return Check(
            STATUS,
            UNKNOWN,
            M("the revocation list {url} is not JSON: {problem}", url=url, problem=e.msg),
        )
    items = listed.get("revokedAssertions") if isinstance(listed, dict) else None
    if not isinstance(items, list):
        return Check(
            STATUS, UNKNOWN, M("the revocation list has no {member}", member="revokedAssertions")
        )
    ids = {v for v in (document.get("id"),) if isinstance(v, str) and v}
    if not ids:
        return Check(
            STATUS,
            UNKNOWN,
            M("the credential has no id to look up in the issuer's revocation list"),
        )
    for item in items:
        item_id = item.get("id") if isinstance(item, dict) else item
        if item_id in ids:
            reason = item.get("revocationReason") if isinstance(item, dict) else None
            if isinstance(reason, str) and reason.strip():
                return Check(
                    STATUS, FAIL, M("revoked by the issuer: {reason}", reason=reason.strip())
                )
            return Check(STATUS, FAIL, M("revoked by the issuer"))
    return Check(
        STATUS,
        PASS,
        M(
            "not revoked (the issuer's revocation list {url}, fetched {when})",
            url=url,
            when=moment_of(fetched_at),
        ),
    )
