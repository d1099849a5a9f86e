"""Deleting credentials (issue 17): everything of theirs goes in one transaction, nothing of
them stays findable or in later backups, an undo puts back exactly what went, and
`learner-wallet remove ID...` asks first."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.samples import PASSPHRASE, data_analysis, first_aid, parsed
from wallet import cli, formats
from wallet.actions import backups
from wallet.actions import credentials as credential_actions
from wallet.credential import CLR2, DATA_INTEGRITY, OB3, Credential, Issuer
from wallet.errors import NotFound
from wallet.paths import resources
from wallet.store import WalletStore

DEMO = resources() / "demo" / "credentials"
BACKUP_PW = "a long backup passphrase"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WalletStore]:
    """A CLR bundle carrying two credentials ("Zygomorphic" only in one of them), two loose
    credentials, tags, a collection and a stored report."""
    s = WalletStore.create(tmp_path / "remove.wallet", PASSPHRASE)
    kids = [
        parsed(
            Credential(
                format=OB3,
                proof_form=DATA_INTEGRITY,
                title=t,
                issuer=Issuer(name="U"),
                description=d,
            ),
            raw,
        )
        for t, d, raw in (
            ("Linear Algebra", "Zygomorphic matrices", b'{"k": 1}'),
            ("Databases", "Tables", b'{"k": 2}'),
        )
    ]
    clr = Credential(format=CLR2, proof_form=DATA_INTEGRITY, title="BSc", issuer=Issuer(name="U"))
    bsc = s.credentials.add(parsed(clr, b'{"clr": 1}', kids), "test")
    aid = s.credentials.add(parsed(first_aid(), b'{"n": 2}'), "test")
    s.credentials.add(parsed(data_analysis(), b'{"n": 3}'), "test")
    s.tags.set_tags(aid, ["quokka", "safety"])
    jobs = s.tags.create_collection("Job applications")
    s.tags.add_to_collection(jobs, aid)
    s.tags.add_to_collection(jobs, bsc)
    s.checks.save_report(aid, "2026-05-01T10:00:00Z", "verified", b'{"checks": []}')
    yield s
    s.close()


def ids_by_title(store: WalletStore) -> dict[str, str]:
    return {s.title: s.id for s in store.credentials.summaries()}


def everything_of(store: WalletStore, cid: str) -> tuple[object, ...]:
    """What a learner could notice of one credential: bytes, record, tags, collections,
    stored report, bundled items, where it came from."""
    got = store.credentials.get(cid)
    report = store.checks.last_report(cid)
    return (
        got.original,
        got.payload,
        got.credential,
        got.source,
        got.imported_at,
        got.parent_id,
        got.children,
        got.tags,
        [c.name for c in store.tags.collections_of(cid)],
        report,
    )


def test_a_delete_takes_everything_of_the_credentials(store: WalletStore) -> None:
    ids = ids_by_title(store)
    assert store.credentials.search("zygomorphic") == [ids["Linear Algebra"]]
    assert store.credentials.search("quokka") == [ids["First Aid at Work"]]

    deleted = credential_actions.delete_credentials(store, [ids["BSc"], ids["First Aid at Work"]])

    assert deleted.removed[0] == ids["BSc"]  # parents first
    assert set(deleted.removed) == {
        ids[t] for t in ("BSc", "Linear Algebra", "Databases", "First Aid at Work")
    }
    assert set(deleted.titles) == {"BSc", "Linear Algebra", "Databases", "First Aid at Work"}
    assert set(ids_by_title(store)) == {data_analysis().title}
    assert store.credentials.search("zygomorphic") == []  # only a bundled item had the word
    assert store.credentials.search("quokka") == []  # only a user tag had it
    assert store.tags.names() == []
    assert [(c.name, c.count) for c in store.tags.collections()] == [("Job applications", 0)]
    assert store.checks.last_report(ids["First Aid at Work"]) is None


def test_an_unknown_id_deletes_nothing(store: WalletStore) -> None:
    ids = ids_by_title(store)
    with pytest.raises(NotFound):
        credential_actions.delete_credentials(store, [ids["BSc"], "ffffffffffffffff"])
    assert len(ids_by_title(store)) == 5


def test_undo_puts_back_exactly_what_went(store: WalletStore) -> None:
    ids = ids_by_title(store)
    before = {cid: everything_of(store, cid) for cid in ids.values()}
    deleted = credential_actions.delete_credentials(store, [ids["BSc"], ids["First Aid at Work"]])

    undone = credential_actions.undo_delete(store, deleted)

    assert undone.changes.added == deleted.removed
    assert ids_by_title(store) == ids
    assert {cid: everything_of(store, cid) for cid in ids.values()} == before
    assert store.credentials.search("zygomorphic") == [ids["Linear Algebra"]]
    assert store.credentials.search("quokka") == [ids["First Aid at Work"]]
    assert store.checks.verdicts() == {ids["First Aid at Work"]: "verified"}


def test_undo_after_the_collection_went_makes_it_again(store: WalletStore) -> None:
    ids = ids_by_title(store)
    deleted = credential_actions.delete_credentials(store, [ids["First Aid at Work"]])
    store.tags.delete_collection(store.tags.collections()[0].id)

    credential_actions.undo_delete(store, deleted)

    assert [c.name for c in store.tags.collections_of(ids["First Aid at Work"])] == [
        "Job applications"
    ]


def test_undo_leaves_a_credential_imported_again_meanwhile(store: WalletStore) -> None:
    ids = ids_by_title(store)
    deleted = credential_actions.delete_credentials(store, [ids["First Aid at Work"]])
    store.credentials.add(parsed(first_aid(), b'{"n": 2}'), "again")

    undone = credential_actions.undo_delete(store, deleted)

    assert undone.restored == ()
    assert store.credentials.get(ids["First Aid at Work"]).source == "again"


def test_a_deleted_credential_is_not_in_a_later_backup(tmp_path: Path) -> None:
    learner = WalletStore.create(tmp_path / "learner.wallet", PASSPHRASE)
    kept: dict[str, str] = {}
    for path in sorted(DEMO.glob("0[1-3]-*.json")):
        p = formats.parse(path.read_bytes(), name=path.name)
        kept[p.credential.title] = learner.credentials.add(p, path.name)
    gone_title = next(iter(kept))
    credential_actions.delete_credentials(learner, [kept[gone_title]])
    out = tmp_path / "after.lwbackup"
    backups.back_up(learner, out, BACKUP_PW, log_n=10)
    learner.close()

    with WalletStore.create(tmp_path / "elsewhere.wallet", PASSPHRASE) as elsewhere:
        backups.restore_backup(elsewhere, out, BACKUP_PW)
        restored = ids_by_title(elsewhere)

    assert gone_title not in restored
    assert kept[gone_title] not in restored.values()
    assert len(restored) == len(kept) - 1


# ----- learner-wallet remove ID... ------------------------------------------------------------


@pytest.fixture
def cli_wallet(tmp_path: Path, store: WalletStore) -> dict[str, Path]:
    pw = tmp_path / "pass.txt"
    pw.write_text(PASSPHRASE + "\n")
    store.close()
    return {"wallet": tmp_path / "remove.wallet", "pass": pw}


def run(env: dict[str, Path], *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(
        ["--wallet", str(env["wallet"]), "--passphrase-file", str(env["pass"]), *args], out=out
    )
    return code, out.getvalue()


def titles_in(env: dict[str, Path]) -> set[str]:
    with WalletStore.open(env["wallet"], PASSPHRASE) as s:
        return set(ids_by_title(s))


def test_remove_with_yes_says_one_line_per_credential(cli_wallet: dict[str, Path]) -> None:
    with WalletStore.open(cli_wallet["wallet"], PASSPHRASE) as s:
        ids = ids_by_title(s)

    code, out = run(cli_wallet, "remove", "--yes", ids["BSc"][:8], ids["First Aid at Work"])

    assert code == cli.EXIT_OK
    lines = out.splitlines()
    assert len(lines) == 4
    assert lines[0] == f"deleted {ids['BSc']}  BSc"
    assert {line.split()[1] for line in lines} == {
        ids[t] for t in ("BSc", "Linear Algebra", "Databases", "First Aid at Work")
    }
    assert titles_in(cli_wallet) == {data_analysis().title}


def test_remove_asks_in_a_terminal(
    cli_wallet: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with WalletStore.open(cli_wallet["wallet"], PASSPHRASE) as s:
        cid = ids_by_title(s)["First Aid at Work"]
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []
    answers = iter(["", "y"])
    monkeypatch.setattr("builtins.input", lambda q: asked.append(q) or next(answers))

    code, out = run(cli_wallet, "remove", cid)  # Enter: the default is no
    assert code == cli.EXIT_ITEM_FAILED
    assert "First Aid at Work" in titles_in(cli_wallet)
    assert out == f"would delete: {cid}  First Aid at Work\n"
    assert asked == ["Delete these credentials for good? [y/N] "]

    code, out = run(cli_wallet, "remove", cid)
    assert code == cli.EXIT_OK
    assert out.splitlines()[-1] == f"deleted {cid}  First Aid at Work"
    assert "First Aid at Work" not in titles_in(cli_wallet)


def test_remove_without_a_terminal_or_yes_deletes_nothing(
    cli_wallet: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with WalletStore.open(cli_wallet["wallet"], PASSPHRASE) as s:
        cid = ids_by_title(s)["First Aid at Work"]
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)

    code, out = run(cli_wallet, "remove", cid)

    assert code == cli.EXIT_ITEM_FAILED
    assert out.splitlines()[-1] == (
        "nothing deleted: nobody to ask here; add --yes to delete without asking"
    )
    assert "First Aid at Work" in titles_in(cli_wallet)


def test_remove_of_an_unknown_id_is_one_sentence(
    cli_wallet: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(cli_wallet, "remove", "--yes", "abcdef0123")

    assert code == cli.EXIT_ERROR
    assert out == ""
    assert capsys.readouterr().err == "learner-wallet: no credential with id 'abcdef0123'\n"
    assert len(titles_in(cli_wallet)) == 5
