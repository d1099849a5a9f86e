"""Format tests see real exceptions: a bug must not hide behind a FormatError."""

from __future__ import annotations

import pytest

import wallet.formats


@pytest.fixture(autouse=True)
def _unexpected_errors_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wallet.formats, "RAISE_UNEXPECTED", True)
