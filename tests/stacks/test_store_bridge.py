"""held_from_store: what the engine gets from a wallet file (records, verdicts, tags)."""

from __future__ import annotations

from wallet.demo import demo_credential_files
from wallet.formats import parse
from wallet.stacks.engine import held_from_store
from wallet.store import WalletStore


def test_held_from_store_reads_records_verdicts_and_tags(tmp_path):
    with WalletStore.create(tmp_path / "w.lwallet", "pw") as store:
        files = demo_credential_files()[:3]
        ids = [store.credentials.add(parse(p.read_bytes()), p.name) for p in files]
        store.checks.save_report(ids[0], "2026-09-01T00:00:00Z", "verified", b"{}")
        store.checks.save_report(ids[1], "2026-09-01T00:00:00Z", "failed", b"{}")
        store.tags.set_tags(ids[2], ["mine"])
        held = {h.id: h for h in held_from_store(store)}
    assert set(held) == set(ids)
    assert held[ids[0]].verdict == "verified" and held[ids[1]].verdict == "failed"
    assert held[ids[2]].verdict is None and held[ids[2]].tags == ("mine",)
    assert held[ids[0]].credential.title == "Data Analysis with Python"
