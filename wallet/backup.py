"""Encrypted backups: one `.lwbackup` file that restores a whole wallet on another machine.

The file is a short header followed by one AES-256-GCM ciphertext (all from `cryptography`):

    magic  "LWBACKUP"          8 bytes
    version                    1 byte   (2; 1 lacks the document size and is still read)
    kdf                        1 byte   (1 = scrypt)
    log2(N), r, p              3 bytes  (scrypt cost; 17, 8, 1 by default: 128 MiB, ~0.5 s)
    salt                       16 bytes (random)
    check nonce, check tag     12 + 16 bytes: GCM over nothing, tells a wrong passphrase
                               apart from a damaged file
    body nonce                 12 bytes
    document size              8 bytes  (big-endian: the inflated CBOR's length; version 2)
    ciphertext + tag           the rest: zlib(CBOR(document)), GCM with the header as AAD

The document is `wallet.store.transfer.dump()`: original credential bytes, records, tags,
collections, stacks, holder keys, settings, trust list. Every byte of the header is
authenticated; any change to the file is refused as damaged. What the document says about a
credential is not taken on its word: a restore reads every credential again from its original
bytes (its record, list columns, the bundle it sits in), drops any stored verdicts and fetched
documents and checks the new credentials again offline, and offers the backup's trusted issuers
and issuer registry subscriptions for the learner to accept instead of adding them.

A file's scrypt cost is bounded before any work, so a crafted header cannot make restore
allocate gigabytes; the body is inflated in chunks and refused once it passes the size the
header declares, which itself may be at most `MAX_RATIO` times the compressed body (or
`MIN_DOCUMENT_CAP`): a small file cannot declare, or inflate into, gigabytes.
Writing goes to a temporary file in the same folder, fsynced, then renamed: a crash leaves
either no backup or a whole one.
"""

from __future__ import annotations

import contextlib
import os
import struct
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from wallet import __version__
from wallet.credential import Parsed
from wallet.errors import FormatError, WalletError
from wallet.messages import M, Msg, counted, join
from wallet.store import RegistryEntry, WalletStore
from wallet.store.transfer import (
    BadDocument,
    CheckedDocument,
    MergeCounts,
    check,
    dump,
    merge,
    parents_first,
)

MAGIC = b"LWBACKUP"
VERSION = 2  # 2 declares the inflated document's size in the header; 1 is still read
KDF_SCRYPT = 1
DEFAULT_LOG_N, DEFAULT_R, DEFAULT_P = 17, 8, 1
MAX_LOG_N, MAX_R, MAX_P = 20, 16, 4  # at most 1 GiB * 16 ... bounded below by memory check
MAX_SCRYPT_MEMORY = 1 << 30  # 128 * r * N bytes: refuse costlier headers (1 GiB)
MAX_FILE = 4 << 30  # 4 GiB
MAX_DOCUMENT = 4 << 30  # inflated document cap, whatever a header declares
# A real wallet (JSON, JWTs, PNGs) deflates a few times over, never hundreds: a document may be
# at most MAX_RATIO times its compressed body, or MIN_DOCUMENT_CAP, whichever is larger.
MAX_RATIO = 200
MIN_DOCUMENT_CAP = 64 << 20
_INFLATE_IN, _INFLATE_OUT = 64 << 10, 1 << 20  # compressed bytes fed, inflated bytes taken
_HEAD_V1 = struct.Struct(">8sBBBBB16s12s16s12s")
_HEAD = struct.Struct(">8sBBBBB16s12s16s12sQ")
SUFFIX = ".lwbackup"


class BackupError(WalletError):
    """A backup that cannot be written or read; the message says why, plainly."""


def _key(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    if not passphrase:
        raise BackupError(M("the backup passphrase must not be empty"))
    return Scrypt(salt=salt, length=32, n=1 << log_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _document_cap(compressed: int) -> int:
    """The most a document deflated into `compressed` bytes may inflate to."""
    return min(MAX_DOCUMENT, max(MIN_DOCUMENT_CAP, MAX_RATIO * compressed))


def encode(
    doc: dict[str, Any],
    passphrase: str,
    *,
    log_n: int = DEFAULT_LOG_N,
    r: int = DEFAULT_R,
    p: int = DEFAULT_P,
) -> bytes:
    """The encrypted file bytes of a backup document."""
    salt, check_nonce, body_nonce = os.urandom(16), os.urandom(12), os.urandom(12)
    key = AESGCM(_key(passphrase, salt, log_n, r, p))
    prefix = MAGIC + bytes([VERSION, KDF_SCRYPT, log_n, r, p]) + salt
    check_tag = key.encrypt(check_nonce, b"", prefix)
    plain = cbor2.dumps(doc)
    if len(plain) > MAX_DOCUMENT:
        raise BackupError(M("this wallet is too large to back up into one file"))
    body = zlib.compress(plain, 6)
    if len(plain) > _document_cap(len(body)):  # so repetitive that the reader would refuse it
        body = zlib.compress(plain, 0)
    header = prefix + check_nonce + check_tag + body_nonce + len(plain).to_bytes(8, "big")
    return header + key.encrypt(body_nonce, body, header)


def _inflate(body: bytes, declared: int | None) -> bytes:
    """zlib-inflate `body` a chunk at a time, refusing as soon as it passes `declared` (or,
    for a version 1 file, what a body this size may hold): memory stays near the cap."""
    cap = _document_cap(len(body))
    if declared is not None and declared > cap:
        raise BackupError(
            M(
                "this backup's contents are too large for the file they came in; "
                "refusing to restore any of it"
            )
        )
    limit = cap if declared is None else declared
    inflater = zlib.decompressobj()
    out = bytearray()
    view = memoryview(body)
    fed = 0
    while fed < len(body) and not inflater.eof:
        pending: bytes | memoryview = view[fed : fed + _INFLATE_IN]
        fed += len(pending)
        while pending and not inflater.eof:
            out += inflater.decompress(pending, _INFLATE_OUT)
            if len(out) > limit:
                raise BackupError(
                    M("this backup's contents are larger than it declares: the file is damaged")
                    if declared is not None
                    else M("this backup's contents are too large")
                )
            pending = inflater.unconsumed_tail
    if (
        not inflater.eof
        or inflater.unused_data
        or fed < len(body)
        or (declared is not None and len(out) != declared)
    ):
        raise BackupError(
            M("this backup file is damaged: its contents are cut short or run past their end")
        )
    return bytes(out)


def decode(data: bytes, passphrase: str) -> dict[str, Any]:
    """The checked backup document in `data`; BackupError (wrong passphrase, damaged, not a
    backup, from a newer app) otherwise. Nothing is written anywhere."""
    return decode_checked(data, passphrase).doc


def decode_checked(data: bytes, passphrase: str) -> CheckedDocument:
    """`decode`, keeping every credential as read again from its original bytes, for
    `merge`."""
    if len(data) < _HEAD_V1.size + 16 or not data.startswith(MAGIC):
        raise BackupError(M("this is not a Learner Wallet backup file"))
    magic, version, kdf, log_n, r, p, salt, check_nonce, check_tag, body_nonce = (
        _HEAD_V1.unpack_from(data)
    )
    head = _HEAD_V1 if version == 1 else _HEAD
    if version > VERSION:
        raise BackupError(
            M("this backup was made by a newer Learner Wallet; update the app to restore it")
        )
    if (
        version not in (1, VERSION)
        or len(data) < head.size + 16
        or kdf != KDF_SCRYPT
        or not (1 <= log_n <= MAX_LOG_N)
        or not (1 <= r <= MAX_R)
        or not (1 <= p <= MAX_P)
        or 128 * r * (1 << log_n) > MAX_SCRYPT_MEMORY
    ):
        raise BackupError(M("this backup file is damaged (its header is not valid)"))
    key = AESGCM(_key(passphrase, salt, log_n, r, p))
    prefix = data[: 8 + 5 + 16]
    try:
        key.decrypt(check_nonce, check_tag, prefix)
    except InvalidTag:
        raise BackupError(
            M("wrong passphrase for this backup (or its header is damaged)")
        ) from None
    header = data[: head.size]
    declared = None if version == 1 else int.from_bytes(header[_HEAD_V1.size :], "big")
    try:
        body = key.decrypt(body_nonce, data[head.size :], header)
    except InvalidTag:
        raise BackupError(
            M("this backup file is damaged or was changed: refusing to restore any of it")
        ) from None
    try:
        raw = _inflate(body, declared)
        del body
        doc = cbor2.loads(raw)
    except (zlib.error, cbor2.CBORDecodeError, ValueError, TypeError, RecursionError):
        raise BackupError(M("this backup's contents cannot be read")) from None
    try:
        check(doc)
    except BadDocument as e:
        raise BackupError(e.msg) from None
    return CheckedDocument(doc, _rederive(doc["credentials"]))


def _rederive(creds: list[dict[str, Any]]) -> dict[str, Parsed]:
    """Every credential as its original bytes say, by id: parsed again as an import parses it
    (a bundle's children from the bundle's own bytes), whatever the document's record, list
    columns or media type claim. BackupError names a credential that is not what it says."""
    from wallet import formats

    parsed: dict[str, Parsed] = {}
    for cred in parents_first(creds):
        cid, parent = cred["id"], cred.get("parent_id")
        found: Parsed | None
        if parent is None:
            try:
                found = formats.parse(cred["original"], name=cid)
            except FormatError as e:
                raise BackupError(
                    M(
                        "the backup is not consistent: credential {id} cannot be "
                        "read from its original bytes ({problem})",
                        id=cid,
                        problem=e.msg,
                    )
                ) from None
        else:
            bundle = parsed.get(parent)
            found = (
                None
                if bundle is None
                else next(
                    (
                        child
                        for child in bundle.children
                        if child.payload_sha256 == cred["payload_sha256"]
                    ),
                    None,
                )
            )
            if found is None:
                raise BackupError(
                    M(
                        "the backup is not consistent: credential {id} is filed "
                        "under bundle {bundle}, which does not carry it",
                        id=cid,
                        bundle=parent,
                    )
                )
        if (
            found.payload_sha256 != cred["payload_sha256"]
            or found.original_sha256 != cred["original_sha256"]
        ):
            raise BackupError(
                M(
                    "the backup is not consistent: credential {id} is not what its "
                    "original bytes hold",
                    id=cid,
                )
            )
        parsed[cid] = found
    return parsed


def write_backup(store: WalletStore, out: Path, passphrase: str, **cost: int) -> int:
    """Back the whole wallet up into `out` (never over an existing file); returns how many
    credentials it holds."""
    out = Path(out)
    if out.exists():
        raise BackupError(
            M("{path} already exists; choose another name (nothing written)", path=str(out))
        )
    doc = dump(store, app_version=__version__)
    data = encode(doc, passphrase, **cost)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lwbackup-", dir=folder)  # 0600: the learner's alone
    except OSError as e:
        raise BackupError(
            M("cannot write into {folder}: {error}", folder=str(folder), error=str(e.strerror))
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if out.exists():  # appeared meanwhile: still never overwrite
            raise BackupError(
                M("{path} already exists; choose another name (nothing written)", path=str(out))
            )
        os.replace(tmp, out)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise BackupError(
            M("cannot write {path}: {error}", path=str(out), error=str(e.strerror))
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return len(doc["credentials"])


def read_backup(path: Path, passphrase: str) -> dict[str, Any]:
    """The checked document of a backup file (see `decode`)."""
    return read_checked(path, passphrase).doc


def read_checked(path: Path, passphrase: str) -> CheckedDocument:
    """`read_backup`, keeping what the check parsed, for `merge`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise BackupError(M("{path} is too large to be a backup", path=str(path)))
        data = path.read_bytes()
    except OSError as e:
        raise BackupError(
            M("cannot read {path}: {error}", path=str(path), error=str(e.strerror))
        ) from None
    return decode_checked(data, passphrase)


LISTED_ISSUERS = 10  # trusted issuers named one by one in a summary; the rest are counted


@dataclass
class RestoreSummary(MergeCounts):
    """What a restore added, what it checked again, and what it left to the learner."""

    verdicts: dict[str, str] = field(default_factory=dict)  # added ones, checked again offline

    def line(self) -> Msg:
        """One paragraph for a person (the CLI and the app show it as it is)."""
        parts = [M("{counts}.", counts=super().line())]
        if self.verdicts:
            tally = Counter(self.verdicts.values())
            said = [
                _VERDICT_COUNTS[v](tally[v])
                for v in ("verified", "warning", "failed", "unknown")
                if tally[v]
            ]
            parts.append(M("Checked again offline: {tally}.", tally=join(said, ", ")))
        dropped = self.dropped_reports + self.dropped_documents
        if dropped:
            parts.append(
                M(
                    "Not restored: {count} stored checks and fetched documents (a "
                    "backup's word never decides a verdict; check online to fetch "
                    "issuer keys and status lists again).",
                    count=dropped,
                )
            )
        parts += counted(
            self.pending,
            M(
                "1 credential still to come from its issuer was restored; the wallet "
                "asks for it again."
            ),
            M(
                "{count} credentials still to come from their issuers were restored; the "
                "wallet asks for them again."
            ),
        )
        parts += counted(
            self.trusted_issuers,
            M("1 trusted issuer added from the backup, as you asked."),
            M("{count} trusted issuers added from the backup, as you asked."),
        )
        parts += counted(
            self.registries,
            M("1 issuer registry subscription added from the backup, as you asked."),
            M("{count} issuer registry subscriptions added from the backup, as you asked."),
        )
        if self.offered_issuers:
            parts.append(_offered(self.offered_issuers))
        if self.offered_registries:
            parts.append(
                M(
                    "The backup subscribes to issuer registries that were not added: {names}. "
                    "Subscribe to them in Settings only if you recognise them.",
                    names="; ".join(f"{name} <{url}>" for url, name in self.offered_registries),
                )
            )
        return join(parts, " ")


# A restore's count of each verdict, said in words ("3 verified").
_VERDICT_COUNTS: dict[str, Callable[[int], Msg]] = {
    "verified": lambda n: M("{count} verified", count=n),
    "warning": lambda n: M("{count} warning", count=n),
    "failed": lambda n: M("{count} failed", count=n),
    "unknown": lambda n: M("{count} unknown", count=n),
}


def _offered(offered: list[tuple[str, str | None]]) -> Msg:
    """The backup's trusted issuers that were not added, named (the first LISTED_ISSUERS)."""
    names = "; ".join(f"{name} <{iid}>" if name else iid for iid, name in offered[:LISTED_ISSUERS])
    more = len(offered) - LISTED_ISSUERS
    if len(offered) == 1:
        return M(
            "The backup trusts 1 issuer that was not added to your trusted issuers: "
            "{names}. Trust them only if you recognise them.",
            names=names,
        )
    if more > 0:
        return M(
            "The backup trusts {count} issuers that were not added to your trusted issuers: "
            "{names}; and {more} more. Trust them only if you recognise them.",
            count=len(offered),
            names=names,
            more=more,
        )
    return M(
        "The backup trusts {count} issuers that were not added to your trusted issuers: "
        "{names}. Trust them only if you recognise them.",
        count=len(offered),
        names=names,
    )


@dataclass(frozen=True)
class OfferedRegistry:
    """An issuer registry a backup subscribes to and the wallet does not, with the copy the
    backup keeps of it (its issuers, and when that copy was fetched): a yes subscribes with
    this copy, so accepting fetches nothing; Refresh fetches a new one when the learner asks."""

    url: str
    name: str
    fetched_at: str  # as the backup says (ISO 8601); shown, so its age is never hidden
    entries: tuple[RegistryEntry, ...]

    def line(self) -> Msg:
        """The registry named for the learner deciding: name, address, its copy's size and
        day (the name and address are a stranger's words, passed as arguments)."""
        from wallet.verify.checks import parse_time

        moment = parse_time(self.fetched_at)
        day: Any = moment.date() if moment is not None else self.fetched_at[:10]
        if not self.entries:
            return M(
                "{name} <{url}>: the backup's copy lists no issuers",
                name=self.name,
                url=self.url,
            )
        if len(self.entries) == 1:
            return M(
                "{name} <{url}>: 1 issuer, fetched {day}", name=self.name, url=self.url, day=day
            )
        return M(
            "{name} <{url}>: {count} issuers, fetched {day}",
            name=self.name,
            url=self.url,
            count=len(self.entries),
            day=day,
        )


@dataclass
class TrustOffer:
    """What a backup would make trusted or known that the wallet does not trust yet: its
    trusted issuers (id, name) and its issuer registry subscriptions. A backup is a file anyone
    with its passphrase could have edited, so both are the learner's to accept, together."""

    issuers: list[tuple[str, str | None]] = field(default_factory=list)
    registries: list[OfferedRegistry] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.issuers or self.registries)


def trust_offer(store: WalletStore, checked: CheckedDocument) -> TrustOffer:
    """The backup's trusted issuers this wallet does not trust yet, and its registry
    subscriptions this wallet lacks (each with the copy the backup carries)."""
    trusted = store.trust.issuers()
    seen: dict[str, str | None] = {}
    for t in checked.doc["trusted_issuers"]:
        if t["issuer_id"] not in trusted:
            seen.setdefault(t["issuer_id"], t.get("name"))
    subscribed = {r.url for r in store.registries.all()}
    offered: dict[str, OfferedRegistry] = {}
    for item in checked.doc.get("registries", []):
        if item["url"] in subscribed or item["url"] in offered:
            continue  # as `merge` does: the wallet's own copy, or the first one, wins
        offered[item["url"]] = OfferedRegistry(
            item["url"],
            item["name"],
            item["fetched_at"],
            tuple(
                RegistryEntry(e["issuer_id"], e.get("name"), e.get("location"), e.get("url"))
                for e in item["entries"]
            ),
        )
    return TrustOffer(list(seen.items()), list(offered.values()))


def restore_checked(
    store: WalletStore, checked: CheckedDocument, *, accept_trust: bool = False
) -> RestoreSummary:
    """Merge a checked backup (one transaction), then check every added credential again
    offline, so each verdict shown is the wallet's own."""
    try:
        counts = merge(store, checked, accept_trust=accept_trust)
    except BadDocument as e:
        raise BackupError(e.msg) from None
    return RestoreSummary(**vars(counts), verdicts=recheck(store, counts.new_ids))


def recheck(store: WalletStore, ids: list[str]) -> dict[str, str]:
    """Verify these credentials offline and keep their reports; their verdicts by id."""
    from wallet.verify.verifier import context_for_store, verify_stored

    ctx = context_for_store(store)
    verdicts: dict[str, str] = {}
    for cid in ids:
        try:
            verdicts[cid] = verify_stored(store, cid, ctx).verdict
        except WalletError:
            verdicts[cid] = "unknown"
    return verdicts


def restore(
    store: WalletStore, path: Path, passphrase: str, *, accept_trust: bool = False
) -> RestoreSummary:
    """Merge a backup into an open wallet: all of it, or (wrong passphrase, damage) nothing;
    then check what was added. The backup's trusted issuers are added only with
    `accept_trust`; otherwise the summary lists them."""
    return restore_checked(store, read_checked(path, passphrase), accept_trust=accept_trust)
