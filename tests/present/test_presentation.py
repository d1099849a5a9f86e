"""Holder keys and presentations: the learner's own key, signed proofs for an employer."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from wallet.errors import NotFound
from wallet.keys import did_key_from_public_key
from wallet.store.db import WalletStore


def _raw(key) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


# ----- holder keys ---------------------------------------------------------------------------


def test_holder_keys_created_listed_default_and_persisted(tmp_path) -> None:
    path = tmp_path / "w.lwallet"
    with WalletStore.create(path, "pw") as store:
        assert store.holder_keys() == [] and store.default_holder() is None
        first = store.create_holder_key("Phone")
        second = store.create_holder_key("Laptop")
        assert first.startswith("did:key:z6Mk") and first != second
        listed = store.holder_keys()
        assert {(d, label, default) for d, label, default in listed} == {
            (first, "Phone", True), (second, "Laptop", False)}
        # listings carry no key material
        assert all(len(row) == 3 and all(not isinstance(v, bytes) for v in row) for row in listed)
        key = store.holder_private_key(first)
        assert did_key_from_public_key(key.public_key()) == first
        store.set_default_holder(second)
        assert store.default_holder() == second
        assert [d for d, _, default in store.holder_keys() if default] == [second]
        with pytest.raises(NotFound):
            store.set_default_holder("did:key:z6MkNotThere")
        with pytest.raises(NotFound):
            store.holder_private_key("did:key:z6MkNotThere")
        raws = [_raw(store.holder_private_key(d)) for d in (first, second)]
    with WalletStore.open(path, "pw") as store:
        assert store.default_holder() == second
        assert {d for d, _, _ in store.holder_keys()} == {first, second}
        assert [_raw(store.holder_private_key(d)) for d in (first, second)] == raws
    # Neither the raw key nor its packed form is anywhere on disk in the clear.
    import zlib

    files = [p for p in tmp_path.iterdir() if p.is_file()]
    assert files
    for p in files:
        data = p.read_bytes()
        for raw in raws:
            assert raw not in data and zlib.compress(raw, 1) not in data
            assert raw[:16] not in data


def test_unencrypted_wallet_would_show_the_key_so_the_search_can_fail(tmp_path) -> None:
    """The on-disk search above finds key bytes when they are there (a plaintext wallet)."""
    import zlib

    path = tmp_path / "plain.lwallet"
    with WalletStore.create(path, "pw", encrypted=False) as store:
        did = store.create_holder_key("Phone")
        raw = _raw(store.holder_private_key(did))
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert zlib.compress(raw, 1) in path.read_bytes()
