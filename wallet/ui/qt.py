"""The one module that imports the Qt binding.

Every other module in `wallet.ui` takes Qt from here, so a binding or version change, or a
compatibility fix, touches a single file (the same shape as qutebrowser's `qt` shim).
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal

__all__ = ["QT_TRANSLATE_NOOP", "Qt", "QtCore", "QtGui", "QtWidgets", "Signal"]
