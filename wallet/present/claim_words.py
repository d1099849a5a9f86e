"""A claim's path in words a learner reads: `address/street_address` -> `Address › Street address`.

Why: the share picker and the consent screen ("what each credential would reveal") list the
claims a verifier would see, and issuers name them for machines (`given_name`, `iat`,
`credentialSubject/achievement/name`). Names we know get our words (translated through the
message catalogue); any other name is the issuer's, shown as written but spaced
(`street_address`, `streetAddress` -> `Street address`, `Street Address`) and never translated.
A claim name is a stranger's text: it stays plain text, loses control characters and line
breaks, and is cut to a bounded length. The raw path stays the data (history, presentations);
these words are only for showing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from wallet.messages import M, Msg, join, plain

SUBJECT = "credentialSubject"
SEPARATOR = " › "
MAX_NAME = 60  # characters of one claim name shown, then "…"
MAX_STEPS = 6  # names of one path shown; deeper ones are cut to the last few

Step = str | int | None  # a path step: a name, an array index, None for "every element"

# Top-level JWT claims: what they mean, not what they are called.
_TOP_LEVEL = {
    "iss": M("Issuer"),
    "iat": M("Issued at"),
    "nbf": M("Valid from"),
    "exp": M("Expires"),
    "vct": M("Credential type"),
    "sub": M("Your identifier"),
    "cnf": M("Your holder key"),
    "jti": M("Credential ID"),
    "status": M("Revocation status"),
}
# Well-known names (OpenID Connect standard claims, with their `address` members, and the
# SD-JWT VC / EU PID person claims) at any depth.
_ANYWHERE = {
    "given_name": M("Given name"),
    "family_name": M("Family name"),
    "birthdate": M("Birth date"),
    "email": M("Email"),
    "phone_number": M("Phone number"),
    "address": M("Address"),
    "street_address": M("Street address"),
    "locality": M("Town or city"),
    "region": M("Region"),
    "postal_code": M("Postal code"),
    "country": M("Country"),
    "nationalities": M("Nationalities"),
    "place_of_birth": M("Place of birth"),
    SUBJECT: M("Subject"),
}


def _tokens(path: str) -> list[str]:
    """The names in a slash path or JSON pointer (`~1` is "/", `~0` is "~")."""
    return [t.replace("~1", "/").replace("~0", "~") for t in path.strip("/").split("/") if t]


def _clean(name: str) -> str:
    """A stranger's name as one plain line: no control or format characters, one space
    between words, at most MAX_NAME characters."""
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in name
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    text = " ".join(kept.split())
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"


def spaced(name: str) -> str:
    """`street_address` / `streetAddress` -> `Street address` / `Street Address`: the
    issuer's name as written, with spaces between its words and a capital first letter."""
    text = re.sub(r"[_\-]+", " ", name)
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    text = _clean(text)
    return text[:1].upper() + text[1:] if text else _clean(name)


def _index(step: Step) -> int | None:
    """The array index a step stands for (JSON pointers and slash paths write it as digits)."""
    if isinstance(step, int):
        return step
    if isinstance(step, str) and step.isdigit() and len(step) < 10:
        return int(step)
    return None


def claim_words(path: str | Sequence[Step]) -> Msg:
    """The words for a claim path: a slash path (`address/street_address`), a JSON pointer
    (`/credentialSubject/achievement/name`) or a DCQL path (`("degrees", None, "type")`).

    The subject's own claims read without `credentialSubject`; an array index numbers the item
    (`Nationalities 2`); an "every element" step is left out."""
    steps: list[Step] = list(_tokens(path) if isinstance(path, str) else path)
    names = [s for s in steps if isinstance(s, str)]
    if names == [SUBJECT, "id"]:
        return M("Your identifier")
    if len(steps) == 1 and isinstance(steps[0], str) and steps[0] in _TOP_LEVEL:
        return _TOP_LEVEL[steps[0]]
    if steps[:1] == [SUBJECT] and len(steps) > 1:  # the subject's claims: about the learner
        steps = steps[1:]  # (an index after it stays: two subjects' claims must not read alike)
    words: list[Msg] = []
    for step in steps:
        index = _index(step)
        if step is None:
            continue
        if index is not None and words:
            words[-1] = M("{label} {n}", label=words[-1], n=index + 1)
        elif index is not None:
            words.append(M("Item {n}", n=index + 1))
        else:
            assert isinstance(step, str)
            words.append(_ANYWHERE.get(step) or plain(spaced(step) or "?"))
    if not words:
        return M("Subject")
    if len(words) > MAX_STEPS:
        words = [plain("…"), *words[-(MAX_STEPS - 1) :]]
    return join(words, SEPARATOR)


def kept_words(path: str) -> Msg:
    """The words for a claim path as the consent screen lists it and the history of shares
    keeps it: a slash path or JSON pointer (`address/street_address`), or a verifier's DCQL
    path joined with "." and "*" for every element (`degrees.*.type`, `nationalities.0`).

    The history keeps the text alone, so a name with a dot and no slash reads as steps
    (`Org › Name` for `org.name`): only the words shown change, never what was kept."""
    if "/" in path or "." not in path:
        return claim_words(path)
    return claim_words([None if step == "*" else step for step in path.split(".")])
