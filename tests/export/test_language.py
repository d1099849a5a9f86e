"""The portfolio speaks the language it is asked for: every word the wallet writes into the
page (headings, status, facts, stack progress, reasons) is German when German is asked for,
while what the issuers wrote stays exactly as they wrote it."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from tests.test_cli_language import english_sentences
from wallet import messages
from wallet.export import build_portfolio, select_ids
from wallet.export.html import page_title, render_html, render_print_html
from wallet.store import WalletStore


class _Text(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.feed(markup)
        self.words = " ".join(" ".join(self.parts).split())

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


pytestmark = pytest.mark.usefixtures("keep_language")  # these tests set the language


def test_the_page_and_the_pdf_are_german_when_asked(demo_store: WalletStore) -> None:
    portfolio = build_portfolio(demo_store, select_ids(demo_store, everything=True), name="Aroha")
    page = render_html(portfolio, "de")
    printed, _images = render_print_html(portfolio, "de")
    assert '<html lang="de">' in page
    titles = [i.credential.title for i in portfolio.items]
    # The issuers' own English (a framework named in an alignment, say) is theirs to keep.
    issuers_words = " ".join(json.dumps(i.credential.to_dict()) for i in portfolio.items)
    for markup in (page, printed):
        text = _Text(markup).words
        assert "Aroha: Portfolio" in text and "Fortschritt zu größeren Abschlüssen" in text
        assert "Verifiziert (offline geprüft am" in text
        assert "Ausgestellt von Demo Polytechnic (DEMO ISSUER — not a real institution)" in text
        assert all(title in text for title in titles)  # the issuers' words, unchanged
        english = sorted(s for s in english_sentences() if s in text and s not in issuers_words)
        assert english == [], english
    assert page_title(portfolio, "de") == "Aroha: Portfolio"


def test_without_a_language_the_page_follows_the_current_one(demo_store: WalletStore) -> None:
    portfolio = build_portfolio(demo_store, select_ids(demo_store, everything=True))
    messages.set_language("de")
    assert "Portfolio von Nachweisen" in render_html(portfolio)
    messages.set_language("en")
    english = render_html(portfolio)
    assert '<html lang="en">' in english and "Portfolio of credentials" in english
    assert "Progress toward larger awards" in english and "Fortschritt" not in english
