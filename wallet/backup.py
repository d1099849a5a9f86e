"""Encrypted backups: one `.lwbackup` file that restores a whole wallet on another machine.

The file is a short header followed by one AES-256-GCM ciphertext (all from `cryptography`):

    magic  "LWBACKUP"          8 bytes
    version                    1 byte   (1)
    kdf                        1 byte   (1 = scrypt)
    log2(N), r, p              3 bytes  (scrypt cost; 17, 8, 1 by default: 128 MiB, ~0.5 s)
    salt                       16 bytes (random)
    check nonce, check tag     12 + 16 bytes: GCM over nothing, tells a wrong passphrase
                               apart from a damaged file
    body nonce                 12 bytes
    ciphertext + tag           the rest: zlib(CBOR(document)), GCM with the header as AAD

The document is `wallet.store.transfer.dump()`: original credential bytes, records, tags,
collections, stacks, holder keys, settings, trust list, reports, cached documents. Every byte
of the header is authenticated; any change to the file is refused as damaged. A file's scrypt
cost is bounded before any work, so a crafted header cannot make restore allocate gigabytes.
Writing goes to a temporary file in the same folder, fsynced, then renamed: a crash leaves
either no backup or a whole one.
"""

from __future__ import annotations

import contextlib
import os
import struct
import tempfile
import zlib
from pathlib import Path
from typing import Any

import cbor2
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from wallet import __version__
from wallet.errors import WalletError
from wallet.store import WalletStore
from wallet.store.transfer import (
    BadDocument,
    CheckedDocument,
    MergeCounts,
    check,
    dump,
    merge,
)

MAGIC = b"LWBACKUP"
VERSION = 1
KDF_SCRYPT = 1
DEFAULT_LOG_N, DEFAULT_R, DEFAULT_P = 17, 8, 1
MAX_LOG_N, MAX_R, MAX_P = 20, 16, 4  # at most 1 GiB * 16 ... bounded below by memory check
MAX_SCRYPT_MEMORY = 1 << 30  # 128 * r * N bytes: refuse costlier headers (1 GiB)
MAX_FILE = 4 << 30  # 4 GiB
MAX_DOCUMENT = 8 << 30  # inflated document cap
_HEAD = struct.Struct(">8sBBBBB16s12s16s12s")
SUFFIX = ".lwbackup"


class BackupError(WalletError):
    """A backup that cannot be written or read; the message says why, plainly."""


def _key(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    if not passphrase:
        raise BackupError("the backup passphrase must not be empty")
    return Scrypt(salt=salt, length=32, n=1 << log_n, r=r, p=p).derive(
        passphrase.encode("utf-8"))


def encode(doc: dict[str, Any], passphrase: str, *, log_n: int = DEFAULT_LOG_N,
           r: int = DEFAULT_R, p: int = DEFAULT_P) -> bytes:
    """The encrypted file bytes of a backup document."""
    salt, check_nonce, body_nonce = os.urandom(16), os.urandom(12), os.urandom(12)
    key = AESGCM(_key(passphrase, salt, log_n, r, p))
    prefix = MAGIC + bytes([VERSION, KDF_SCRYPT, log_n, r, p]) + salt
    check_tag = key.encrypt(check_nonce, b"", prefix)
    header = prefix + check_nonce + check_tag + body_nonce
    body = zlib.compress(cbor2.dumps(doc), 6)
    return header + key.encrypt(body_nonce, body, header)


def decode(data: bytes, passphrase: str) -> dict[str, Any]:
    """The checked backup document in `data`; BackupError (wrong passphrase, damaged, not a
    backup, from a newer app) otherwise. Nothing is written anywhere."""
    return decode_checked(data, passphrase).doc


def decode_checked(data: bytes, passphrase: str) -> CheckedDocument:
    """`decode`, keeping what the check parsed, for `merge`."""
    if len(data) < _HEAD.size + 16 or not data.startswith(MAGIC):
        raise BackupError("this is not a Learner Wallet backup file")
    magic, version, kdf, log_n, r, p, salt, check_nonce, check_tag, body_nonce = \
        _HEAD.unpack_from(data)
    if version > VERSION:
        raise BackupError("this backup was made by a newer Learner Wallet; update the app "
                          "to restore it")
    if version != VERSION or kdf != KDF_SCRYPT or not (1 <= log_n <= MAX_LOG_N) \
            or not (1 <= r <= MAX_R) or not (1 <= p <= MAX_P) \
            or 128 * r * (1 << log_n) > MAX_SCRYPT_MEMORY:
        raise BackupError("this backup file is damaged (its header is not valid)")
    key = AESGCM(_key(passphrase, salt, log_n, r, p))
    prefix = data[:8 + 5 + 16]
    try:
        key.decrypt(check_nonce, check_tag, prefix)
    except InvalidTag:
        raise BackupError("wrong passphrase for this backup (or its header is damaged)") \
            from None
    header = data[:_HEAD.size]
    try:
        body = key.decrypt(body_nonce, data[_HEAD.size:], header)
    except InvalidTag:
        raise BackupError("this backup file is damaged or was changed: refusing to restore "
                          "any of it") from None
    try:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(body, MAX_DOCUMENT)
        if inflater.unconsumed_tail or not inflater.eof:
            raise BackupError("this backup's contents are too large or incomplete")
        doc = cbor2.loads(raw)
    except (zlib.error, cbor2.CBORDecodeError, ValueError, TypeError, RecursionError):
        raise BackupError("this backup's contents cannot be read") from None
    try:
        return check(doc)
    except BadDocument as e:
        raise BackupError(str(e)) from None


def write_backup(store: WalletStore, out: Path, passphrase: str, **cost: int) -> int:
    """Back the whole wallet up into `out` (never over an existing file); returns how many
    credentials it holds."""
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} already exists; choose another name (nothing written)")
    doc = dump(store, app_version=__version__)
    data = encode(doc, passphrase, **cost)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lwbackup-", dir=folder)
    except OSError as e:
        raise BackupError(f"cannot write into {folder}: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if out.exists():  # appeared meanwhile: still never overwrite
            raise BackupError(f"{out} already exists; choose another name (nothing written)")
        os.replace(tmp, out)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise BackupError(f"cannot write {out}: {e.strerror}") from None
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
            raise BackupError(f"{path} is too large to be a backup")
        data = path.read_bytes()
    except OSError as e:
        raise BackupError(f"cannot read {path}: {e.strerror}") from None
    return decode_checked(data, passphrase)


def restore(store: WalletStore, path: Path, passphrase: str) -> MergeCounts:
    """Merge a backup into an open wallet: all of it, or (wrong passphrase, damage) nothing."""
    checked = read_checked(path, passphrase)
    try:
        return merge(store, checked)
    except BadDocument as e:
        raise BackupError(str(e)) from None
