"""The core's message ids, read from its source: every `M("...")` call's template.

Shared by tests that look at what a person sees: the German window test looks for the English
of these templates in the window (tests/ui/test_german_window.py). Read from the source, not
from running code, so a message the tests never provoke is covered too.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

from wallet import messages

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "wallet"
MIN_WORDS = 3  # shorter literal pieces ("expired on") are too common to point at one message


def core_files() -> list[Path]:
    """Every module of the core (everything in wallet/ but the window)."""
    return [p for p in sorted(CORE.rglob("*.py")) if "ui" not in p.relative_to(CORE).parts[:1]]


def message_ids() -> dict[str, str]:
    """Template -> the first place it is written (path:line). A call whose first argument is
    not a string literal is left out (tests/test_messages.py fails on those)."""
    found: dict[str, str] = {}
    for path in core_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id != "M" or not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def longest_fragment(template: str, min_words: int = MIN_WORDS) -> str | None:
    """The longest literal piece of a template between its placeholders with at least
    `min_words` words, stripped of surrounding spaces; None when there is none."""
    pieces = [lit.strip() for lit, _, _, _ in string.Formatter().parse(template) if lit]
    long_enough = [p for p in pieces if len(p.split()) >= min_words]
    return max(long_enough, key=len) if long_enough else None


def english_fragments(language: str = "de") -> dict[str, str]:
    """Fragment -> its template, for every core message whose English could be recognised in
    a text: its longest literal piece of at least three words. A piece that the `language`
    catalogue itself keeps (a technical name the translation leaves in English) is left out:
    finding it says nothing."""
    kept = [v.casefold() for v in messages.catalogue(language).values()]
    out: dict[str, str] = {}
    for template in message_ids():
        if messages.is_structural(template):
            continue
        fragment = longest_fragment(template)
        if fragment is None or any(fragment.casefold() in v for v in kept):
            continue
        out.setdefault(fragment, template)
    return out
