"""Issue 14, background operations: every use case says what it changed (`result.changes`), so
the window refreshes only that. Each use case runs on a real wallet here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.samples import PASSPHRASE, first_aid, parsed
from wallet import formats
from wallet.actions import (
    backups,
    credentials,
    importing,
    passphrase,
    stacks,
    trust,
    verifying,
)
from wallet.actions.changes import EVERYTHING, NOTHING, Changes, merged
from wallet.credential import CLR2, DATA_INTEGRITY, OB3, Credential, Issuer
from wallet.importer import DUPLICATE, IMPORTED, ItemResult
from wallet.paths import resources
from wallet.store import WalletStore

DEMO = resources() / "demo" / "credentials"
DEMO_KEY = "did:key:z6MkhWDKUHqLByfyJqwan7K67QKEkoUvWEJ6VFoNShtdptu9"  # issues 01 to 07
POLYTECHNIC = "https://demo-polytechnic.example/ob2/issuer"  # issues 08
STACK_FILE = sorted((resources() / "demo" / "stacks").glob("*.json"))[0]
BACKUP_PW = "a long backup passphrase"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WalletStore]:
    """Two credentials of the demo issuer, one of the polytechnic."""
    with WalletStore.create(tmp_path / "changes.wallet", PASSPHRASE) as s:
        for name in (
            "01-data-analysis-with-python.json",
            "03-cloud-security-fundamentals.json",
            "08-peer-mentor-ob2-signed.jws",
        ):
            s.credentials.add(formats.parse((DEMO / name).read_bytes(), name=name), name)
        yield s


def ids_of(store: WalletStore) -> dict[str, str]:
    """Title -> id."""
    return {s.title: s.id for s in store.credentials.summaries()}


def issued_by(store: WalletStore, issuer: str) -> list[str]:
    return sorted(cid for cid, c in store.credentials.records().items() if c.issuer.id == issuer)


# ----- the change set itself ------------------------------------------------------------------


def test_changes_keep_each_id_once_and_say_whether_anything_changed() -> None:
    changes = Changes(added=("a", "b", "a"), updated=("c", "c"))
    assert changes.added == ("a", "b") and changes.updated == ("c",)
    assert changes and changes.credentials_changed
    assert not NOTHING and not NOTHING.credentials_changed
    assert Changes(stacks_changed=True) and not Changes(stacks_changed=True).credentials_changed
    assert EVERYTHING.credentials_changed


def test_merging_follows_what_happened_in_order() -> None:
    imported = Changes(added=("new", "again"))
    checked = Changes(updated=("new", "old"))
    deleted = Changes(removed=("again", "gone"))
    assert merged([imported, checked, deleted]) == Changes(
        added=("new",), removed=("gone",), updated=("old",)
    )
    # Removed, then imported again: still there, shown anew.
    assert Changes(removed=("x",)).merge(Changes(added=("x",))) == Changes(updated=("x",))
    flags = Changes(trust_changed=True).merge(Changes(stacks_changed=True, everything=True))
    assert flags == Changes(trust_changed=True, stacks_changed=True, everything=True)
    assert merged([]) == NOTHING


# ----- each use case ----------------------------------------------------------------------------


def test_an_import_reports_what_went_in(store: WalletStore) -> None:
    files = [
        str(DEMO / "04-te-reo-maori-in-the-workplace.json"),
        str(DEMO / "01-data-analysis-with-python.json"),
    ]
    imported = importing.import_and_verify(store, files)
    assert [r.status for r in imported] == [IMPORTED, DUPLICATE]  # iterating gives the lines
    new = ids_of(store)["Te Reo Māori in the Workplace"]
    assert imported.changes == Changes(added=(new,))


def test_the_windows_import_request_reports_what_went_in(store: WalletStore) -> None:
    text = (DEMO / "09-digital-literacy-vc.jwt").read_text()
    lines: list[ItemResult] = []
    imported = importing.import_request(
        store,
        importing.ImportRequest(texts=[("pasted", text), ("pasted", "not a credential")]),
        progress=lines.append,
        cancelled=lambda: False,
    )
    assert list(imported) == lines and len(lines) == 2
    assert imported.changes == Changes(added=(lines[0].id,))


def test_a_new_bundle_brings_its_items_into_the_change_set(store: WalletStore) -> None:
    kids = [
        parsed(Credential(format=OB3, proof_form=DATA_INTEGRITY, title=t, issuer=Issuer()), raw)
        for t, raw in (("Linear Algebra", b'{"k": 1}'), ("Databases", b'{"k": 2}'))
    ]
    bundle = Credential(format=CLR2, proof_form=DATA_INTEGRITY, title="BSc", issuer=Issuer())
    cid = store.credentials.add(parsed(bundle, b'{"clr": 1}', kids), "bsc.json")
    changes = importing.changes_of(store, [ItemResult("bsc.json", IMPORTED, "", cid)])
    ids = ids_of(store)
    assert changes.added[0] == cid
    assert sorted(changes.added[1:]) == sorted([ids["Linear Algebra"], ids["Databases"]])


def test_deleting_reports_the_credentials_gone(store: WalletStore) -> None:
    cid = ids_of(store)["Cloud Security Fundamentals"]
    assert credentials.delete_credentials(store, [cid]).changes == Changes(removed=(cid,))


def test_verifying_reports_each_checked_credential_as_updated(store: WalletStore) -> None:
    ids = sorted(ids_of(store).values())
    assert verifying.verify_credentials(store, ids).changes == Changes(updated=tuple(ids))
    new = importing.verify_new(store, ids[:1])
    assert new.changes == Changes(updated=(ids[0],)) and ids[0] in new.reports


def test_trusting_reports_the_trust_and_that_issuers_credentials(store: WalletStore) -> None:
    polytechnic = issued_by(store, POLYTECHNIC)
    demo = issued_by(store, DEMO_KEY)
    assert len(polytechnic) == 1 and len(demo) == 2

    changed = trust.trust_issuer(store, POLYTECHNIC, "Demo Polytechnic")
    assert changed.changes == Changes(updated=tuple(polytechnic), trust_changed=True)
    nobody = "did:web:nobody.example"
    changed = trust.trust_issuers(store, [(DEMO_KEY, "Demo"), (nobody, None)], source="list: x")
    assert changed.changes == Changes(updated=tuple(demo), trust_changed=True)

    assert trust.distrust_issuer(store, POLYTECHNIC).changes == Changes(
        updated=tuple(polytechnic), trust_changed=True
    )
    assert trust.distrust_issuer(store, POLYTECHNIC).changes == NOTHING  # not trusted now
    both = trust.set_trusted(store, {POLYTECHNIC: None})
    assert set(both.removed) == {DEMO_KEY, nobody} and both.trusted == (POLYTECHNIC,)
    assert set(both.changes.updated) == set(polytechnic + demo) and both.changes.trust_changed
    # The results still compare by what was trusted and removed, as before.
    assert trust.trust_issuer(store, POLYTECHNIC, "P") == trust.TrustChanged(trusted=(POLYTECHNIC,))


def test_keeping_and_removing_a_stack_report_the_stacks(store: WalletStore) -> None:
    kept = stacks.import_stack(store, STACK_FILE.read_bytes())
    assert kept.changes == Changes(stacks_changed=True)
    assert stacks.remove_stack(store, kept.stack_id).changes == Changes(stacks_changed=True)


def test_restoring_changes_everything_and_backing_up_nothing(
    store: WalletStore, tmp_path: Path
) -> None:
    out = tmp_path / "w.lwbackup"
    assert backups.back_up(store, out, BACKUP_PW, log_n=10).changes == NOTHING
    with WalletStore.create(tmp_path / "fresh.wallet", PASSPHRASE) as fresh:
        fresh.credentials.add(parsed(first_aid(), b'{"n": 2}'), "test")
        restored = backups.restore_backup(fresh, out, BACKUP_PW)
        assert restored.changes.everything
        assert sorted(restored.changes.added) == sorted(ids_of(store).values())
        assert restored.credentials == 3  # still the summary the CLI prints
        assert "3 credentials added" in str(restored.line())


def test_a_new_passphrase_changes_nothing_on_screen(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "other.wallet", PASSPHRASE) as other:
        assert passphrase.change_passphrase(other, "another passphrase").changes == NOTHING


def test_the_store_reads_rows_of_given_ids_and_their_bundled_items(
    store: WalletStore,
) -> None:
    ids = ids_of(store)
    wanted = [ids["Cloud Security Fundamentals"], "ffffffffffffffff"]
    rows = store.credentials.summaries_of(wanted)
    assert [s.title for s in rows] == ["Cloud Security Fundamentals"]
    assert store.credentials.summaries_of([]) == []
    assert store.credentials.issued_by([POLYTECHNIC]) == issued_by(store, POLYTECHNIC)
    # A key's fragment names the issuer too, as the trust check reads it.
    keyed = Credential(
        format=OB3, proof_form=DATA_INTEGRITY, title="Keyed", issuer=Issuer(id=DEMO_KEY + "#k1")
    )
    cid = store.credentials.add(parsed(keyed, b'{"keyed": 1}'), "test")
    assert cid in store.credentials.issued_by([DEMO_KEY])
    assert store.credentials.issued_by(["did:web:nobody.example"]) == []
