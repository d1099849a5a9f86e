"""Passphrases: the one rule for new ones, its strength estimate, and changing the wallet's.

The rule and the meter serve every place a person chooses a passphrase (the window's create,
restore, change-passphrase and backup dialogs; the CLI's `init`, `passwd` and `backup`), so all
of them state and check the same thing. It applies to new passphrases only: a wallet or backup
made under an older rule still opens with its own. The estimate comes from `zxcvbn`, imported
when first needed (its word lists are not start-up material); its English feedback is not shown:
the kind of weakness it found is said in our own words (`Strength.hint`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wallet.actions.changes import NOTHING, Changes
from wallet.messages import M, Msg
from wallet.store import WalletStore

MIN_LENGTH = 10  # long enough that a few unrelated words pass and "abc" or a name does not

WEAK, FAIR, GOOD, STRONG = "weak", "fair", "good", "strong"
_LEVELS = (WEAK, WEAK, FAIR, GOOD, STRONG)  # by zxcvbn's score, 0..4


def rule() -> Msg:
    """The rule, said before anyone types (and again when a passphrase breaks it)."""
    return M(
        "At least {n} characters; a few unrelated words work well.",
        n=MIN_LENGTH,
    )


def problem(passphrase: str) -> Msg | None:
    """Why `passphrase` cannot be chosen as a new one (the rule's sentence), or None."""
    if len(passphrase) < MIN_LENGTH:
        return rule()
    return None


@dataclass(frozen=True)
class Strength:
    """How hard a passphrase is to guess: zxcvbn's score (0..4) and what a meter shows."""

    score: int
    level: str  # WEAK, FAIR, GOOD or STRONG
    hint: Msg | None  # what made it easy to guess, in our words (None when nothing helps)

    @property
    def label(self) -> Msg:
        """The meter's word."""
        return {
            WEAK: M("Strength: weak"),
            FAIR: M("Strength: fair"),
            GOOD: M("Strength: good"),
        }.get(self.level, M("Strength: strong"))

    @property
    def weak(self) -> bool:
        return self.level == WEAK

    @property
    def warning(self) -> Msg | None:
        """A plain warning for a weak choice (allowed, but said), else None."""
        if not self.weak:
            return None
        return M("This passphrase is easy to guess. Add another unrelated word or two.")


def strength(passphrase: str) -> Strength:
    """zxcvbn's estimate of `passphrase` as a meter shows it (an empty one is weak)."""
    if not passphrase:
        return Strength(0, WEAK, None)
    from zxcvbn import zxcvbn  # type: ignore[import-untyped]  # word lists: load when typed

    result = zxcvbn(passphrase[:100])  # its matching grows fast with length; 100 is plenty
    score = max(0, min(4, int(result.get("score", 0))))
    level = _LEVELS[score]
    hint = None
    if score < 3:
        patterns = [str(m.get("pattern", "")) for m in result.get("sequence", [])]
        names = [str(m.get("dictionary_name", "")) for m in result.get("sequence", [])]
        if "passwords" in names:
            hint = M("Common passwords and small changes to them are easy to guess.")
        elif "repeat" in patterns:
            hint = M("Repeated characters or words are easy to guess.")
        elif "sequence" in patterns:
            hint = M("Sequences like abc or 1234 are easy to guess.")
        elif "spatial" in patterns:
            hint = M("Rows of keys like qwerty are easy to guess.")
        elif "date" in patterns or "regex" in patterns:
            hint = M("Dates and years are easy to guess.")
        elif any(p == "dictionary" for p in patterns):
            hint = M("Single common words and names are easy to guess.")
    return Strength(score, level, hint)


@dataclass(frozen=True)
class PassphraseChanged:
    """The wallet file re-keyed: only the new passphrase opens it now."""

    path: Path

    @property
    def changes(self) -> Changes:
        return NOTHING  # the same credentials, behind a new passphrase


def check_passphrase(store: WalletStore, passphrase: str) -> None:
    """WrongPassphrase unless `passphrase` opens the wallet file (on a second connection), so
    a person who walked up to an unlocked wallet cannot lock its owner out."""
    WalletStore.open(store.path, passphrase).close()


def change_passphrase(store: WalletStore, new: str) -> PassphraseChanged:
    """Re-key the whole file (WalletError for a file that is not encrypted; WalletBusy while
    another app has it open)."""
    store.change_passphrase(new)
    return PassphraseChanged(Path(store.path))
