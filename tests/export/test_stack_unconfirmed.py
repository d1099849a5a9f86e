"""Issue 13, item 6, in the exports: a portfolio never shows an impostor's credential as
progress, and progress that rests on issuers the learner has not confirmed is said to be
that, never "Complete" (the HTML page, and the PDF's HTML, from one portfolio model)."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.stacks.helpers import (
    CLINICAL,
    PUKEKO,
    add_checked,
    clinical_stack,
    new_issuer_key,
    save_stack,
    signed_credential,
)
from wallet.export import select_ids
from wallet.export.html import render_html, render_print_html
from wallet.export.portfolio import Portfolio, build_portfolio, progress_line
from wallet.store import WalletStore


class _Text(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.feed(markup)
        self.words = " ".join(" ".join(self.parts).split()).replace(" :", ":")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def words(portfolio: Portfolio) -> tuple[str, str]:
    """The text of the stacks part of the HTML page and of the PDF's HTML."""
    out = []
    for markup in (render_html(portfolio), render_print_html(portfolio)[0]):
        text = _Text(markup).words
        assert "Progress toward larger awards" in text
        out.append(text.split("Progress toward larger awards", 1)[1].split("Credentials")[0])
    return out[0], out[1]


@pytest.fixture(scope="module")
def pukeko() -> tuple[Any, str]:
    return new_issuer_key()


@pytest.fixture
def wallet(tmp_path: Path) -> Iterator[WalletStore]:
    with WalletStore.create(tmp_path / "w.lwallet", "pw") as store:
        yield store


def portfolio_of(store: WalletStore) -> Portfolio:
    return build_portfolio(store, select_ids(store, everything=True))


def test_impostor_is_shown_as_not_counted_with_why(wallet, pukeko):
    wallet.trust.add(pukeko[1], PUKEKO)
    attacker_key, attacker_did = new_issuer_key()
    add_checked(wallet, signed_credential(attacker_key))  # calls itself Pukeko Polytechnic
    save_stack(wallet, clinical_stack(PUKEKO))
    portfolio = portfolio_of(wallet)
    [stack] = portfolio.stacks
    assert not stack.satisfied and stack.counted == [] and stack.unconfirmed == []
    assert str(progress_line(stack)) == "0% complete"
    page, printed = words(portfolio)
    for text in (page, printed):
        assert "Complete" not in text
        assert f"{CLINICAL}: issued by {attacker_did}, not by {PUKEKO}" in text


def test_progress_from_an_unconfirmed_college_is_shown_as_unconfirmed(wallet, pukeko):
    key, did = pukeko
    add_checked(wallet, signed_credential(key))  # genuine, but the learner never trusted it
    save_stack(wallet, clinical_stack(did))
    portfolio = portfolio_of(wallet)
    [stack] = portfolio.stacks
    assert not stack.satisfied and stack.satisfied_if_confirmed
    assert stack.progress == 0 and stack.progress_if_confirmed == 1.0
    assert stack.counted == [] and len(stack.unconfirmed) == 1
    page, printed = words(portfolio)
    for text in (page, printed):
        assert "Complete" not in text and "0% complete" in text
        assert (
            "Not complete: 1 more requirement rests on issuers the learner has not "
            f"confirmed ({did})"
        ) in text
        assert (
            f"{CLINICAL}: issuer not confirmed: {did} is not on the learner's list of "
            "trusted issuers" in text
        )


def test_progress_from_a_trusted_college_is_complete(wallet, pukeko):
    key, did = pukeko
    wallet.trust.add(did, PUKEKO)
    add_checked(wallet, signed_credential(key))
    save_stack(wallet, clinical_stack(PUKEKO))
    [stack] = portfolio_of(wallet).stacks
    assert stack.satisfied and str(progress_line(stack)) == "Complete"
    assert stack.unconfirmed == [] and stack.not_counted == []
