"""Fixtures shared by the verification tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from .localweb import LocalWeb

JOSE_AT = dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC)  # inside the vectors' window


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    """Issuer web sites served from 127.0.0.1 (see localweb.py), judged at JOSE_AT."""
    with LocalWeb(JOSE_AT).running() as site:
        yield site
