"""Issue 13, item 15: what the wallet writes for itself is readable by the learner alone.

Under the usual umask 022 the wallet file, its -wal/-shm/.lock, the logs and backups were
created 0644 in a 0755 folder: anyone else on the machine could copy the encrypted wallet to
attack its passphrase offline, and read crash logs. They are created 0600 in a 0700 folder (an
existing folder of ours is tightened); exports keep the umask (they are meant to be shared) and
the CLI names where they went.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from wallet import backup, cli, formats, paths
from wallet.store import WalletStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")

PW = "file modes passphrase"
CREDENTIAL = paths.resources() / "demo" / "credentials" / "01-data-analysis-with-python.json"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return cli.main(list(args), out=out), out.getvalue()


def test_the_wallet_and_its_companions_are_private(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cli.PASSPHRASE_ENV, PW)
    assert run("init")[0] == 0  # the default wallet, in the platform's data folder
    wallet = paths.default_wallet()
    assert mode(wallet.parent) == 0o700
    with WalletStore.open(wallet, PW) as store:
        store.credentials.add(formats.parse(CREDENTIAL.read_bytes()), "test")
        companions = [Path(f"{wallet}{suffix}") for suffix in ("-wal", "-shm", ".lock")]
        assert all(p.exists() for p in companions)
        modes = {p.name: oct(mode(p)) for p in [wallet, *companions]}
    assert set(modes.values()) == {"0o600"}, modes


def test_an_existing_data_folder_and_wallet_of_ours_are_tightened(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A folder and wallet made 0755/0644 by an earlier version are made private on the next
    run, not only new ones."""
    monkeypatch.setenv(cli.PASSPHRASE_ENV, PW)
    folder = paths.data_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    assert run("init")[0] == 0
    wallet = paths.default_wallet()
    wallet.chmod(0o644)
    folder.chmod(0o755)
    assert run("list")[0] == 0
    assert mode(folder) == 0o700
    assert mode(wallet) == 0o600


def test_a_wallet_created_elsewhere_is_private_too(tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir(mode=0o755)
    path = documents / "new folder" / "w.lwallet"
    with WalletStore.create(path, PW) as store:
        store.credentials.add(formats.parse(CREDENTIAL.read_bytes()), "test")
        assert mode(Path(f"{path}-wal")) == 0o600
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    assert mode(documents) == 0o755  # a folder the learner already had is left alone


def test_logs_are_private() -> None:
    log = paths.log_dir() / "errors.log"
    paths.append_log(log, "one\n")
    assert mode(log) == 0o600 and mode(log.parent) == 0o700
    log.chmod(0o644)
    paths.append_log(log, "two\n", max_bytes=4)  # rotated: the old file moves aside
    assert mode(log) == 0o600 and mode(log.with_name("errors.log.1")) == 0o600


def test_the_cli_crash_log_is_private(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setitem(cli.COMMANDS, "list", boom)
    assert run("list")[0] == cli.EXIT_ERROR
    log = paths.log_dir() / "crash.log"
    assert mode(log) == 0o600 and mode(log.parent) == 0o700


def test_backups_are_private(tmp_path: Path) -> None:
    with WalletStore.create(tmp_path / "w.lwallet", PW) as store:
        backup.write_backup(store, tmp_path / "b.lwbackup", "backup passphrase", log_n=10)
    assert mode(tmp_path / "b.lwbackup") == 0o600


def test_exports_keep_the_umask_and_the_cli_says_where_they_went(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cli.PASSPHRASE_ENV, PW)
    wallet = tmp_path / "w.lwallet"
    with WalletStore.create(wallet, PW) as store:
        store.credentials.add(formats.parse(CREDENTIAL.read_bytes()), "test")
    monkeypatch.chdir(tmp_path)
    code, text = run(
        "--wallet", str(wallet), "export", "--format", "html", "--all", "portfolio.html"
    )
    assert code == 0
    written = tmp_path / "portfolio.html"
    assert f"wrote {written}" in text  # the full path, wherever the command ran
    assert mode(written) == 0o644
