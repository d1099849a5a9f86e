"""The credential panel is now the scrollable detail view (wallet/ui/detail_view.py).

This name stays so that code written against the first window keeps working.
"""

from __future__ import annotations

from wallet.ui.detail_view import DetailView, credits_text, level_text

CredentialPanel = DetailView

__all__ = ["CredentialPanel", "DetailView", "credits_text", "level_text"]
