"""Where things live: the user's wallet and logs (platform conventions) and our resources."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP = "learner-wallet"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def default_wallet() -> Path:
    return data_dir() / "wallet.lwallet"


def demo_wallet() -> Path:
    return data_dir() / "demo-wallet.lwallet"


def resources() -> Path:
    """`resources/` beside the package in a checkout, or inside a frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
