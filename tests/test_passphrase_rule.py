"""The one passphrase rule (issue 17): stated the same everywhere, refusing "abc" in the CLI's
init, passwd and backup with the rule's sentence; a weak but long one is warned about."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from wallet import cli
from wallet.actions import passphrase

RULE = "At least 10 characters; a few unrelated words work well."
GOOD = "correct horse battery"


def _run(tmp_path: Path, secret: str, *args: str) -> tuple[int, str]:
    pw = tmp_path / "pw.txt"
    pw.write_text(secret + "\n")
    out = io.StringIO()
    code = cli.main(
        ["--wallet", str(tmp_path / "w.lwallet"), "--passphrase-file", str(pw), *args], out=out
    )
    return code, out.getvalue()


def test_the_rule_refuses_short_and_measures_strength() -> None:
    assert str(passphrase.rule()) == RULE
    assert str(passphrase.problem("abc")) == RULE
    assert passphrase.problem("lantern orchard pebble") is None
    assert passphrase.strength("aaaaaaaaaa").weak
    assert str(passphrase.strength("aaaaaaaaaa").label) == "Strength: weak"
    assert str(passphrase.strength("lantern orchard pebble").label) == "Strength: strong"


def test_init_refuses_abc_with_the_rule(tmp_path: Path, capsys) -> None:
    code, _out = _run(tmp_path, "abc", "init")
    assert code != 0 and RULE in capsys.readouterr().err
    assert not (tmp_path / "w.lwallet").exists()


def test_init_warns_about_a_weak_but_long_passphrase(tmp_path: Path, capsys) -> None:
    code, _out = _run(tmp_path, "aaaaaaaaaaaa", "init")
    assert code == 0 and "easy to guess" in capsys.readouterr().err


def test_passwd_and_backup_refuse_abc(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(tmp_path, GOOD, "init")[0] == 0
    monkeypatch.setenv("LEARNER_WALLET_NEW_PASSPHRASE", "abc")
    assert _run(tmp_path, GOOD, "passwd")[0] != 0
    assert RULE in capsys.readouterr().err
    monkeypatch.setenv("LEARNER_WALLET_BACKUP_PASSPHRASE", "abc")
    assert _run(tmp_path, GOOD, "backup", str(tmp_path / "b.lwbackup"))[0] != 0
    assert RULE in capsys.readouterr().err
    assert not (tmp_path / "b.lwbackup").exists()
