"""The history of sharing: what the learner showed to which verifier, and when, in words.

Why: a learner who answered several verifiers wants to see later what each one was shown. The
command line (`learner-wallet shared`) and the window (View → History of Sharing…) read the same
entries from here, so both say the same thing: the verifier's own name and what proved who it
was, why it asked, and per credential its title (or that it has been deleted since) and the
claims it revealed in words ("Given name, Address › Street address") or the whole credential.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from wallet.actions.responding import WHOLE
from wallet.messages import Arg, M, Msg, join, plain
from wallet.present.claim_words import kept_words
from wallet.store import WalletStore

NOTHING_SHARED = M("Nothing has been shown to a verifier from this wallet.")


@dataclass(frozen=True)
class ShownCredential:
    """One credential of an answer and what it let the verifier see."""

    id: str
    title: str | None  # None: the wallet no longer holds it
    paths: tuple[str, ...]  # the claim paths as kept (or WHOLE alone)
    name: Msg  # its title, or "a credential since deleted (ID)"
    what: Msg  # the claims in words, or "the whole credential"
    line: Msg  # "{title}: {what}", as the command line prints it


@dataclass(frozen=True)
class ShareEntry:
    """One answer the wallet sent to a verifier, ready to show."""

    id: str
    shared_at: str  # ISO UTC, as kept
    when: _dt.datetime | None  # None: a time kept by an older version that does not read
    verifier: str | None  # the name it gave itself (nothing proves it)
    client_id: str  # what its signature or redirect proved
    host: str  # where the answer went
    purpose: str | None
    credentials: tuple[ShownCredential, ...]
    heading: Msg  # "{when}: to {verifier} ({client})"


def _what(paths: tuple[str, ...]) -> Msg:
    """The revealed claims in words, or the whole credential."""
    if paths == (WHOLE,):
        return M("the whole credential")
    return join([kept_words(path) for path in paths], ", ")


def _shown(cid: str, paths: tuple[str, ...], title: str | None) -> ShownCredential:
    what = _what(paths)
    if title is not None:
        return ShownCredential(
            cid, title, paths, plain(title), what, M("{title}: {what}", title=title, what=what)
        )
    return ShownCredential(
        cid,
        None,
        paths,
        M("a credential since deleted ({id})", id=cid),
        what,
        M("a credential since deleted ({id}): {what}", id=cid, what=what),
    )


def _moment(text: str) -> _dt.datetime | None:
    """The kept time of an answer; None when it does not read (a backup restored by a version
    that did not check it): the history then shows the text as kept, and still opens."""
    try:
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def shared_history(store: WalletStore) -> list[ShareEntry]:
    """Every answer to a verifier, newest first, with what each credential revealed."""
    titles = {s.id: s.title for s in store.credentials.summaries()}
    out: list[ShareEntry] = []
    for e in store.shares.all():
        when = _moment(e.shared_at)
        said: Arg = when if when is not None else plain(e.shared_at)
        heading = (
            M(
                "{when}: to {verifier} ({client})",
                when=said,
                verifier=e.verifier,
                client=e.client_id,
            )
            if e.verifier
            else M("{when}: to {client}", when=said, client=e.client_id)
        )
        shown = tuple(
            _shown(cid, tuple(paths), titles.get(cid))
            for cid, paths in zip(e.credentials, e.revealed, strict=False)
        )
        out.append(
            ShareEntry(
                e.id,
                e.shared_at,
                when,
                e.verifier,
                e.client_id,
                e.host,
                e.purpose,
                shown,
                heading,
            )
        )
    return out
