"""Import: sources -> parsed credentials -> the store, one atomic step per credential.

Shared by the CLI and the desktop app, so both give the same per-item results. An item that
fails changes nothing stored; the others still go in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from wallet import formats
from wallet.errors import Duplicate, FormatError, WalletError
from wallet.messages import M, Msg, render
from wallet.sources import Failure, Item, read_sources
from wallet.store import WalletStore

IMPORTED = "imported"
DUPLICATE = "duplicate"
FAILED = "failed"


@dataclass
class ItemResult:
    """What happened to one source item, in words fit for a person and fields for scripts.

    `msg` is rendered in the reader's language; `message` is its English."""

    source: str
    status: str  # IMPORTED / DUPLICATE / FAILED
    msg: Msg
    id: str | None = None
    title: str | None = None
    verdict: str | None = None  # once verified after import (wallet.actions.importing)
    # The item was a presentation: the credentials it carries, for `import_items` to take in.
    presented: list[bytes] | None = field(default=None, repr=False, compare=False)

    @property
    def message(self) -> str:
        return str(self.msg)

    @property
    def ok(self) -> bool:
        return self.status != FAILED

    def line(self) -> Msg:
        """The result as one line (the CLI prints it); the verdict stays its keyword."""
        if self.status == IMPORTED and self.verdict:
            return M(
                "imported {id}  {title}  ({source}): {verdict}",
                id=self.id or "",
                title=self.title or "",
                source=self.source,
                verdict=self.verdict.upper(),
            )
        if self.status == IMPORTED:
            return M(
                "imported {id}  {title}  ({source})",
                id=self.id or "",
                title=self.title or "",
                source=self.source,
            )
        return M("{source}: {problem}", source=self.source, problem=self.msg)

    def to_dict(self) -> dict[str, str | None]:
        """The fields scripts read (`import --json`); `message` in English, as before."""
        return {
            "source": self.source,
            "status": self.status,
            "message": self.message,
            "id": self.id,
            "title": self.title,
            "verdict": self.verdict,
        }


def import_item(store: WalletStore, item: Item) -> ItemResult:
    """Parse and keep one item; never raises for bad input. A presentation is not kept: its
    result says so and carries the credentials inside (`presented`, see `import_items`)."""
    try:
        parsed = formats.parse(item.data, name=item.label)
    except formats.Presentation as p:
        return ItemResult(item.label, FAILED, p.msg, presented=p.items)
    except FormatError as e:
        return ItemResult(item.label, FAILED, e.msg)
    try:
        cid = store.credentials.add(parsed, item.label)
    except Duplicate as d:
        return ItemResult(item.label, DUPLICATE, d.msg, d.existing_id, parsed.credential.title)
    except WalletError as e:
        return ItemResult(item.label, FAILED, e.msg)
    done = (
        M("imported with {count} bundled credentials", count=len(parsed.children))
        if parsed.children
        else M("imported")
    )
    return ItemResult(item.label, IMPORTED, done, cid, parsed.credential.title)


def import_items(store: WalletStore, item: Item) -> list[ItemResult]:
    """One item's results: its credential's, or, for a presentation (JSON or VP-JWT), each
    credential's inside it, imported and later judged on its own as if it had come alone."""
    result = import_item(store, item)
    inside = result.presented
    if inside is None:
        return [result]
    if not inside:
        return [
            ItemResult(
                item.label,
                FAILED,
                M("a Verifiable Presentation with no credentials in it: nothing to import"),
            )
        ]
    if len(inside) > formats.vc.MAX_PRESENTED:
        return [
            ItemResult(
                item.label,
                FAILED,
                M(
                    "a Verifiable Presentation with more than {count} credentials in it: "
                    "nothing was imported",
                    count=formats.vc.MAX_PRESENTED,
                ),
            )
        ]
    count = len(inside)
    return [
        import_item(
            store,
            Item(
                render(
                    M(
                        "{source}, credential {number} of {count}",
                        source=item.label,
                        number=i,
                        count=count,
                    )
                ),
                data,
            ),
        )
        for i, data in enumerate(inside, start=1)
    ]


def import_sources(
    store: WalletStore,
    specs: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    progress: Callable[[ItemResult], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    allow_loopback: bool = True,
) -> list[ItemResult]:
    """Import every source (files, folders, zips, URLs, '-'), one result per item.

    `allow_loopback=False` for addresses the person only approved (one a QR code held): those
    never reach this computer, whatever the host name resolves to."""
    results: list[ItemResult] = []
    for entry in read_sources(list(specs), stdin=stdin, allow_loopback=allow_loopback):
        if cancelled is not None and cancelled():
            break
        if isinstance(entry, Failure):
            done = [ItemResult(entry.label, FAILED, entry.msg)]
        else:
            done = import_items(store, entry)
        for result in done:
            results.append(result)
            if progress is not None:
                progress(result)
    return results


def import_text(store: WalletStore, text: str, label: str = "pasted text") -> ItemResult:
    """Pasted JSON or JWT text (a pasted URL goes through `import_sources`)."""
    return import_item(store, Item(label, text.strip().encode("utf-8")))


def import_texts(store: WalletStore, text: str, label: str = "pasted text") -> list[ItemResult]:
    """Pasted text, a presentation's credentials each on its own (see `import_items`)."""
    return import_items(store, Item(label, text.strip().encode("utf-8")))
