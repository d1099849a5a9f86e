"""`learner-wallet self-test`: every check passes on a working install and names what broke."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from wallet import __version__, cli, paths, selftest
from wallet.messages import M


def test_every_check_passes_from_the_checkout() -> None:
    out = io.StringIO()
    assert selftest.run(out, qt=cli.qt_self_check) == 0
    lines = out.getvalue().splitlines()
    names = [line.split(":", 1)[0] for line in lines[1:-1]]
    assert names == ["sqlcipher", "contexts", "qr", "signature", "verify-demo", "qt"]
    assert all(": ok (" in line for line in lines[1:-1])
    assert lines[-1] == "self-test passed: 6 checks"


def test_missing_resources_fail_by_name_and_the_rest_still_run(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(paths, "resources", lambda: tmp_path / "nothing-here")
    monkeypatch.setattr("wallet.proofs.contexts.resources", lambda: tmp_path / "nothing-here")
    out = io.StringIO()
    assert selftest.run(out, qt=cli.qt_self_check) == 1
    text = out.getvalue()
    assert "sqlcipher: ok" in text and "qr: ok" in text
    assert "contexts: FAILED: ContextFileError: cannot read" in text
    assert "verify-demo: FAILED" in text
    assert text.splitlines()[-1].startswith("self-test FAILED: contexts")


def test_a_check_that_sees_something_wrong_says_why(monkeypatch) -> None:
    def broken() -> str:
        raise selftest.CheckFailed(M("an altered credential still verifies"))

    monkeypatch.setattr(selftest, "check_signature", broken)
    out = io.StringIO()
    assert selftest.run(out, qt=cli.qt_self_check) == 1
    assert "signature: FAILED: an altered credential still verifies" in out.getvalue()


def test_the_command_line_runs_it() -> None:
    out = io.StringIO()
    assert cli.main(["self-test"], out) == 0
    assert "self-test passed" in out.getvalue()


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"learner-wallet {__version__}"


def test_a_file_alone_means_the_app(tmp_path: Path) -> None:
    badge = tmp_path / "badge.png"
    badge.write_bytes(b"x")
    assert cli._files_mean_gui([str(badge)]) == ["gui", str(badge)]
    assert cli._files_mean_gui(["--wallet", "w.lwallet", str(badge), str(badge)]) == [
        "--wallet",
        "w.lwallet",
        "gui",
        str(badge),
        str(badge),
    ]
    for unchanged in (
        [],
        ["list"],
        ["import", str(badge)],
        ["--version"],
        [str(tmp_path / "missing.png")],
        [str(tmp_path)],
    ):
        assert cli._files_mean_gui(unchanged) == unchanged
    args = cli._parser().parse_args(cli._files_mean_gui([str(badge)]))
    assert args.command == "gui" and args.files == [str(badge)]


def test_a_launch_with_an_exchange_link_opens_the_window() -> None:
    """The desktop file hands DCC and interaction links over like offer links: the window
    (its receive dialog) takes them, never a command."""
    from wallet import cli

    for link in (
        "dccrequest://request?issuer=x&vc_request_url=https%3A%2F%2Fi.example%2Fe",
        "org.dcconsortium://request?issuer=x&vc_request_url=https%3A%2F%2Fi.example%2Fe",
        "interaction:https%3A%2F%2Fi.example%2Fi%3Fiuv%3D1",
    ):
        assert cli._files_mean_gui([link]) == ["gui", link]
