"""Issue 13, item 10: a restored backup shows only what its signed originals say.

A backup document carries records, list columns, verdicts, cached documents and a trust list
beside the original bytes. Whoever holds the backup passphrase can edit all of them; a restore
must not let those edits through: every record is read again from the original bytes, stored
verdicts are dropped and recomputed, fetched documents are dropped, and the backup's trusted
issuers are only listed until the learner accepts them.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from issuers import clr_transcript, ects_microcredential, nzqf_microcredential

from wallet import backup, cli, formats, paths
from wallet.store import WalletStore
from wallet.store.transfer import dump

WALLET_PW = "old laptop passphrase"
BACKUP_PW = "backup passphrase, long enough"
FORGED_TITLE = "Master of Nursing Science (Honours)"
FORGED_ISSUER = "University of Otago"
MILL_ID = "did:web:diploma-mill.example"
MILL_NAME = "Diploma Mill University"
DEMO = paths.resources() / "demo" / "credentials"
DATA = "01-data-analysis-with-python.json"
CLOUD = "03-cloud-security-fundamentals.json"
BAKED = "11-campus-sustainability-week-baked.png"


def _clr() -> bytes:
    return json.dumps(clr_transcript([nzqf_microcredential(), ects_microcredential()])).encode()


@pytest.fixture
def source_doc(tmp_path: Path) -> dict[str, Any]:
    """The backup document of a small wallet: two signed demo credentials, a baked badge and a
    CLR bundle with two children."""
    path = tmp_path / "old.lwallet"
    with WalletStore.create(path, WALLET_PW) as store:
        for name in (DATA, CLOUD, BAKED):
            store.credentials.add(formats.parse((DEMO / name).read_bytes()), name)
        store.credentials.add(formats.parse(_clr()), "transcript.json")
        return dump(store)


def _entry(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in doc["credentials"] if c["source"] == name and c["parent_id"] is None)


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def forge(doc: dict[str, Any]) -> tuple[str, str]:
    """What someone with the backup passphrase might write into the document: a better title
    and issuer for one credential, a changed credential stored as "verified", a trusted issuer
    of their own, and a key document for it. Returns (forged-record id, tampered id)."""
    data = _entry(doc, DATA)
    record = json.loads(data["record"])
    record["title"] = FORGED_TITLE
    record["issuer"]["name"] = FORGED_ISSUER
    data["record"] = json.dumps(record).encode()
    data["title"], data["issuer_name"] = FORGED_TITLE, FORGED_ISSUER

    cloud = _entry(doc, CLOUD)
    changed = json.loads(cloud["original"])
    changed["name"] = "Bachelor of Medicine"
    changed["credentialSubject"]["achievement"]["name"] = "Bachelor of Medicine"
    raw = json.dumps(changed).encode()
    cloud.update(
        original=raw,
        original_sha256=_sha(raw),
        payload_sha256=_sha(raw),
        id=_sha(raw)[:16],
        title="Bachelor of Medicine",
        record=b"not even JSON",
    )
    doc["verifications"] = [
        {
            "credential_id": cloud["id"],
            "checked_at": "2026-01-01T00:00:00Z",
            "verdict": "verified",
            "report": json.dumps({"verdict": "verified"}).encode(),
        },
        {
            "credential_id": data["id"],
            "checked_at": "2026-01-01T00:00:00Z",
            "verdict": "verified",
            "report": json.dumps({"verdict": "verified"}).encode(),
        },
    ]
    doc["trusted_issuers"] = [{"issuer_id": MILL_ID, "name": MILL_NAME, "source": "user"}]
    doc["fetched"] = [
        {
            "kind": "did",
            "key": MILL_ID,
            "data": b'{"id": "' + MILL_ID.encode() + b'"}',
            "fetched_at": "2099-01-01T00:00:00Z",
        }
    ]
    return data["id"], cloud["id"]


def _write(doc: dict[str, Any], path: Path) -> Path:
    path.write_bytes(backup.encode(doc, BACKUP_PW, log_n=10))
    return path


def test_restore_shows_what_the_original_bytes_say(
    source_doc: dict[str, Any], tmp_path: Path
) -> None:
    data_id, cloud_id = forge(source_doc)
    file = _write(source_doc, tmp_path / "forged.lwbackup")
    with WalletStore.create(tmp_path / "new.lwallet", "new passphrase") as store:
        summary = backup.restore(store, file, BACKUP_PW)

        titles = {s.id: s.title for s in store.credentials.summaries()}
        assert FORGED_TITLE not in titles.values()
        assert titles[data_id] == "Data Analysis with Python"  # from the signed bytes
        assert store.credentials.get(data_id).credential.issuer.name.startswith("Demo Polytechnic")
        assert store.credentials.search("Nursing") == [] and store.credentials.search("Otago") == []
        assert titles[cloud_id] == "Bachelor of Medicine"  # what its changed bytes say...
        verdicts = store.checks.verdicts()
        assert verdicts[cloud_id] == "failed"  # ...but checked again: its proof fails
        assert verdicts.keys() == titles.keys()  # every restored credential checked again
        # The bundle's children come from the bundle's own bytes.
        children = [s for s in store.credentials.summaries() if s.parent_id]
        assert len(children) == 2

        # The backup's trust list is offered, not applied; its cached documents are gone.
        assert MILL_ID not in store.trust.issuers()
        line = str(summary.line())
        assert MILL_NAME in line and MILL_ID in line and "not added" in line
        assert store.checks.cache_get("did", MILL_ID) is None

        again = backup.restore(store, file, BACKUP_PW, accept_trust=True)
        assert again.credentials == 0
        assert store.trust.issuers()[MILL_ID] == MILL_NAME


def test_a_credential_filed_under_a_bundle_that_does_not_carry_it_is_refused(
    source_doc: dict[str, Any], tmp_path: Path
) -> None:
    """The nesting shown in the list is derived too: a credential moved under a signed CLR
    bundle in the document would look vouched for by it."""
    bundle = _entry(source_doc, "transcript.json")
    _entry(source_doc, DATA)["parent_id"] = bundle["id"]
    file = _write(source_doc, tmp_path / "nested.lwbackup")
    target = tmp_path / "new.lwallet"
    with WalletStore.create(target, "new passphrase") as store:
        with pytest.raises(backup.BackupError, match="bundle"):
            backup.restore(store, file, BACKUP_PW)
        assert store.credentials.count() == 0


def test_original_bytes_that_are_no_credential_are_refused_by_name(
    source_doc: dict[str, Any], tmp_path: Path
) -> None:
    entry = _entry(source_doc, DATA)
    raw = b"shopping list: milk, eggs"
    entry.update(
        original=raw, original_sha256=_sha(raw), payload_sha256=_sha(raw), id=_sha(raw)[:16]
    )
    file = _write(source_doc, tmp_path / "junk.lwbackup")
    with WalletStore.create(tmp_path / "new.lwallet", "new passphrase") as store:
        with pytest.raises(backup.BackupError, match=f"{entry['id']}.*cannot be read"):
            backup.restore(store, file, BACKUP_PW)
        assert store.credentials.count() == 0


def _cli(wallet: Path, *args: str) -> tuple[int, str]:
    pw = wallet.with_suffix(".pw")
    pw.write_text("new passphrase")
    out = io.StringIO()
    code = cli.main(["--wallet", str(wallet), "--passphrase-file", str(pw), *args], out=out)
    return code, out.getvalue()


def test_cli_restore_lists_the_trust_additions_and_adds_them_only_when_asked(
    source_doc: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forge(source_doc)
    file = _write(source_doc, tmp_path / "forged.lwbackup")
    monkeypatch.setenv(cli.BACKUP_PASSPHRASE_ENV, BACKUP_PW)
    wallet = tmp_path / "cli.lwallet"
    code, text = _cli(wallet, "restore", str(file))
    assert code == 0
    assert MILL_NAME in text and MILL_ID in text and "trust add" in text
    assert FORGED_TITLE not in text
    with WalletStore.open(wallet, "new passphrase") as store:
        assert MILL_ID not in store.trust.issuers()
    code, text = _cli(wallet, "restore", "--accept-trust", str(file))
    assert code == 0
    with WalletStore.open(wallet, "new passphrase") as store:
        assert MILL_ID in store.trust.issuers()
