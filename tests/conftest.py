"""Suite-wide guards: no test reaches the network or the user's real wallet folders."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests serve issuers on 127.0.0.1: let credential-named addresses reach it (wallet/sources.py
# LOOPBACK_SWITCH; tests of the network rules turn it off themselves).
os.environ.setdefault("LEARNER_WALLET_ALLOW_LOOPBACK", "1")

# No timed assertions in tests: Hypothesis' per-example deadline would fail on a busy machine.
settings.register_profile("wallet", deadline=None)
settings.load_profile("wallet")

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> object:
    host = address[0] if isinstance(address, tuple) else None
    if host is not None:
        try:
            if not ipaddress.ip_address(host).is_loopback:
                raise OSError(f"test tried to reach the network ({host}); tests stay offline")
        except ValueError:
            if host != "localhost":
                raise OSError(f"test tried to reach {host}; tests stay offline") from None
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _offline_and_isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("LEARNER_WALLET_PASSPHRASE", raising=False)
    monkeypatch.delenv("LEARNER_WALLET_NEW_PASSPHRASE", raising=False)


@pytest.fixture
def keep_language() -> Iterator[None]:
    """For tests that set the process's language (`cli.main` takes it from the locale): the
    tests after them get theirs back."""
    from wallet import messages

    before = messages.current_language()
    yield
    messages.set_language(before)


@pytest.fixture
def block_all_sockets(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Proves no network access at all: every connect attempt is recorded and fails."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network blocked by test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture
def ghostscript_marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake `gs` first on PATH that leaves a file behind whenever anything runs it: Pillow's
    EPS plugin must never get to run Ghostscript on a stranger's picture (issue 13 item 7)."""
    from PIL import EpsImagePlugin

    folder = tmp_path / "bin"
    folder.mkdir()
    marker = tmp_path / "ghostscript-ran"
    gs = folder / "gs"
    gs.write_text(f"#!/bin/sh\necho \"$@\" >> '{marker}'\nexit 1\n")
    gs.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(EpsImagePlugin, "gs_binary", None)  # look it up again, on our PATH
    return marker
