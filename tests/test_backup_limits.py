"""Issue 13, item 16: a small backup must not inflate into gigabytes. The inflated document is
capped by the size its header declares (and, for files from before that field, by what so small
a file can honestly hold), inflated in chunks and refused as soon as it passes the cap."""

from __future__ import annotations

import os
import tracemalloc
import zlib
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wallet import backup

PW = "a backup passphrase for bombs"
SALT = b"\x05" * 16
INFLATED = 150 << 20  # what the crafted bodies inflate to: 150 MiB of zeros


def zeros_deflated(size: int) -> bytes:
    """zlib of `size` zero bytes, made a mebibyte at a time (the test never holds them)."""
    packer = zlib.compressobj(9)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + packer.flush()


def seal(version: int, body: bytes, declared: bytes = b"") -> bytes:
    """An authentic backup file (the right passphrase opens it) around a chosen body; the
    cheapest scrypt cost. `declared` is appended to the header as version 2 files carry it."""
    key = AESGCM(backup._key(PW, SALT, 1, 8, 1))
    prefix = backup.MAGIC + bytes([version, backup.KDF_SCRYPT, 1, 8, 1]) + SALT
    check_nonce, body_nonce = os.urandom(12), os.urandom(12)
    header = prefix + check_nonce + key.encrypt(check_nonce, b"", prefix) + body_nonce + declared
    return header + key.encrypt(body_nonce, body, header)


def peak_while(call: Callable[[], object]) -> tuple[int, BaseException | None]:
    """The peak of traced memory while `call` runs, and what it raised."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    raised: BaseException | None = None
    try:
        call()
    except BaseException as e:  # noqa: BLE001 - handed back to the test to judge
        raised = e
    finally:
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak, raised


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zeros_deflated(INFLATED)


def test_a_body_inflating_past_its_declared_size_is_refused_early(bomb: bytes) -> None:
    """A 150 KiB file declaring a 4 KiB document whose body inflates to 150 MiB: refused with a
    plain message after inflating little more than the declared size."""
    assert len(bomb) < 1 << 20
    data = seal(2, bomb, (4096).to_bytes(8, "big"))
    peak, raised = peak_while(lambda: backup.decode(data, PW))
    assert isinstance(raised, backup.BackupError), raised
    assert "larger than it declares" in str(raised)
    assert peak < 8 << 20, f"{peak >> 20} MiB held while refusing"


def test_a_declared_size_beyond_what_the_file_can_hold_is_refused_before_inflating(
    bomb: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Declaring the whole 150 MiB honestly does not help: a file this small cannot hold that
    much of a real wallet, so it is refused before anything is inflated."""
    monkeypatch.setattr(backup, "MIN_DOCUMENT_CAP", 1 << 20)
    data = seal(2, bomb, INFLATED.to_bytes(8, "big"))
    peak, raised = peak_while(lambda: backup.decode(data, PW))
    assert isinstance(raised, backup.BackupError), raised
    assert "too large" in str(raised)
    assert peak < 8 << 20, f"{peak >> 20} MiB held while refusing"


def test_an_older_backup_without_a_declared_size_is_capped_by_its_own_size(
    bomb: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version 1 file (no declared size) whose 150 KiB body inflates to 150 MiB: inflating
    stops at what so small a file can hold (a few hundred times its size), not at gigabytes."""
    monkeypatch.setattr(backup, "MIN_DOCUMENT_CAP", 1 << 20, raising=False)
    data = seal(1, bomb)
    peak, raised = peak_while(lambda: backup.decode(data, PW))
    assert isinstance(raised, backup.BackupError), raised
    assert "too large" in str(raised)
    assert peak < INFLATED // 3, f"{peak >> 20} MiB held while refusing"


def test_a_body_shorter_than_declared_or_with_trailing_bytes_is_damaged() -> None:
    import cbor2

    from tests.reliability.fuzz_targets import backup_document

    plain = cbor2.dumps(backup_document())
    short = seal(2, zlib.compress(plain), (len(plain) + 1).to_bytes(8, "big"))
    with pytest.raises(backup.BackupError, match="damaged"):
        backup.decode(short, PW)
    trailing = seal(2, zlib.compress(plain) + b"extra", len(plain).to_bytes(8, "big"))
    with pytest.raises(backup.BackupError, match="damaged"):
        backup.decode(trailing, PW)


def test_a_real_backup_declares_its_size_and_reads_back() -> None:
    from tests.reliability.fuzz_targets import backup_document

    doc = backup_document()
    data = backup.encode(doc, PW, log_n=1)
    assert data[8] == 2  # the version that declares the inflated size
    assert backup.decode(data, PW)["credentials"][0]["id"] == doc["credentials"][0]["id"]


def test_what_encode_writes_its_own_reader_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wallet that compresses unusually well is stored less compressed rather than written
    as a file the reader would refuse."""
    monkeypatch.setattr(backup, "MIN_DOCUMENT_CAP", 1 << 10)
    from tests.reliability.fuzz_targets import backup_document

    doc = backup_document()
    doc["settings"] = {"padding": " " * (1 << 20)}
    data = backup.encode(doc, PW, log_n=1)
    assert backup.decode(data, PW)["settings"]["padding"] == " " * (1 << 20)
