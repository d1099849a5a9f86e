"""ecdsa-sd-2023 (W3C Data Integrity ECDSA Cryptosuites v1.0): selectively disclosed proofs.

Why: an issuer signs a credential once (a *base proof*, kept by the learner); the learner then
reveals only some of its statements (a *derived proof*) and a verifier checks that every revealed
statement was signed by the issuer. The wallet verifies derived proofs it is shown, recognises
base proofs it holds (these are not presentations: a verifier must not accept them), and shares
the transformation steps with `wallet.proofs.sd_derive` (holder derivation, test issuer).

Every cryptographic operation (ECDSA P-256, SHA-256, HMAC-SHA-256) is done by `cryptography`;
RDF canonicalization (RDFC-1.0) by pyld; CBOR by `cbor2`. Only the data plumbing the suite
defines (blank-node relabelling, JSON pointer selection, grouping, proof value layout) is here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeGuard

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as _hmac
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from pyld import jsonld
from pyld.canon import URDNA2015
from pyld.nquads import serialize_nquad

from wallet.errors import WalletError
from wallet.messages import M, Msg
from wallet.proofs import canon as rdf_canon
from wallet.proofs import keys
from wallet.proofs.contexts import DocumentLoader, document_loader, unknown_context_in

CRYPTOSUITE = "ecdsa-sd-2023"
BASE_HEADER = bytes.fromhex("d95d00")
DERIVED_HEADER = bytes.fromhex("d95d01")

DERIVED_VALID, DERIVED_INVALID = "derived-valid", "derived-invalid"
BASE_VALID, BASE_INVALID = "base-valid", "base-invalid"
UNCHECKABLE = "uncheckable"  # neither valid nor invalid: the wallet cannot tell

_SKOLEM_PREFIX = "urn:bnid:"
_SIG_LEN = 64  # P-256 signature, r || s
_P256_MULTIKEY_LEN = 35  # 0x80 0x24 + compressed point

Quad = dict[str, Any]
LabelMapFactory = Callable[[dict[str, str]], dict[str, str]]


class SdError(WalletError):
    """An ecdsa-sd-2023 proof or document cannot be read, transformed or signed."""


class SdUncheckable(SdError):
    """The document cannot be transformed for want of something, not because it is wrong: a
    JSON-LD context the wallet lacks, or canonicalization that would take unbounded work.
    A verifier reports this as unknown, as the other Data Integrity suites do."""


# --- hashes, HMAC and ECDSA through `cryptography` --------------------------------------------


def sha256(data: bytes) -> bytes:
    """SHA-256 digest (the suite's proofHash and mandatoryHash)."""
    h = hashes.Hash(hashes.SHA256())
    h.update(data)
    return h.finalize()


def hmac_sha256(key: bytes, data: bytes) -> bytes:
    """HMAC-SHA-256, which turns canonical blank-node labels into unlinkable ones."""
    h = _hmac.HMAC(key, hashes.SHA256())
    h.update(data)
    return h.finalize()


def ecdsa_sign_raw(private_key: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
    """P-256/SHA-256 ECDSA signature in the fixed r||s form the suite carries (not DER)."""
    r, s = decode_dss_signature(private_key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def ecdsa_verify_raw(public_key: ec.EllipticCurvePublicKey, signature: bytes, data: bytes) -> bool:
    """True if the r||s `signature` verifies over `data` (SHA-256)."""
    if len(signature) != _SIG_LEN:
        return False
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    try:
        public_key.verify(der, data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


def _is_p256_public(key: Any) -> TypeGuard[ec.EllipticCurvePublicKey]:
    return isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1"


def public_key_bytes(key: ec.EllipticCurvePublicKey) -> bytes:
    """The multicodec bytes (0x8024 + compressed point) the proof value carries for a key."""
    return keys.multibase_decode(keys.public_key_to_multikey(key))


def public_key_from_bytes(raw: bytes) -> ec.EllipticCurvePublicKey:
    """The proof-scoped P-256 key from its multicodec bytes; raises SdError otherwise."""
    try:
        key = keys.multikey_to_public_key(keys.multibase_encode(raw))
    except WalletError as e:
        raise SdError(M("the proof-scoped key is unreadable: {problem}", problem=e.msg)) from None
    if not _is_p256_public(key):
        raise SdError(M("the proof-scoped key is not a P-256 key"))
    return key


# --- proof values ------------------------------------------------------------------------------


@dataclass
class BaseProofValue:
    """Components of a base proof (issuer to holder)."""

    base_signature: bytes
    public_key: bytes  # multicodec P-256 proof-scoped public key
    hmac_key: bytes
    signatures: list[bytes]
    mandatory_pointers: list[str]


@dataclass
class DerivedProofValue:
    """Components of a derived proof (holder to verifier)."""

    base_signature: bytes
    public_key: bytes
    signatures: list[bytes]
    label_map: dict[str, str]  # "c14nN" -> "u<base64url HMAC>"
    mandatory_indexes: list[int]


def _decode_proof_value(text: Any) -> bytes:
    if not isinstance(text, str) or not text.startswith("u"):
        raise SdError(M("an ecdsa-sd-2023 proofValue must be base64url multibase ('u…')"))
    try:
        return keys.multibase_decode(text)
    except WalletError:
        raise SdError(M("the proofValue is not base64url")) from None


def proof_value_kind(proof_value: Any) -> str:
    """ "base" or "derived", from the proofValue header; SdError for anything else."""
    raw = _decode_proof_value(proof_value)
    if raw[:3] == BASE_HEADER:
        return "base"
    if raw[:3] == DERIVED_HEADER:
        return "derived"
    raise SdError(M("the proofValue has no ecdsa-sd-2023 header"))


Kind = Literal["base", "derived"]
Component = Literal["signatures", "base signature", "public key", "HMAC key", "label map values"]


def _cbor_components(raw: bytes, header: bytes, kind: Kind) -> list[Any]:
    base = kind == "base"
    if raw[:3] != header:
        raise SdError(
            M("the proofValue is not a base proof")
            if base
            else M("the proofValue is not a derived proof")
        )
    try:
        value = cbor2.loads(raw[3:])
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError, RecursionError):
        raise SdError(
            M("the base proofValue is not valid CBOR")
            if base
            else M("the derived proofValue is not valid CBOR")
        ) from None
    if not isinstance(value, list) or len(value) != 5:
        raise SdError(
            M("the base proofValue must hold five components")
            if base
            else M("the derived proofValue must hold five components")
        )
    return value


def _not_bytes(what: Component, size: int) -> Msg:
    """One whole sentence per proofValue component, so each can be translated."""
    if what == "signatures":
        return M("the proofValue's signatures must be a byte string of {size} bytes", size=size)
    if what == "base signature":
        return M("the proofValue's base signature must be a byte string of {size} bytes", size=size)
    if what == "public key":
        return M("the proofValue's public key must be a byte string of {size} bytes", size=size)
    if what == "HMAC key":
        return M("the proofValue's HMAC key must be a byte string of {size} bytes", size=size)
    return M("the proofValue's label map values must be a byte string of {size} bytes", size=size)


def _bytes_of(value: Any, length: int, what: Component) -> bytes:
    if not isinstance(value, bytes) or len(value) != length:
        raise SdError(_not_bytes(what, length))
    return value


def _signature_list(value: Any) -> list[bytes]:
    if not isinstance(value, list):
        raise SdError(M("the proofValue's signatures must be a list"))
    return [_bytes_of(s, _SIG_LEN, "signatures") for s in value]


def parse_base_proof_value(proof_value: Any) -> BaseProofValue:
    """Read a base proofValue (header 0xd95d00); raises SdError if malformed."""
    c = _cbor_components(_decode_proof_value(proof_value), BASE_HEADER, "base")
    pointers = c[4]
    if not isinstance(pointers, list) or not all(isinstance(p, str) for p in pointers):
        raise SdError(M("the base proofValue's mandatory pointers must be strings"))
    return BaseProofValue(
        _bytes_of(c[0], _SIG_LEN, "base signature"),
        _bytes_of(c[1], _P256_MULTIKEY_LEN, "public key"),
        _bytes_of(c[2], 32, "HMAC key"),
        _signature_list(c[3]),
        list(pointers),
    )


def serialize_base_proof_value(value: BaseProofValue) -> str:
    """The base proofValue text: 'u' + base64url(0xd95d00 + CBOR of the five components)."""
    body = cbor2.dumps(
        [
            value.base_signature,
            value.public_key,
            value.hmac_key,
            list(value.signatures),
            list(value.mandatory_pointers),
        ]
    )
    return keys.multibase_encode(BASE_HEADER + body, "base64url")


def parse_derived_proof_value(proof_value: Any) -> DerivedProofValue:
    """Read a derived proofValue (header 0xd95d01), decompressing its label map."""
    c = _cbor_components(_decode_proof_value(proof_value), DERIVED_HEADER, "derived")
    compressed, indexes = c[3], c[4]
    if not isinstance(compressed, dict):
        raise SdError(M("the derived proofValue's label map must be a map"))
    label_map: dict[str, str] = {}
    for k, v in compressed.items():
        if not isinstance(k, int) or isinstance(k, bool) or k < 0:
            raise SdError(M("the derived proofValue's label map keys must be label numbers"))
        label_map[f"c14n{k}"] = "u" + keys.b64url_encode(_bytes_of(v, 32, "label map values"))
    if not isinstance(indexes, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in indexes
    ):
        raise SdError(M("the derived proofValue's mandatory indexes must be numbers"))
    return DerivedProofValue(
        _bytes_of(c[0], _SIG_LEN, "base signature"),
        _bytes_of(c[1], _P256_MULTIKEY_LEN, "public key"),
        _signature_list(c[2]),
        label_map,
        list(indexes),
    )


def serialize_derived_proof_value(value: DerivedProofValue) -> str:
    """The derived proofValue text, with the label map compressed to number -> HMAC bytes."""
    compressed: dict[int, bytes] = {}
    for k, v in sorted(value.label_map.items(), key=lambda kv: _label_number(kv[0])):
        if not v.startswith("u"):
            raise SdError(M("label {label} is not a base64url HMAC label", label=repr(v)))
        compressed[_label_number(k)] = keys.b64url_decode(v[1:])
    body = cbor2.dumps(
        [
            value.base_signature,
            value.public_key,
            list(value.signatures),
            compressed,
            list(value.mandatory_indexes),
        ]
    )
    return keys.multibase_encode(DERIVED_HEADER + body, "base64url")


def _label_number(label: str) -> int:
    if not label.startswith("c14n") or not label[4:].isdigit():
        raise SdError(M("{label} is not a canonical blank node label", label=repr(label)))
    return int(label[4:])


# --- RDF plumbing ------------------------------------------------------------------------------


def _rdf_error(exc: jsonld.JsonLdError) -> SdError:
    unknown = unknown_context_in(exc)
    if unknown is not None:
        return SdUncheckable(
            M(
                "the credential uses the JSON-LD context {url}, which "
                "the wallet does not have (it never fetches contexts)",
                url=unknown.url,
            )
        )
    return SdError(M("JSON-LD processing failed: {problem}", problem=str(exc)))


def _to_quads(document: dict[str, Any], loader: DocumentLoader) -> list[Quad]:
    """The document's RDF quads (graph name in 'name'), as pyld's RDF conversion gives them."""
    try:  # bounded: pyld's own conversion slows with the square of a property's values
        dataset = rdf_canon.to_rdf(
            document, {"documentLoader": loader, "produceGeneralizedRdf": False}
        )
    except jsonld.JsonLdError as exc:
        raise _rdf_error(exc) from None
    except rdf_canon.TooComplex as e:
        raise SdUncheckable(e.msg) from None
    quads: list[Quad] = []
    for graph, triples in dataset.items():
        for triple in triples:
            quad = dict(triple)
            if graph != "@default":
                kind = "blank node" if graph.startswith("_:") else "IRI"
                quad["name"] = {"type": kind, "value": graph}
            quads.append(quad)
    return quads


def _blank_positions(quad: Quad) -> Iterable[str]:
    return (
        k for k in ("subject", "object", "name") if k in quad and quad[k]["type"] == "blank node"
    )


def _relabel(quads: Iterable[Quad], mapping: Callable[[str], str]) -> list[Quad]:
    """Copies of `quads` with each blank node label ('_:x') replaced by mapping(label)."""
    out = []
    for quad in quads:
        q = {k: dict(v) for k, v in quad.items()}
        for k in _blank_positions(q):
            q[k]["value"] = mapping(q[k]["value"])
        out.append(q)
    return out


def _deskolemize(quads: Iterable[Quad]) -> list[Quad]:
    """Turn the `urn:bnid:` IRIs skolemization introduced back into blank nodes."""
    out = []
    for quad in quads:
        q = {k: dict(v) for k, v in quad.items()}
        for k in ("subject", "object", "name"):
            if k in q and q[k]["type"] == "IRI" and q[k]["value"].startswith(_SKOLEM_PREFIX):
                q[k] = {"type": "blank node", "value": q[k]["value"][len(_SKOLEM_PREFIX) :]}
        out.append(q)
    return out


def serialize(quads: Iterable[Quad]) -> list[str]:
    """N-Quads lines (each ending in a newline) for quads."""
    return [serialize_nquad(q) for q in quads]


def canonicalize_quads(quads: list[Quad]) -> tuple[list[Quad], dict[str, str]]:
    """RDFC-1.0 (URDNA2015) of a set of quads: (canonical quads, input label -> c14n label).

    Labels in the map carry no '_:' prefix. The map is why pyld's canonicalizer class is used
    directly (`jsonld.normalize` returns only the text), in the wallet's bounded form
    (wallet.proofs.canon: SdUncheckable instead of unbounded work on a "poison" dataset).
    """
    dataset: dict[str, list[Quad]] = {"@default": []}
    for q in copy.deepcopy(quads):
        name = q.pop("name", None)
        dataset.setdefault(name["value"] if name else "@default", []).append(q)
    canon: URDNA2015 = rdf_canon.rdfc10()
    try:
        canon.main(dataset, {})
    except rdf_canon.TooComplex as e:
        raise SdUncheckable(e.msg) from None
    id_map = {old[2:]: new[2:] for old, new in canon.canonical_issuer.existing.items()}
    return canon.quads, id_map


def canonical_nquads(document: dict[str, Any], loader: DocumentLoader | None = None) -> list[str]:
    """Sorted canonical N-Quads lines of a JSON-LD document (RDFC-1.0, c14n labels)."""
    quads, _ = canonicalize_quads(_to_quads(document, loader or document_loader()))
    return sorted(serialize(quads))


def hmac_label_map_factory(hmac_key: bytes) -> LabelMapFactory:
    """Label map function of the base proof: c14n label -> 'u' + base64url(HMAC(label))."""

    def factory(canonical_id_map: dict[str, str]) -> dict[str, str]:
        return {
            c14n: "u" + keys.b64url_encode(hmac_sha256(hmac_key, c14n.encode("utf-8")))
            for c14n in canonical_id_map.values()
        }

    return factory


def relabel_canonical(
    quads: list[Quad], label_map_factory: LabelMapFactory
) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """Canonicalize, replace the c14n labels by the label map, sort the N-Quads.

    Returns (N-Quads lines, label map c14n -> new label, canonical id map input -> c14n).
    """
    canonical, id_map = canonicalize_quads(quads)
    label_map = label_map_factory(id_map)

    def new_label(label: str) -> str:
        try:
            return "_:" + label_map[label[2:]]
        except KeyError:
            raise SdError(
                M("the proof's label map has no label for blank node {label}", label=label)
            ) from None

    return sorted(serialize(_relabel(canonical, new_label))), label_map, id_map


# --- skolemization and JSON pointer selection --------------------------------------------------


def _skolemize_expanded(value: Any, counter: list[int], taken: set[str]) -> Any:
    if isinstance(value, list):
        return [_skolemize_expanded(v, counter, taken) for v in value]
    if not isinstance(value, dict):
        return value
    if "@value" in value:
        return value
    out: dict[str, Any] = {}
    for k, v in value.items():
        out[k] = v if k in ("@id", "@type", "@context") else _skolemize_expanded(v, counter, taken)
    if "@list" in value or "@set" in value:
        return out
    node_id = value.get("@id")
    if node_id is None:
        while f"_:sk{counter[0]}" in taken:
            counter[0] += 1
        out["@id"] = f"{_SKOLEM_PREFIX}_:sk{counter[0]}"
        counter[0] += 1
    elif isinstance(node_id, str) and node_id.startswith("_:"):
        out["@id"] = _SKOLEM_PREFIX + node_id
    return out


def _blank_ids(value: Any, found: set[str]) -> set[str]:
    if isinstance(value, list):
        for v in value:
            _blank_ids(v, found)
    elif isinstance(value, dict):
        if isinstance(value.get("@id"), str) and value["@id"].startswith("_:"):
            found.add(value["@id"])
        for v in value.values():
            _blank_ids(v, found)
    return found


def skolemize_compact(document: dict[str, Any], loader: DocumentLoader) -> dict[str, Any]:
    """The document with every blank node given a `urn:bnid:` IRI, in its own compact form.

    Why: selecting parts of a document must keep track of which blank node each part belongs
    to, so that the selected N-Quads line up with the full document's.
    """
    try:
        rdf_canon.check_values(document)  # bounded work, as in every JSON-LD step
        expanded = jsonld.expand(document, {"documentLoader": loader})
        taken = _blank_ids(expanded, set())
        skolemized = _skolemize_expanded(expanded, [0], taken)
        compacted: dict[str, Any] = jsonld.compact(  # compaction always yields an object
            skolemized, {"@context": document.get("@context")}, {"documentLoader": loader}
        )
        return compacted
    except jsonld.JsonLdError as exc:
        raise _rdf_error(exc) from None
    except rdf_canon.TooComplex as e:
        raise SdUncheckable(e.msg) from None


def parse_pointer(pointer: str) -> list[str]:
    """RFC 6901 JSON pointer -> unescaped reference tokens."""
    if not isinstance(pointer, str) or (pointer and not pointer.startswith("/")):
        raise SdError(M("{pointer} is not a JSON pointer", pointer=repr(pointer)))
    if pointer == "":
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


class _Sparse(dict):  # type: ignore[type-arg]
    """An array being selected into: index -> value, gaps closed at the end."""


def _initial_selection(value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        node_id = value.get("id")
        if isinstance(node_id, str) and not node_id.startswith("_:"):
            out["id"] = node_id
        if "type" in value:
            out["type"] = copy.deepcopy(value["type"])
    return out


def _step(container: Any, token: str, pointer: str) -> tuple[Any, Any]:
    if isinstance(container, list):
        if not token.isdigit() or int(token) >= len(container):
            raise SdError(M("JSON pointer {pointer} does not match the document", pointer=pointer))
        return int(token), container[int(token)]
    if isinstance(container, dict) and token in container:
        return token, container[token]
    raise SdError(M("JSON pointer {pointer} does not match the document", pointer=pointer))


def _close(value: Any) -> Any:
    if isinstance(value, _Sparse):
        return [_close(value[i]) for i in sorted(value)]
    if isinstance(value, dict):
        return {k: _close(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_close(v) for v in value]
    return value


def select_json_ld(pointers: list[str], document: dict[str, Any]) -> dict[str, Any] | None:
    """The part of a compact JSON-LD document the JSON pointers name (None for no pointers).

    Every object on the way keeps its non-blank `id` and its `type`, and the result keeps the
    document's `@context`, so the selection is itself a JSON-LD document.
    """
    if not pointers:
        return None
    selection: dict[str, Any] = {}
    if "@context" in document:
        selection["@context"] = copy.deepcopy(document["@context"])
    selection.update(_initial_selection(document))
    for pointer in pointers:
        tokens = parse_pointer(pointer)
        if not tokens:
            raise SdError(M("the empty JSON pointer (the whole document) cannot be selected"))
        value: Any = document
        selected_parent: Any = None
        selected: Any = selection
        key: Any = None
        for token in tokens:
            selected_parent = selected
            key, value = _step(value, token, pointer)
            if isinstance(selected_parent, list):  # inside a value selected whole before
                current = selected_parent[key] if key < len(selected_parent) else None
            else:
                current = selected_parent.get(key)
            if current is None:
                current = _Sparse() if isinstance(value, list) else _initial_selection(value)
                selected_parent[key] = current
            selected = current
        if isinstance(value, dict):
            merged = dict(selected) if isinstance(selected, dict) else {}
            merged.update(copy.deepcopy(value))
            selected_parent[key] = merged
        else:
            selected_parent[key] = copy.deepcopy(value)
    closed: dict[str, Any] = _close(selection)  # _close keeps an object an object
    return closed


def values_at(pointers: list[str], document: dict[str, Any]) -> list[Any]:
    """The values the pointers name (for display and tests)."""
    out = []
    for pointer in pointers:
        value: Any = document
        for token in parse_pointer(pointer):
            _key, value = _step(value, token, pointer)
        out.append(value)
    return out


# --- canonicalize and group ----------------------------------------------------------------------


@dataclass
class Group:
    """The N-Quads a set of pointers selects: index in the full list -> line, and the rest."""

    matching: dict[int, str] = field(default_factory=dict)
    non_matching: dict[int, str] = field(default_factory=dict)
    deskolemized_nquads: list[str] = field(default_factory=list)
    deskolemized_quads: list[Quad] = field(default_factory=list)


@dataclass
class Grouped:
    """The whole document relabelled (sorted N-Quads) and each group's share of it."""

    nquads: list[str]
    label_map: dict[str, str]  # c14n label -> HMAC label
    canonical_id_map: dict[str, str]  # skolem label -> c14n label
    groups: dict[str, Group]


def canonicalize_and_group(
    document: dict[str, Any],
    label_map_factory: LabelMapFactory,
    group_pointers: dict[str, list[str]],
    loader: DocumentLoader,
) -> Grouped:
    """Relabelled canonical N-Quads of the document, split by each named list of pointers."""
    skolemized = skolemize_compact(document, loader)
    quads = _deskolemize(_to_quads(skolemized, loader))
    nquads, label_map, id_map = relabel_canonical(quads, label_map_factory)

    def to_hmac(label: str) -> str:
        c14n = id_map.get(label[2:])
        if c14n is None or c14n not in label_map:
            raise SdError(M("a selected statement names a blank node the document lacks"))
        return "_:" + label_map[c14n]

    index = {line: i for i, line in enumerate(nquads)}
    groups: dict[str, Group] = {}
    for name, pointers in group_pointers.items():
        selection = select_json_ld(pointers, skolemized)
        group = Group()
        if selection is not None:
            group.deskolemized_quads = _deskolemize(_to_quads(selection, loader))
            group.deskolemized_nquads = serialize(group.deskolemized_quads)
            selected = set(serialize(_relabel(group.deskolemized_quads, to_hmac)))
            missing = selected - index.keys()
            if missing:
                raise SdError(M("a selected statement is not in the document's canonical form"))
        else:
            selected = set()
        for i, line in enumerate(nquads):
            (group.matching if line in selected else group.non_matching)[i] = line
        groups[name] = group
    return Grouped(nquads, label_map, id_map, groups)


# --- verification --------------------------------------------------------------------------------


@dataclass
class VerifyData:
    """What a verifier recomputes from a derived document and its proof (createVerifyData)."""

    base_signature: bytes
    proof_hash: bytes
    public_key: bytes
    signatures: list[bytes]
    non_mandatory: list[str]
    mandatory_hash: bytes
    nquads: list[str] = field(default_factory=list)
    mandatory: list[str] = field(default_factory=list)


def unsecured(document: dict[str, Any]) -> dict[str, Any]:
    """The document without its proof(s)."""
    return {k: v for k, v in document.items() if k != "proof"}


def proof_config(proof: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """The proof options that are signed: the proof without proofValue, in the document's
    @context."""
    config = {k: copy.deepcopy(v) for k, v in proof.items() if k not in ("proofValue", "@context")}
    config["@context"] = copy.deepcopy(document.get("@context"))
    return config


def proof_hash(
    proof: dict[str, Any], document: dict[str, Any], loader: DocumentLoader | None = None
) -> tuple[bytes, str]:
    """(SHA-256 of the canonical proof configuration, that canonical text)."""
    canon = "".join(canonical_nquads(proof_config(proof, document), loader))
    return sha256(canon.encode("utf-8")), canon


def create_verify_data(
    document: dict[str, Any], proof: dict[str, Any], loader: DocumentLoader | None = None
) -> VerifyData:
    """Recompute, from a derived document, the values its derived proof must sign."""
    loader = loader or document_loader()
    doc = unsecured(document)
    p_hash, _canon = proof_hash(proof, doc, loader)
    value = parse_derived_proof_value(proof.get("proofValue"))

    def factory(canonical_id_map: dict[str, str]) -> dict[str, str]:
        return value.label_map

    nquads, _labels, id_map = relabel_canonical(_to_quads(doc, loader), factory)
    used = set(id_map.values())
    targets = [value.label_map[c] for c in used]
    if len(set(targets)) != len(targets):
        raise SdError(M("the proof's label map gives two blank nodes the same label"))
    indexes = value.mandatory_indexes
    if len(set(indexes)) != len(indexes) or any(i >= len(nquads) for i in indexes):
        raise SdError(M("the proof's mandatory indexes do not fit the document"))
    chosen = set(indexes)
    mandatory = [nquads[i] for i in sorted(chosen)]
    non_mandatory = [line for i, line in enumerate(nquads) if i not in chosen]
    return VerifyData(
        value.base_signature,
        p_hash,
        value.public_key,
        value.signatures,
        non_mandatory,
        sha256("".join(mandatory).encode("utf-8")),
        nquads,
        mandatory,
    )


def _check_signatures(
    issuer_key: ec.EllipticCurvePublicKey,
    p_hash: bytes,
    public_key: bytes,
    mandatory_hash: bytes,
    base_signature: bytes,
    signatures: list[bytes],
    statements: list[str],
) -> Msg | None:
    """None when all signatures verify, else what failed (in plain words)."""
    if len(signatures) != len(statements):
        return M(
            "the proof carries {signatures} statement signatures for {statements} statements",
            signatures=len(signatures),
            statements=len(statements),
        )
    if not ecdsa_verify_raw(issuer_key, base_signature, p_hash + public_key + mandatory_hash):
        return M("the issuer's signature does not match the revealed content and proof options")
    scoped = public_key_from_bytes(public_key)
    for n, (sig, line) in enumerate(zip(signatures, statements, strict=True), 1):
        if not ecdsa_verify_raw(scoped, sig, line.encode("utf-8")):
            return M(
                "statement {number} of the selectively revealed ones does not match its signature",
                number=n,
            )
    return None


def _verify_derived(
    document: dict[str, Any], proof: dict[str, Any], public_key: Any, loader: DocumentLoader
) -> tuple[str, Msg]:
    try:
        data = create_verify_data(document, proof, loader)
        problem = _check_signatures(
            public_key,
            data.proof_hash,
            data.public_key,
            data.mandatory_hash,
            data.base_signature,
            data.signatures,
            data.non_mandatory,
        )
    except SdUncheckable as e:
        return UNCHECKABLE, e.msg
    except SdError as e:
        return DERIVED_INVALID, M("selectively disclosed proof invalid: {problem}", problem=e.msg)
    if problem:
        return DERIVED_INVALID, M("selectively disclosed proof invalid: {problem}", problem=problem)
    total, required = len(data.nquads), len(data.mandatory)
    return DERIVED_VALID, M(
        "selectively disclosed proof valid: {total} of the issuer's "
        "statements revealed ({required} the issuer requires, "
        "{chosen} chosen by the holder)",
        total=total,
        required=required,
        chosen=total - required,
    )


def _verify_base(
    document: dict[str, Any], proof: dict[str, Any], public_key: Any, loader: DocumentLoader
) -> tuple[str, Msg]:
    try:
        value = parse_base_proof_value(proof.get("proofValue"))
        doc = unsecured(document)
        p_hash, _canon = proof_hash(proof, doc, loader)
        grouped = canonicalize_and_group(
            doc,
            hmac_label_map_factory(value.hmac_key),
            {"mandatory": value.mandatory_pointers},
            loader,
        )
        group = grouped.groups["mandatory"]
        mandatory_hash = sha256("".join(group.matching.values()).encode("utf-8"))
        problem = _check_signatures(
            public_key,
            p_hash,
            value.public_key,
            mandatory_hash,
            value.base_signature,
            value.signatures,
            list(group.non_matching.values()),
        )
    except SdUncheckable as e:
        return UNCHECKABLE, e.msg
    except SdError as e:
        return BASE_INVALID, M(
            "issuer's selective-disclosure proof invalid: {problem}", problem=e.msg
        )
    if problem:
        return BASE_INVALID, M(
            "issuer's selective-disclosure proof invalid: {problem}", problem=problem
        )
    return BASE_VALID, M(
        "issuer's base proof valid ({hideable} of its {total} "
        "statements can be hidden); a base proof is not itself a presentation: "
        "share a disclosure derived from it",
        hideable=len(group.non_matching),
        total=len(grouped.nquads),
    )


def verify_sd_proof(
    document: dict[str, Any],
    proof: dict[str, Any],
    public_key: Any,
    loader: DocumentLoader | None = None,
) -> tuple[str, Msg]:
    """Check one ecdsa-sd-2023 proof of `document` with the issuer's P-256 key.

    Returns (kind, message): kind is "derived-valid"/"derived-invalid" for a disclosure shown
    to a verifier, or "base-valid"/"base-invalid" for a base proof as issued, which the holder
    can derive disclosures from but which is never itself "verified"; "uncheckable" when the
    wallet cannot tell (a JSON-LD context it lacks, a document too complex to canonicalize),
    which is missing knowledge, not a bad proof.
    """
    loader = loader or document_loader()
    if not isinstance(proof, dict) or proof.get("cryptosuite") != CRYPTOSUITE:
        return DERIVED_INVALID, M("not an ecdsa-sd-2023 proof")
    try:
        kind = proof_value_kind(proof.get("proofValue"))
    except SdError as e:
        return DERIVED_INVALID, M(
            "selectively disclosed proof unreadable: {problem}", problem=e.msg
        )
    if not _is_p256_public(public_key):
        bad = DERIVED_INVALID if kind == "derived" else BASE_INVALID
        return bad, M("the issuer's key is not a P-256 key, which ecdsa-sd-2023 requires")
    if not isinstance(document, dict):
        return DERIVED_INVALID, M("the credential is not a JSON object")
    if kind == "derived":
        return _verify_derived(document, proof, public_key, loader)
    return _verify_base(document, proof, public_key, loader)
